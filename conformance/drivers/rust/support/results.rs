// Results: `ghost_out!` splits a call's value into an outcome by autoref specialisation at
// the call site (Result or plain, f64 or any Serialize); `ghost_error!` turns an error into
// its kind (`{:?}`'s leading identifier) and message (`Display` when there is one).
use super::values::{float_value, tag, GhostError, Outcome};
use serde::Serialize;
use std::cell::Cell;
use std::fmt::{Debug, Display};


/// Holds a result for `ghost_out!`; the Cell lets `&self` methods take it.
pub struct Ret<T>(pub Cell<Option<T>>);

pub(crate) fn plain<T: Serialize>(t: T) -> Outcome {
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
            Err(e) => Err($crate::ghost_error!(e)),
        }
    }};
}
