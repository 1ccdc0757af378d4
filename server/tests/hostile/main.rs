//! The hostile-input suite (issue #9): requests no browser would send, against the production
//! router, layers and accept loop on a real listener. Each must get the right 4xx (or a 200
//! with safe content): never a 5xx, a panic, a hang, a file from outside the site, or the
//! injected markup back unescaped. Every case ends by checking that the server still serves
//! the whole library and still reports itself healthy and ready.
//!
//! Responses the application produced must also carry the security headers (see
//! `common::security_problems`). Requests hyper cannot parse at all are answered by hyper
//! itself, with an empty 400/414/431 or a closed connection, before any layer runs.
//!
//! One binary, one file per kind of case; `harness.rs` has what they share.

#[path = "../common/mod.rs"]
mod common;
mod harness;

mod burst;
mod bytes;
mod head;
mod injection;
mod limits;
mod malformed;
mod methods;
mod slow_clients;
mod traversal;
