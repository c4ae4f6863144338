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

mod args;
mod channel;
#[macro_use]
mod results;
mod values;

pub use args::*;
pub use channel::serve;
pub use results::*;
#[allow(unused_imports)]
pub use values::{GhostError, Outcome};
