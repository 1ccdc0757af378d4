//! The two places the cache meets requests: [`answer_hits`] outside every layer, and
//! [`keep_first_render`] inside the router, where a page is rendered.

use super::{page::Page, store::PageCache};
use crate::negotiate::accepts_gzip;
use axum::{
    body::{to_bytes, Body},
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue, Method, Response, StatusCode},
    middleware::Next,
    response::IntoResponse,
};
use std::sync::Arc;

/// The largest page the cache will hold; anything bigger is served as rendered.
const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// Whether a request may be answered from the cache: GET and HEAD of a page without a query.
/// Pages with a query (filters, search) vary without bound, so they are rendered each time.
fn cacheable(request: &Request) -> bool {
    let path = request.uri().path();
    matches!(*request.method(), Method::GET | Method::HEAD)
        && request.uri().query().is_none()
        && !crate::is_api(path)
        && !path.starts_with("/pkg/")
}

/// What [`answer_hits`] needs: the cache, and the headers the layers it skips would have
/// added (security.rs's `static_headers`).
pub struct Hits {
    pub cache: Arc<PageCache>,
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

/// Outermost middleware but the log and the draining `Connection: close`: answers a cached
/// page at once. A hit needs none of the layers inside (no body to limit, no render to time
/// out or shed, no routing), and skipping them was a third of the server's time per request
/// under load (bench/serve.sh).
pub async fn answer_hits(
    State(hits): State<Arc<Hits>>,
    request: Request,
    next: Next,
) -> Response<Body> {
    let headers = request.headers();
    // What the layers inside would refuse goes on to be refused there (a body, a huge head),
    // and a client taking brotli but not gzip gets the page compressed by the layer inside.
    // Cheapest checks first: most requests that are not pages stop at `cacheable`.
    let answerable = || {
        !headers.contains_key(header::CONTENT_LENGTH)
            && !headers.contains_key(header::TRANSFER_ENCODING)
            && (accepts_gzip(headers) || !headers.contains_key(header::ACCEPT_ENCODING))
            && !crate::security::head_too_large(headers)
    };
    let page = (cacheable(&request) && answerable())
        .then(|| hits.cache.get(request.uri().path()))
        .flatten();
    let Some(page) = page else {
        return next.run(request).await;
    };
    let mut response = page.respond(request.headers());
    let headers = response.headers_mut();
    for (name, value) in &hits.headers {
        headers.insert(name.clone(), value.clone());
    }
    response
}

/// Middleware inside the router: fills the cache from a cacheable page's first render, and
/// answers that request from what it kept.
pub async fn keep_first_render(
    State(cache): State<Arc<PageCache>>,
    request: Request,
    next: Next,
) -> Response<Body> {
    if !cacheable(&request) {
        return next.run(request).await;
    }
    let path = request.uri().path();
    // Another request may have filled it since the check in `answer_hits`.
    if let Some(page) = cache.get(path) {
        return page.respond(request.headers());
    }
    // A miss: the request goes on to be rendered, so what answering needs is kept aside.
    let key = path.to_owned();
    let headers = request.headers().clone();
    let response = next.run(request).await;
    let Some(nonce) = render_nonce(&response) else {
        return response; // not a page (a file, a 404, a redirect)
    };
    let content_type = response.headers()[header::CONTENT_TYPE].clone();
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY].clone();
    let Ok(body) = to_bytes(response.into_body(), MAX_PAGE_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Some(page) = Page::new(content_type.clone(), &body, &nonce) else {
        return Response::builder()
            .header(header::CONTENT_TYPE, content_type)
            .header(header::CONTENT_SECURITY_POLICY, csp)
            .body(Body::from(body))
            .expect("valid response");
    };
    let page = Arc::new(page);
    cache.keep(key, page.clone());
    page.respond(&headers)
}

/// The nonce of a freshly rendered 200 page, read back from the CSP Leptos' render set.
fn render_nonce(response: &Response<Body>) -> Option<String> {
    if response.status() != StatusCode::OK {
        return None;
    }
    let csp = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let start = csp.find("'nonce-")? + "'nonce-".len();
    let len = csp[start..].find('\'')?;
    Some(csp[start..start + len].to_owned())
}
