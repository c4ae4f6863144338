// ghost harness support for Rust implementations (protocol v1, docs/driver-protocol.md).
//
// ghost generates a bin crate around this file: `main.rs` (one `dispatch` arm per spec
// function, written from the spec's typed interface) depends on the implementation crate by
// path and on serde_json. Rust has no reflection, so arguments are handed over by type
// inference: each parameter gets a holder for its spec type (`StrArg`, `IntArg`, ...), and
// `holder.pass()?` converts into whatever the implementation's parameter type is (`&str` or
// `String`, `i64` or `u32`, `Vec<T>`, `Option<T>`, any `T: Deserialize`). Results go out
// through `ghost_out!`, which tells `Result<T, E>` (an `Err` is an error case) from a plain
// value by autoref specialisation, so no trait needs implementing on the implementation side.
#![allow(dead_code)]

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::cell::{Cell, OnceCell};
use std::fmt::{Debug, Display};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::panic::{self, AssertUnwindSafe};

extern "C" {
    fn dup(fd: i32) -> i32;
    fn dup2(old: i32, new: i32) -> i32;
}

const OUTPUT_LIMIT: usize = 64 * 1024;
const LINE_LIMIT: usize = 16 * 1024 * 1024;
const SAFE_INT: i128 = (1 << 53) - 1;

pub struct GhostError {
    pub kind: String,
    pub message: String,
    pub trace: Option<String>,
}

pub type Outcome = Result<Value, GhostError>;

fn arg_error(index: usize, want: &str, got: &Value) -> GhostError {
    let mut shown = got.to_string();
    if shown.len() > 200 {
        shown.truncate(shown.char_indices().take_while(|(i, _)| *i < 200).last().map_or(0, |(i, c)| i + c.len_utf8()));
    }
    GhostError { kind: "ArgumentTypeError".into(), message: format!("argument {index}: expected {want}, got {shown}"), trace: None }
}

// ------------------------------------------------------------------------ tagged values

/// A `{"$ghost": ...}` tag as a float, if it is one of the non-finite tags.
fn tagged_float(v: &Value) -> Option<f64> {
    match v.get("$ghost")?.as_str()? {
        "nan" => Some(f64::NAN),
        "inf" => Some(f64::INFINITY),
        "-inf" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

fn tagged_int(v: &Value) -> Option<i128> {
    if v.get("$ghost")?.as_str()? != "bigint" {
        return None;
    }
    v.get("value")?.as_str()?.parse().ok()
}

/// Big-integer tags become plain numbers where serde_json can hold them (±2^64), so an
/// implementation taking `u64` or `i64` receives them; other tags stay as written.
fn untag(v: &Value) -> Value {
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
fn tag(v: Value) -> Value {
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

fn float_value(f: f64) -> Value {
    if f.is_nan() {
        json!({"$ghost": "nan"})
    } else if f.is_infinite() {
        json!({"$ghost": if f > 0.0 { "inf" } else { "-inf" }})
    } else {
        json!(f)
    }
}

// ------------------------------------------------------------------------ arguments

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
}

impl ArrArg {
    pub fn new(index: usize, value: Value) -> Self {
        ArrArg { index, value, strings: OnceCell::new() }
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
        self.items().map(|v| v.as_slice())
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

// ------------------------------------------------------------------------ results

/// Holds a result for `ghost_out!`; the Cell lets `&self` methods take it.
pub struct Ret<T>(pub Cell<Option<T>>);

fn plain<T: Serialize>(t: T) -> Outcome {
    serde_json::to_value(&t).map(tag).map_err(|e| GhostError { kind: "UnserializableResult".into(), message: e.to_string(), trace: None })
}

/// The error kind: the leading identifier of `{:?}` (the variant of an error enum, the name
/// of an error struct); "Error" when there is none (a `String` error).
pub fn kind_of(debug: &str) -> String {
    let ident: String = debug.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    if ident.is_empty() || ident.chars().next().is_some_and(|c| c.is_ascii_digit()) { "Error".into() } else { ident }
}

pub struct ErrRef<'e, E>(pub &'e E);
pub trait ViaDisplay {
    fn ghost_error(&self) -> GhostError;
}
pub trait ViaDebug {
    fn ghost_error(&self) -> GhostError;
}
impl<'e, E: Debug + Display> ViaDisplay for &ErrRef<'e, E> {
    fn ghost_error(&self) -> GhostError {
        let debug = format!("{:?}", self.0);
        GhostError { kind: kind_of(&debug), message: self.0.to_string(), trace: Some(debug) }
    }
}
impl<'e, E: Debug> ViaDebug for ErrRef<'e, E> {
    fn ghost_error(&self) -> GhostError {
        let debug = format!("{:?}", self.0);
        GhostError { kind: kind_of(&debug), message: debug, trace: None }
    }
}

#[macro_export]
macro_rules! ghost_error {
    ($e:expr) => {{
        #[allow(unused_imports)]
        use $crate::support::{ViaDebug as _, ViaDisplay as _};
        (&&$crate::support::ErrRef(&$e)).ghost_error()
    }};
}

/// Never constructed: the error type of a plain (non-`Result`) return.
#[derive(Debug)]
pub enum NoError {}

// Four ways to split a return value, tried in this order by autoref specialisation at the call
// site (where every type is concrete): Result<f64, E>, Result<T, E>, f64, T. The error stays
// its own type so that ghost_error! sees it concretely (Display is found only there).
pub trait SplitResultFloat {
    type Error;
    fn ghost_split(&self) -> Result<Outcome, Self::Error>;
}
pub trait SplitResult {
    type Error;
    fn ghost_split(&self) -> Result<Outcome, Self::Error>;
}
pub trait SplitFloat {
    type Error;
    fn ghost_split(&self) -> Result<Outcome, Self::Error>;
}
pub trait SplitPlain {
    type Error;
    fn ghost_split(&self) -> Result<Outcome, Self::Error>;
}
impl<E> SplitResultFloat for &&&Ret<Result<f64, E>> {
    type Error = E;
    fn ghost_split(&self) -> Result<Outcome, E> {
        self.0.take().expect("result taken once").map(|f| Ok(float_value(f)))
    }
}
impl<T: Serialize, E> SplitResult for &&Ret<Result<T, E>> {
    type Error = E;
    fn ghost_split(&self) -> Result<Outcome, E> {
        self.0.take().expect("result taken once").map(plain)
    }
}
impl SplitFloat for &Ret<f64> {
    type Error = NoError;
    fn ghost_split(&self) -> Result<Outcome, NoError> {
        Ok(Ok(float_value(self.0.take().expect("result taken once"))))
    }
}
impl<T: Serialize> SplitPlain for Ret<T> {
    type Error = NoError;
    fn ghost_split(&self) -> Result<Outcome, NoError> {
        Ok(plain(self.0.take().expect("result taken once")))
    }
}

/// The outcome of a call expression, whatever its type (`Result` or plain, float or not).
#[macro_export]
macro_rules! ghost_out {
    ($e:expr) => {{
        #[allow(unused_imports)]
        use $crate::support::{SplitFloat as _, SplitPlain as _, SplitResult as _, SplitResultFloat as _};
        let ret = $crate::support::Ret(::std::cell::Cell::new(Some($e)));
        match (&&&&ret).ghost_split() {
            Ok(outcome) => outcome,
            Err(e) => Err(ghost_error!(e)),
        }
    }};
}

// ------------------------------------------------------------------------ protocol loop

thread_local! {
    static PANIC_AT: Cell<Option<String>> = const { Cell::new(None) };
}

/// The protocol runs on private duplicates of fds 0 and 1; fd 0 becomes /dev/null and fds 1
/// and 2 a capture file, so whatever the implementation prints (println!, libc, children)
/// lands in the case's `output` and never in the response stream.
struct Channel {
    input: BufReader<File>,
    output: std::io::BufWriter<File>,
    capture: File,
}

fn private_dup(fd: i32) -> File {
    let new = unsafe { dup(fd) };
    assert!(new >= 0, "dup({fd}) failed");
    unsafe { File::from_raw_fd(new) }
}

impl Channel {
    fn open() -> Channel {
        let input = private_dup(0);
        let output = private_dup(1);
        let dir = std::env::temp_dir();
        let path = dir.join(format!("ghost-rust-capture-{}", std::process::id()));
        let capture = std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(true).open(&path).expect("capture file");
        let _ = std::fs::remove_file(&path);
        let null = File::open("/dev/null").expect("/dev/null");
        unsafe {
            dup2(null.as_raw_fd(), 0);
            dup2(capture.as_raw_fd(), 1);
            dup2(capture.as_raw_fd(), 2);
        }
        Channel { input: BufReader::with_capacity(1 << 16, input), output: std::io::BufWriter::with_capacity(1 << 16, output), capture }
    }

    fn reset_capture(&mut self) {
        let _ = self.capture.set_len(0);
        let _ = self.capture.seek(SeekFrom::Start(0));
    }

    fn take_capture(&mut self) -> String {
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().flush();
        let mut buf = Vec::new();
        let _ = self.capture.seek(SeekFrom::Start(0));
        let _ = (&mut self.capture).take(OUTPUT_LIMIT as u64).read_to_end(&mut buf);
        let text = String::from_utf8_lossy(&buf).into_owned();
        self.reset_capture();
        text
    }

    fn send(&mut self, msg: &Value) {
        let mut line = msg.to_string();
        if line.len() > LINE_LIMIT {
            let id = msg.get("id").cloned().unwrap_or(Value::Null);
            line = json!({"id": id, "ok": false, "error": {"kind": "ResultTooLarge", "message": format!("response of {} bytes exceeds the 16 MiB line limit", line.len())}}).to_string();
        }
        let _ = self.output.write_all(line.as_bytes());
        let _ = self.output.write_all(b"\n");
        let _ = self.output.flush();
    }
}

fn error_json(e: &GhostError) -> Value {
    let mut err = json!({"kind": e.kind, "message": e.message});
    if let Some(t) = &e.trace {
        err["trace"] = json!(t);
    }
    err
}

/// Serves requests until stdin closes. `functions`: spec name → implementation path (only
/// the ones found); `dispatch` returns None for a name it does not know.
pub fn serve(entry: &str, functions: &[(&str, &str)], dispatch: fn(&str, &[Value]) -> Option<Outcome>) {
    panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
        PANIC_AT.with(|p| p.set(at));
    }));
    let mut ch = Channel::open();
    let fns: Map<String, Value> = functions.iter().map(|(k, v)| (k.to_string(), json!(v))).collect();
    ch.send(&json!({"ghost": "driver", "protocol": 1, "language": "rust", "entry": entry, "functions": fns}));
    let mut line = String::new();
    loop {
        line.clear();
        match ch.input.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if line.trim().is_empty() {
            continue;
        }
        let req: Value = match serde_json::from_str(&line) {
            Ok(v @ Value::Object(_)) => v,
            _ => {
                ch.send(&json!({"id": null, "ok": false, "error": {"kind": "ProtocolError", "message": "request is not a JSON object"}}));
                continue;
            }
        };
        let id = req.get("id").cloned().unwrap_or(Value::Null);
        let name = req.get("fn").and_then(Value::as_str).unwrap_or("").to_string();
        let args = req.get("args").and_then(Value::as_array).cloned().unwrap_or_default();
        ch.reset_capture();
        let result = panic::catch_unwind(AssertUnwindSafe(|| dispatch(&name, &args)));
        let output = ch.take_capture();
        let mut msg = match result {
            Ok(Some(Ok(value))) => json!({"id": id, "ok": true, "value": value}),
            Ok(Some(Err(e))) => json!({"id": id, "ok": false, "error": error_json(&e)}),
            Ok(None) => json!({"id": id, "ok": false, "error": {"kind": "FunctionNotFound", "message": format!("no function {name} in the implementation")}}),
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".into());
                let at = PANIC_AT.with(|p| p.take());
                json!({"id": id, "ok": false, "error": {"kind": "Panic", "message": message, "trace": at.unwrap_or_default()}})
            }
        };
        if !output.is_empty() {
            msg["output"] = json!(output);
        }
        ch.send(&msg);
    }
}
