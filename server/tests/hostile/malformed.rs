//! Malformed requests: hyper refuses them before any layer runs.

use crate::common::{self, exchange, exchange_raw};
use crate::harness::*;

#[test]
fn garbage_request_line_is_400_or_closed() {
    for (what, bytes) in [
        (
            "a TLS ClientHello",
            &b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\xde\xad\xbe\xef\r\n\r\n"[..],
        ),
        ("words", b"HELLO THERE\r\n\r\n"),
        ("no version", b"GET /\r\n\r\n"),
        ("HTTP/9.9", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n"),
        (
            "HTTP/2.0 in HTTP/1 framing",
            b"GET / HTTP/2.0\r\nHost: x\r\n\r\n",
        ),
        ("two spaces", b"GET  /  HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("a bare CR", b"GET / HTTP/1.1\rHost: x\r\n\r\n"),
        (
            "NUL in a header",
            b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n",
        ),
        (
            "space in a header name",
            b"GET / HTTP/1.1\r\nHost: x\r\nX A: b\r\n\r\n",
        ),
        (
            "a folded header",
            b"GET / HTTP/1.1\r\nHost: x\r\nX-A: b\r\n folded\r\n\r\n",
        ),
        ("no colon", b"GET / HTTP/1.1\r\nHost: x\r\nnonsense\r\n\r\n"),
        ("binary noise", b"\x00\x01\x02\x03\xff\xfe\xfd\r\n\r\n"),
    ] {
        assert_refused_early(what, exchange(bytes).as_ref(), &[400]);
    }
    still_serving();
}

#[test]
fn conflicting_content_lengths_are_400() {
    let res = exchange(
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\nConnection: close\r\n\r\nabcde",
    );
    assert_refused_early("two Content-Lengths", res.as_ref(), &[400]);
    let res =
        exchange(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n");
    assert_refused_early("a negative Content-Length", res.as_ref(), &[400]);
    let res = exchange(
        b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked, identity\r\nConnection: close\r\n\r\n0\r\n\r\n",
    );
    assert_refused_early("chunked not last", res.as_ref(), &[400]);
    still_serving();
}

#[test]
fn content_length_beside_chunked_smuggles_nothing() {
    // With both, chunked wins and the connection must close after the answer, so the
    // request hidden behind the chunked body is never answered.
    let raw = exchange_raw(
        b"GET /help HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /no-such-page HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    let text = String::from_utf8_lossy(&raw);
    let answers = text.matches("HTTP/1.1 ").count();
    assert!(
        answers <= 1,
        "{answers} answers: the hidden request was served"
    );
    assert_answer_or_refused(
        "Content-Length with chunked",
        common::parse(&raw),
        &[200],
        &[400],
    );
    still_serving();
}
