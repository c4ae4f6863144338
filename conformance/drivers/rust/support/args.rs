// Arguments: one holder per spec type; `holder.pass()` converts into the parameter type the
// implementation declares (inferred at the call site in main.rs).
use super::values::{arg_error, tagged_float, tagged_int, untag, GhostError};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::cell::OnceCell;


/// The argument at `index`: what the request sent, else the spec's default, else null.
pub fn arg_value(args: &[Value], index: usize, default: Option<&str>) -> Value {
    match args.get(index) {
        Some(v) => v.clone(),
        None => default.and_then(|d| serde_json::from_str(d).ok()).unwrap_or(Value::Null),
    }
}

/// Converts a holder into the implementation's parameter type `T` (inferred at the call).
pub trait Pass<'a, T> {
    fn pass(&'a self) -> Result<T, GhostError>;
}

/// Any JSON value (objects, untyped parameters): decoded into any `T: Deserialize` taken by
/// value. A null for a parameter that is not an `Option` is retried as `{}`, so an options
/// struct with `#[serde(default)]` gets its defaults.
pub struct AnyArg(pub usize, pub Value);

impl<'a, T: DeserializeOwned> Pass<'a, T> for AnyArg {
    fn pass(&'a self) -> Result<T, GhostError> {
        let v = untag(&self.1);
        match serde_json::from_value::<T>(v.clone()) {
            Ok(t) => Ok(t),
            Err(e) if v.is_null() => serde_json::from_value::<T>(json!({})).map_err(|_| arg_error(self.0, &e.to_string(), &v)),
            Err(e) => Err(arg_error(self.0, &e.to_string(), &v)),
        }
    }
}

pub struct StrArg(pub usize, pub Value);

impl<'a> Pass<'a, &'a str> for StrArg {
    fn pass(&'a self) -> Result<&'a str, GhostError> {
        self.1.as_str().ok_or_else(|| arg_error(self.0, "a string", &self.1))
    }
}
impl<'a> Pass<'a, String> for StrArg {
    fn pass(&'a self) -> Result<String, GhostError> {
        Pass::<&str>::pass(self).map(str::to_owned)
    }
}
impl<'a> Pass<'a, Option<&'a str>> for StrArg {
    fn pass(&'a self) -> Result<Option<&'a str>, GhostError> {
        if self.1.is_null() { Ok(None) } else { Pass::<&str>::pass(self).map(Some) }
    }
}
impl<'a> Pass<'a, Option<String>> for StrArg {
    fn pass(&'a self) -> Result<Option<String>, GhostError> {
        Pass::<Option<&str>>::pass(self).map(|s| s.map(str::to_owned))
    }
}
impl<'a> Pass<'a, char> for StrArg {
    fn pass(&'a self) -> Result<char, GhostError> {
        let s: &str = self.pass()?;
        let mut it = s.chars();
        match (it.next(), it.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(arg_error(self.0, "one character", &self.1)),
        }
    }
}

/// Integers: any primitive integer type (range-checked), `f64`, and their `Option`s.
pub struct IntArg(pub usize, pub Value);

impl IntArg {
    fn int(&self) -> Result<i128, GhostError> {
        if let Some(i) = tagged_int(&self.1) {
            return Ok(i);
        }
        match &self.1 {
            Value::Number(n) => n
                .as_i64()
                .map(i128::from)
                .or_else(|| n.as_u64().map(i128::from))
                .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 1e38).map(|f| f as i128))
                .ok_or_else(|| arg_error(self.0, "an integer", &self.1)),
            _ => Err(arg_error(self.0, "an integer", &self.1)),
        }
    }
}

macro_rules! int_pass {
    ($($t:ty),*) => {$(
        impl<'a> Pass<'a, $t> for IntArg {
            fn pass(&'a self) -> Result<$t, GhostError> {
                let i = self.int()?;
                <$t>::try_from(i).map_err(|_| arg_error(self.0, concat!("an integer that fits ", stringify!($t)), &self.1))
            }
        }
        impl<'a> Pass<'a, Option<$t>> for IntArg {
            fn pass(&'a self) -> Result<Option<$t>, GhostError> {
                if self.1.is_null() { Ok(None) } else { Pass::<$t>::pass(self).map(Some) }
            }
        }
    )*};
}
int_pass!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);

impl<'a> Pass<'a, f64> for IntArg {
    fn pass(&'a self) -> Result<f64, GhostError> {
        self.int().map(|i| i as f64)
    }
}

/// Numbers: `f64`/`f32` (NaN and infinities from their tags), integers when integral.
pub struct NumArg(pub usize, pub Value);

impl NumArg {
    fn float(&self) -> Result<f64, GhostError> {
        tagged_float(&self.1)
            .or_else(|| tagged_int(&self.1).map(|i| i as f64))
            .or_else(|| self.1.as_f64())
            .ok_or_else(|| arg_error(self.0, "a number", &self.1))
    }
}
impl<'a> Pass<'a, f64> for NumArg {
    fn pass(&'a self) -> Result<f64, GhostError> {
        self.float()
    }
}
impl<'a> Pass<'a, f32> for NumArg {
    fn pass(&'a self) -> Result<f32, GhostError> {
        self.float().map(|f| f as f32)
    }
}
impl<'a> Pass<'a, Option<f64>> for NumArg {
    fn pass(&'a self) -> Result<Option<f64>, GhostError> {
        if self.1.is_null() { Ok(None) } else { self.float().map(Some) }
    }
}
impl<'a> Pass<'a, i64> for NumArg {
    fn pass(&'a self) -> Result<i64, GhostError> {
        IntArg(self.0, self.1.clone()).pass()
    }
}

pub struct BoolArg(pub usize, pub Value);

impl<'a> Pass<'a, bool> for BoolArg {
    fn pass(&'a self) -> Result<bool, GhostError> {
        self.1.as_bool().ok_or_else(|| arg_error(self.0, "a boolean", &self.1))
    }
}
impl<'a> Pass<'a, Option<bool>> for BoolArg {
    fn pass(&'a self) -> Result<Option<bool>, GhostError> {
        if self.1.is_null() { Ok(None) } else { Pass::<bool>::pass(self).map(Some) }
    }
}

/// Arrays: `Vec<T>` for any `T: Deserialize`, or borrowed `&[String]` / `&[&str]` / `&[Value]`.
pub struct ArrArg {
    pub index: usize,
    pub value: Value,
    strings: OnceCell<Vec<String>>,
    values: OnceCell<Vec<Value>>,
}

impl ArrArg {
    pub fn new(index: usize, value: Value) -> Self {
        ArrArg { index, value, strings: OnceCell::new(), values: OnceCell::new() }
    }
    fn items(&self) -> Result<&Vec<Value>, GhostError> {
        self.value.as_array().ok_or_else(|| arg_error(self.index, "an array", &self.value))
    }
}
impl<'a, T: DeserializeOwned> Pass<'a, Vec<T>> for ArrArg {
    fn pass(&'a self) -> Result<Vec<T>, GhostError> {
        self.items()?;
        serde_json::from_value(untag(&self.value)).map_err(|e| arg_error(self.index, &e.to_string(), &self.value))
    }
}
impl<'a> Pass<'a, &'a [Value]> for ArrArg {
    fn pass(&'a self) -> Result<&'a [Value], GhostError> {
        self.items()?;
        if self.values.get().is_none() {
            let _ = self.values.set(untag(&self.value).as_array().cloned().unwrap_or_default());
        }
        Ok(self.values.get().map(|v| v.as_slice()).unwrap_or(&[]))
    }
}
impl<'a> Pass<'a, &'a [String]> for ArrArg {
    fn pass(&'a self) -> Result<&'a [String], GhostError> {
        if self.strings.get().is_none() {
            let owned: Vec<String> = self.pass()?;
            let _ = self.strings.set(owned);
        }
        Ok(self.strings.get().map(|v| v.as_slice()).unwrap_or(&[]))
    }
}
