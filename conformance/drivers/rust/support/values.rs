// Values on the wire: errors, outcomes, and the `$ghost` tags (NaN, ±∞, big integers).
use serde_json::{json, Map, Value};
use std::cell::RefCell;

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

thread_local! {
    /// The tags this call's arguments carried that serde_json cannot hold (NaN, ±∞, bytes,
    /// integers beyond ±2^64), handed over as written: a result holding one of them sends it
    /// back as the tag, not escaped (an `echo` of NaN stays NaN).
    static PASSED: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

/// Forgets the previous call's passed-through tags (at each request).
pub(crate) fn reset_passed() {
    PASSED.with(|p| p.borrow_mut().clear());
}

/// Big-integer tags become plain numbers where serde_json can hold them (±2^64), so an
/// implementation taking `u64` or `i64` receives them; an escaped object
/// (`{"$ghost":"object","value":{...}}`) becomes its entries, its own `$ghost` key kept
/// literally; unknown tags are plain objects; the other tags stay as written.
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
            match map.get("$ghost").and_then(Value::as_str) {
                Some("object") => {
                    let inner = match map.get("value") {
                        Some(Value::Object(inner)) => inner.clone(),
                        _ => Map::new(),
                    };
                    return untag_entries(&inner);
                }
                Some("nan" | "inf" | "-inf" | "bytes" | "bigint") => {
                    PASSED.with(|p| p.borrow_mut().push(v.clone()));
                    return v.clone();
                }
                _ => {}
            }
            untag_entries(map)
        }
        _ => v.clone(),
    }
}

fn untag_entries(map: &Map<String, Value>) -> Value {
    Value::Object(map.iter().map(|(k, x)| (k.clone(), untag(x))).collect())
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
        Value::Object(map) => {
            if map.contains_key("$ghost") {
                // a tag this call received and could not decode goes back as it came
                let v = Value::Object(map);
                if PASSED.with(|p| p.borrow().contains(&v)) {
                    return v;
                }
                let Value::Object(map) = v else { unreachable!() };
                // an object with a `$ghost` key of its own would read as a tag (a returned
                // {"$ghost": "nan"} as NaN): it travels escaped, as {"$ghost": "object", "value": {...}}
                let inner = map.into_iter().map(|(k, x)| (k, tag(x))).collect::<Map<String, Value>>();
                return json!({"$ghost": "object", "value": Value::Object(inner)});
            }
            Value::Object(map.into_iter().map(|(k, x)| (k, tag(x))).collect::<Map<String, Value>>())
        }
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
