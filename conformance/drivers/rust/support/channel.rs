// The protocol loop: handshake, one response per request, output captured per call.
use super::values::{reset_passed, GhostError, Outcome};
use serde_json::{json, Map, Value};
use std::cell::Cell;
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
        reset_passed();
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
