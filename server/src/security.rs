//! What every response carries and what every request must fit in: security headers, the
//! Content-Security-Policy, Cache-Control, and the limits that keep a flood or a hostile
//! client from exhausting the server. `lib.rs` applies all of it as one stack of layers.

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderName, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::time::Duration;

/// Longest request target (path and query) accepted; a longer one gets 414.
pub const MAX_URI_BYTES: usize = 2048;
/// Most bytes of request headers accepted; more gets 431. (hyper closes the connection
/// before this when a head does not fit its read buffer at all: see `serve.rs`.)
pub const MAX_HEADER_BYTES: usize = 8 * 1024;
/// No route takes a body (every server function is a GET), so a small one is plenty.
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// A request that has not been answered by then gets 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The policy for HTML pages: nothing from any other origin, scripts only from this origin
/// or carrying this response's nonce (Leptos' hydration scripts), WASM compiled from our own
/// module. Styles come only from the stylesheet: no inline style attributes either.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

/// The policy for everything else (JSON, icons, errors): it may not run or embed anything.
const DOCUMENT_POLICY_NONE: &str = "default-src 'none'; frame-ancestors 'none'";

/// The service worker's own policy: it fetches from this origin (to keep and refresh pages
/// for offline reading) and nothing else.
const WORKER_POLICY: &str = "default-src 'none'; connect-src 'self'; frame-ancestors 'none'";

/// Called in every Leptos render's context: gives the page a CSP naming the nonce that Leptos
/// has just put on its own inline scripts.
pub fn provide_page_policy() {
    if let (Some(nonce), Some(response)) =
        (leptos::nonce::use_nonce(), use_context::<ResponseOptions>())
    {
        if let Ok(value) = HeaderValue::from_str(&page_policy(&nonce)) {
            response.insert_header(header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// Headers on every response, whatever produced it.
pub fn static_headers(hsts: bool) -> Vec<(HeaderName, HeaderValue)> {
    let mut headers = vec![
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("permissions-policy"),
            "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), \
             geolocation=(), gyroscope=(), hid=(), interest-cohort=(), magnetometer=(), \
             microphone=(), midi=(), payment=(), serial=(), usb=()",
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        ),
    ];
    if hsts {
        headers.push((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        ));
    }
    headers
        .into_iter()
        .map(|(k, v)| (k, HeaderValue::from_static(v)))
        .collect()
}

/// Refuses what no route here could want, before any work is done: methods other than GET
/// and HEAD (405), an over-long target (414) or head (431).
pub async fn gate(mut request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "Only GET and HEAD are allowed here.\n",
        )
            .into_response();
    }
    let target = request
        .uri()
        .path_and_query()
        .map_or(0, |pq| pq.as_str().len());
    if target > MAX_URI_BYTES {
        return (StatusCode::URI_TOO_LONG, "That address is too long.\n").into_response();
    }
    if head_too_large(request.headers()) {
        return (
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "The request headers are too large.\n",
        )
            .into_response();
    }
    // Server functions answer GET only; hyper still sends no body to a HEAD request. The
    // discovery documents are answered as GET too, so HEAD gets the GET's ETag (axum's own
    // HEAD handling empties the body before api_cache.rs could hash it).
    let path = request.uri().path();
    if request.method() == Method::HEAD
        && (crate::is_api(path) || crate::discovery::is_discovery(path))
    {
        *request.method_mut() = Method::GET;
    }
    next.run(request).await
}

/// Whether the request's header fields go over [`MAX_HEADER_BYTES`].
pub fn head_too_large(headers: &axum::http::HeaderMap) -> bool {
    let head: usize = headers
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    head > MAX_HEADER_BYTES
}

/// Server functions answer bad arguments with a 500 and the deserialiser's message. That is
/// the client's mistake (400), and no internal message is anyone's business.
pub async fn hide_internal_errors(request: Request, next: Next) -> Response {
    let api = crate::is_api(request.uri().path());
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || !api {
        return response;
    }
    let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    if body.starts_with(b"Args|") {
        (
            StatusCode::BAD_REQUEST,
            "The request's parameters are not valid.\n",
        )
            .into_response()
    } else {
        tracing::error!(detail = %String::from_utf8_lossy(&body), "server function failed");
        (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.\n").into_response()
    }
}

/// Cache-Control that fits each response, and the fallback CSP for non-pages.
pub async fn cache_policy(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let status = response.status();
    let headers = response.headers_mut();
    let policy = if status.is_client_error() || status.is_server_error() {
        // An error may be gone a moment later (a new article, the end of a flood).
        Some("no-store")
    } else if headers.contains_key(header::CACHE_CONTROL) {
        // Already decided (page_cache/, /pkg). A 304 without one (api_cache.rs) goes on to
        // get the policy of the 200 it stands for (RFC 9110 §15.4.5).
        None
    } else if path == "/healthz" || path == "/readyz" {
        Some("no-store")
    } else if crate::discovery::is_discovery(&path) {
        // The feed, sitemap and robots.txt change only with a deploy, and feed readers poll
        // often: an hour without asking, then a cheap 304 (api_cache.rs tags them).
        Some("public, max-age=3600")
    } else if path == "/sw.js" || is_page(headers) || crate::is_api(&path) {
        // Pages and data change with each deploy: keep, but ask first (ETag).
        Some("no-cache")
    } else {
        // Icons and other public files: a day, then check.
        Some("public, max-age=86400")
    };
    if let Some(policy) = policy {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    // Not on a 304: the browser would replace the policy that goes with the page it keeps.
    // Anything but a page gets the locked-down policy, whatever a context set.
    let page = is_page(headers);
    if status != StatusCode::NOT_MODIFIED
        && !(page && headers.contains_key(header::CONTENT_SECURITY_POLICY))
    {
        if page {
            // Every page is rendered with its policy (`provide_page_policy`): one without
            // gets the locked-down policy, so it shows but runs nothing. Say so.
            tracing::warn!(%path, %status, "a page came without its Content-Security-Policy");
        }
        let policy = if path == "/sw.js" {
            WORKER_POLICY
        } else {
            DOCUMENT_POLICY_NONE
        };
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(policy),
        );
    }
    response
}

fn is_page(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// What a shed request gets when the server is at its concurrency limit, or one that ran
/// out of time: an answer that tells a client (or a load balancer) to try again.
pub async fn overloaded(error: tower::BoxError) -> Response {
    if error.is::<tower::load_shed::error::Overloaded>() {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "1")],
            "Wellspring is busy. Please try again in a moment.\n",
        )
            .into_response()
    } else {
        tracing::error!(%error, "unhandled service error");
        (StatusCode::INTERNAL_SERVER_ERROR, Body::empty()).into_response()
    }
}
