//! The benchmark library, Rust flavour.

pub fn add(a: i64, b: i64) -> i64 {
    a + b
}

pub fn echo(x: serde_json::Value) -> serde_json::Value {
    x
}

pub fn shout(s: &str) -> String {
    format!("{}!", s.to_uppercase())
}
