//! Validators for the server functions' answers (`/api/*`) and the discovery documents
//! (discovery/: made once, but hashed here like the rest): a strong ETag on each success,
//! and 304 Not Modified to a client that holds it. The API's Cache-Control stays `no-cache`
//! (security.rs), so the browser asks every time, and the search index (about 1 MB gzip at
//! 10,000 articles) travels only when it changed.
//!
//! The tag is a hash of the body itself, not a fingerprint of the build and library taken at
//! start-up: it changes exactly when the bytes do, whether an article changed or only the
//! code that encodes it (a deploy that changes the wire format with the content unchanged
//! must not tell a browser to keep data its new WASM cannot read), and it is the same on
//! every replica that sends the same bytes, with nothing seeded per process. Its cost is a
//! CRC-32 (crc32fast, several GB/s) over a body the handler already holds whole, small
//! beside encoding and compressing it. The length beside the CRC makes a false match between
//! two versions of one answer even less likely than the CRC alone (one in 2^32).
//!
//! Two steps, because a strong tag names the bytes sent: [`tag`], inside the compression
//! layer, hashes the body as the handler made it; [`revalidate`], outside it, adds the
//! content coding the layer chose (as Apache does), so gzip, brotli and plain copies of
//! one answer never share a strong tag, and answers `If-None-Match`.

use crate::negotiate::holds;
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use flate2::Crc;

/// What [`tag`] leaves in a successful answer's extensions for [`revalidate`].
#[derive(Clone, Copy, Debug)]
struct BodyHash {
    crc: u32,
    len: usize,
}

impl BodyHash {
    fn of(body: &[u8]) -> Self {
        let mut crc = Crc::new();
        crc.update(body);
        Self {
            crc: crc.sum(),
            len: body.len(),
        }
    }

    /// The strong ETag of this body sent with `coding` (`None` for as it is); none for a
    /// coding that could not stand inside a tag.
    fn etag(self, coding: Option<&str>) -> Option<HeaderValue> {
        let Self { crc, len } = self;
        let tag = match coding {
            None => format!("\"{len:x}-{crc:08x}\""),
            Some(c) if c.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                format!("\"{len:x}-{crc:08x}-{c}\"")
            }
            Some(_) => return None,
        };
        HeaderValue::from_str(&tag).ok()
    }
}

/// Whether the answer to `request` gets a validator: a read of a server function, or of a
/// discovery document (the feed, sitemap and robots.txt, which feed readers poll).
fn taggable(request: &Request) -> bool {
    let path = request.uri().path();
    matches!(*request.method(), Method::GET | Method::HEAD)
        && (crate::is_api(path) || crate::discovery::is_discovery(path))
}

/// Inside the compression layer: hashes a successful API answer's body.
pub async fn tag(request: Request, next: Next) -> Response {
    if !taggable(&request) {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // No limit: a server function's body is built whole in memory before it is sent.
    let Ok(body) = to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    parts.extensions.insert(BodyHash::of(&body));
    Response::from_parts(parts, Body::from(body))
}

/// Outside the compression layer: names the answer as sent, and sends only that name (304)
/// to a client that already holds it.
pub async fn revalidate(request: Request, next: Next) -> Response {
    let held: HeaderMap = request
        .headers()
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .map(|v| (header::IF_NONE_MATCH, v.clone()))
        .collect();
    let mut response = next.run(request).await;
    let Some(hash) = response.extensions().get::<BodyHash>().copied() else {
        return response;
    };
    let coding = response
        .headers()
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok());
    let Some(etag) = hash.etag(coding) else {
        return response;
    };
    if !holds(&held, etag.as_bytes()) {
        response.headers_mut().insert(header::ETAG, etag);
        return response;
    }
    // What a 304 must repeat of the 200 (RFC 9110 §15.4.5): the tag and Vary here, and
    // Cache-Control, which security.rs's `cache_policy` sets as for the 200.
    let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
    let headers = not_modified.headers_mut();
    headers.insert(header::ETAG, etag);
    if let Some(vary) = response.headers().get(header::VARY) {
        headers.insert(header::VARY, vary.clone());
    }
    not_modified
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_names_the_bytes_and_their_coding() {
        let a = BodyHash::of(b"{\"q\":\"sleep\"}");
        let same = BodyHash::of(b"{\"q\":\"sleep\"}");
        let other = BodyHash::of(b"{\"q\":\"stress\"}");
        assert_eq!(a.etag(None), same.etag(None));
        assert_ne!(a.etag(None), other.etag(None));
        assert_ne!(a.etag(None), a.etag(Some("br")));
        assert_ne!(a.etag(Some("gzip")), a.etag(Some("br")));
        let tag = a.etag(Some("br")).unwrap();
        let tag = tag.to_str().unwrap();
        assert!(tag.starts_with('"') && tag.ends_with("-br\""), "{tag}");
        assert_eq!(a.etag(Some("x\"y")), None);
    }
}
