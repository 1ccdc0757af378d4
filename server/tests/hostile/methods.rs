//! Methods: only GET and HEAD.

use crate::common::exchange;
use crate::harness::*;

const SOME_TARGETS: [&str; 5] = [
    "/",
    "/articles/wintertime-depression",
    "/api/library?q=x",
    "/pkg/wellspring.css",
    "/no-such-page",
];

#[test]
fn delete_is_405() {
    for target in SOME_TARGETS {
        assert_not_allowed("DELETE", target);
    }
    still_serving();
}

#[test]
fn put_is_405() {
    for target in SOME_TARGETS {
        assert_not_allowed("PUT", target);
    }
    still_serving();
}

#[test]
fn patch_is_405() {
    for target in SOME_TARGETS {
        assert_not_allowed("PATCH", target);
    }
    still_serving();
}

#[test]
fn post_is_405() {
    for target in SOME_TARGETS {
        assert_not_allowed("POST", target);
    }
    still_serving();
}

#[test]
fn options_is_405() {
    for target in SOME_TARGETS {
        assert_not_allowed("OPTIONS", target);
    }
    assert_not_allowed("OPTIONS", "*");
    still_serving();
}

#[test]
fn trace_is_405() {
    for target in SOME_TARGETS {
        assert_not_allowed("TRACE", target);
    }
    // TRACE would echo the request back: a cookie or header must not come back.
    let res = send("TRACE", "/", &[("X-Secret", "do-not-echo")], b"").expect("an answer");
    assert!(
        !res.text().contains("do-not-echo"),
        "TRACE echoed the request"
    );
    still_serving();
}

#[test]
fn connect_is_405() {
    let res = exchange(
        b"CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\nConnection: close\r\n\r\n",
    );
    if let Some(res) = res.as_ref().filter(|res| !from_hyper(res)) {
        assert_eq!(res.header("allow"), Some("GET, HEAD"), "CONNECT");
    }
    assert_answer_or_refused("CONNECT localhost:443", res, &[405], &[400]);
    still_serving();
}

#[test]
fn made_up_method_is_405() {
    for method in ["BREW", "PROPFIND", "get", "G-E-T"] {
        assert_not_allowed(method, "/");
    }
    still_serving();
}
