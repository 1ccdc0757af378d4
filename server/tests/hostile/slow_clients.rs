//! Slow and silent clients: a connection that never finishes its request head is closed.

use crate::common::{self, exchange, request_to};
use crate::harness::*;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

/// The header-read timeout of the server the slow-client cases use ([`SLOW_CLIENTS`]): short,
/// so that each case takes well under a second.
const HEADER_TIMEOUT: Duration = Duration::from_millis(300);

/// How long a client that never finishes its request head may hold a connection: the
/// header-read timeout and a margin for a busy machine.
const SLOW_CLIENT_DEADLINE: Duration = Duration::from_millis(1000);

/// A server of its own for the slow-client cases, with the short [`HEADER_TIMEOUT`]. The
/// other cases keep the production default, so a busy machine holding back a request for a
/// moment cannot make them fail.
static SLOW_CLIENTS: LazyLock<SocketAddr> = LazyLock::new(|| {
    let mut config = common::config();
    config.header_read_timeout = HEADER_TIMEOUT;
    common::start(config)
});

/// Waits for the server to close `stream`, opened at `opened`; panics if it is still open
/// [`SLOW_CLIENT_DEADLINE`] after that, or answers with a server error.
fn assert_closed_in_time(what: &str, mut stream: TcpStream, opened: Instant) {
    let left = SLOW_CLIENT_DEADLINE.saturating_sub(opened.elapsed());
    stream
        .set_read_timeout(Some(left.max(Duration::from_millis(100))))
        .unwrap();
    let mut got = Vec::new();
    match stream.read_to_end(&mut got) {
        Ok(_) => {}
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => panic!(
            "{what}: the connection is still open after {:?}",
            opened.elapsed()
        ),
        Err(_) => {} // reset: closed too
    }
    if let Some(res) = common::parse(&got) {
        assert!(res.status < 500, "{what}: {} before closing", res.status);
    }
}

/// A reader on the slow-client server, served while a slow client holds a connection.
fn served_meanwhile(what: &str) {
    let res = request_to(*SLOW_CLIENTS, "GET", "/help", &[]);
    assert_eq!(res.status, 200, "a normal request while {what} waits");
}

#[test]
fn slow_client_half_request_line_is_dropped_while_others_are_served() {
    let opened = Instant::now();
    let mut slow = TcpStream::connect(*SLOW_CLIENTS).unwrap();
    slow.write_all(b"GET / HT").unwrap();
    // Another reader is served meanwhile, more than once.
    for _ in 0..3 {
        served_meanwhile("half a request line");
        std::thread::sleep(HEADER_TIMEOUT / 6);
    }
    assert_closed_in_time("half a request line", slow, opened);
    still_serving_at(*SLOW_CLIENTS);
}

#[test]
fn slow_client_trickling_headers_is_dropped() {
    // A byte at a time, forever: the deadline is for the whole head, not each read.
    let opened = Instant::now();
    let mut slow = TcpStream::connect(*SLOW_CLIENTS).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    let mut closed = false;
    for byte in b"X-Slow: ".iter().cycle().take(40) {
        if slow.write_all(&[*byte]).is_err() {
            closed = true;
            break;
        }
        // Each byte well within the timeout, so only a deadline on the whole head ends it.
        std::thread::sleep(HEADER_TIMEOUT / 6);
        if opened.elapsed() > HEADER_TIMEOUT * 2 {
            break;
        }
    }
    if !closed {
        assert_closed_in_time("a head trickled a byte at a time", slow, opened);
    }
    assert!(
        opened.elapsed() <= SLOW_CLIENT_DEADLINE + Duration::from_millis(500),
        "a trickling client kept its connection for {:?}",
        opened.elapsed()
    );
    still_serving_at(*SLOW_CLIENTS);
}

#[test]
fn silent_client_is_dropped() {
    // Connects and sends nothing at all.
    let opened = Instant::now();
    let silent = TcpStream::connect(*SLOW_CLIENTS).unwrap();
    served_meanwhile("a silent client");
    assert_closed_in_time("a connection that sends nothing", silent, opened);
    still_serving_at(*SLOW_CLIENTS);
}

#[test]
fn stalled_http2_preface_is_dropped() {
    // The start of the HTTP/2 connection preface, and then nothing.
    let opened = Instant::now();
    let mut stalled = TcpStream::connect(*SLOW_CLIENTS).unwrap();
    stalled.write_all(b"PRI * HTTP/2.0\r\n").unwrap();
    served_meanwhile("a stalled HTTP/2 preface");
    assert_closed_in_time("half an HTTP/2 preface", stalled, opened);
    still_serving_at(*SLOW_CLIENTS);
}

#[test]
fn unfinished_body_does_not_hold_the_answer() {
    // Content-Length promises 10 bytes and 2 come: no handler reads a body, so the answer
    // does not wait for the rest.
    let opened = Instant::now();
    let res = exchange(
        b"GET /help HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nConnection: close\r\n\r\nab",
    )
    .expect("an answer");
    assert_answer("a body cut short", &res, &[200, 400, 408]);
    // Not held until the request's deadline, which a 408 would have meant.
    assert!(opened.elapsed() < server::security::REQUEST_TIMEOUT);
    still_serving();
}
