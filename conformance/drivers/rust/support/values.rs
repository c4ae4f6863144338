// Values on the wire: errors, outcomes, and the `$ghost` tags (NaN, ±∞, big integers).
use serde_json::{json, Map, Value};

pub(crate) const SAFE_INT: i128 = (1 << 53) - 1;

pub struct GhostError {
    pub kind: String,
    pub message: String,
    pub trace: Option<String>,
}

pub type Outcome = Result<Value, GhostError>;

pub(crate) fn arg_error(index: usize, want: &str, got: &Value) -> GhostError {
    let mut shown = got.to_string();
    if shown.len() > 200 {
        shown.truncate(shown.char_indices().take_while(|(i, _)| *i < 200).last().map_or(0, |(i, c)| i + c.len_utf8()));
    }
    GhostError { kind: "ArgumentTypeError".into(), message: format!("argument {index}: expected {want}, got {shown}"), trace: None }
}


/// A `{"$ghost": ...}` tag as a float, if it is one of the non-finite tags.
pub(crate) fn tagged_float(v: &Value) -> Option<f64> {
    match v.get("$ghost")?.as_str()? {
        "nan" => Some(f64::NAN),
        "inf" => Some(f64::INFINITY),
        "-inf" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

pub(crate) fn tagged_int(v: &Value) -> Option<i128> {
    if v.get("$ghost")?.as_str()? != "bigint" {
        return None;
    }
    v.get("value")?.as_str()?.parse().ok()
}

/// Big-integer tags become plain numbers where serde_json can hold them (±2^64), so an
/// implementation taking `u64` or `i64` receives them; other tags stay as written.
pub(crate) fn untag(v: &Value) -> Value {
    match v {
        Value::Array(items) => Value::Array(items.iter().map(untag).collect()),
        Value::Object(map) => {
            if let Some(i) = tagged_int(v) {
                if let Ok(n) = i64::try_from(i) {
                    return json!(n);
                }
                if let Ok(n) = u64::try_from(i) {
                    return json!(n);
                }
            }
            Value::Object(map.iter().map(|(k, x)| (k.clone(), untag(x))).collect())
        }
        _ => v.clone(),
    }
}

/// Canonical integers on the wire: beyond ±(2^53−1) always the bigint tag.
pub(crate) fn tag(v: Value) -> Value {
    match v {
        Value::Number(ref n) => {
            let big = n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from));
            match big {
                Some(i) if i.abs() > SAFE_INT => json!({"$ghost": "bigint", "value": i.to_string()}),
                _ => v,
            }
        }
        Value::Array(items) => Value::Array(items.into_iter().map(tag).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, x)| (k, tag(x))).collect::<Map<String, Value>>()),
        other => other,
    }
}

pub(crate) fn float_value(f: f64) -> Value {
    if f.is_nan() {
        json!({"$ghost": "nan"})
    } else if f.is_infinite() {
        json!({"$ghost": if f > 0.0 { "inf" } else { "-inf" }})
    } else {
        json!(f)
    }
}
