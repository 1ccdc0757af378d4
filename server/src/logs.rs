//! Logging: one line per request with method, path, status and duration. Never the query
//! string (search words are private), never an address, header or anything else that could
//! tell who a reader is or what they looked for.

use crate::config::LogFormat;
use axum::{body::Body, http::Request};
use std::time::Duration;
use tower_http::{
    classify::{ServerErrorsAsFailures, SharedClassifier},
    trace::TraceLayer,
};
use tracing::Span;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber: `RUST_LOG` filters (default `info`), lines plain or JSON.
///
/// Lines are written by a thread of their own through a buffer that is flushed whenever no
/// more lines are waiting: a request never waits on the log, and under load many lines go
/// out in one write rather than a system call each (nginx buffers its access log the same
/// way). Should the log fall 128,000 lines behind, newer lines are dropped rather than
/// requests held up. Keep the returned guard until exit: dropping it flushes what is left.
#[must_use = "dropping the guard stops the log"]
pub fn init(format: LogFormat) -> WorkerGuard {
    let (writer, guard) = tracing_appender::non_blocking(std::io::BufWriter::with_capacity(
        64 * 1024,
        std::io::stdout(),
    ));
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()));
    match format {
        LogFormat::Plain => builder.init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
    guard
}

type Layer = TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    fn(&Request<Body>) -> Span,
    (),
    fn(&axum::http::Response<Body>, Duration, &Span),
    (),
    (),
    (),
>;

/// The request span carries only method and path; the line is written when the response
/// head is ready.
pub fn layer() -> Layer {
    TraceLayer::new_for_http()
        .make_span_with(span as fn(&Request<Body>) -> Span)
        .on_request(())
        .on_response(response as fn(&axum::http::Response<Body>, Duration, &Span))
        .on_body_chunk(())
        .on_eos(())
        .on_failure(())
}

fn span(request: &Request<Body>) -> Span {
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %shortened(request.uri().path()),
    )
}

fn response(response: &axum::http::Response<Body>, latency: Duration, _span: &Span) {
    tracing::info!(
        status = response.status().as_u16(),
        ms = latency.as_secs_f64() * 1000.0,
        "served"
    );
}

/// A path as logged: a hostile 2 KB path should not become a 2 KB log line.
fn shortened(path: &str) -> &str {
    const MAX: usize = 200;
    match path.char_indices().nth(MAX) {
        Some((end, _)) => &path[..end],
        None => path,
    }
}
