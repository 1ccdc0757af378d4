//! One cached page, cut at its nonces, and how it answers a request: 304, gzip or plain,
//! always with a fresh nonce.

use super::gzip::SplicedGzip;
use crate::negotiate::{accepts_gzip, holds};
use axum::{
    body::{Body, Bytes},
    http::{header, HeaderMap, HeaderValue, Response, StatusCode},
};
use leptos::nonce::Nonce;
use std::hash::{DefaultHasher, Hash, Hasher};

pub(super) struct Page {
    content_type: HeaderValue,
    /// The HTML between its nonces.
    pieces: Vec<Bytes>,
    gzip: SplicedGzip,
    etag: HeaderValue,
}

impl Page {
    /// None for a page holding a NUL byte, which the splicing needs as its placeholder.
    pub(super) fn new(content_type: HeaderValue, body: &[u8], nonce: &str) -> Option<Self> {
        if body.contains(&0) || nonce.is_empty() {
            return None;
        }
        let pieces: Vec<&[u8]> = split(body, nonce.as_bytes());
        let gzip = SplicedGzip::new(&pieces, nonce.len());
        let pieces: Vec<Bytes> = pieces.into_iter().map(Bytes::copy_from_slice).collect();
        // `DefaultHasher::new()` has fixed keys, so every replica of a build tags a page
        // alike (not `RandomState`, which is seeded per process).
        let mut hasher = DefaultHasher::new();
        pieces.hash(&mut hasher);
        // Weak: each response differs in its nonce, but they are all the same page.
        let etag = HeaderValue::from_str(&format!("W/\"{:016x}\"", hasher.finish()))
            .expect("hex is a valid header value");
        Some(Self {
            content_type,
            pieces,
            gzip,
            etag,
        })
    }

    /// Bytes held, raw and deflated.
    pub(super) fn size(&self) -> usize {
        self.pieces.iter().map(Bytes::len).sum::<usize>() + self.gzip.len()
    }

    pub(super) fn respond(&self, request: &HeaderMap) -> Response<Body> {
        let builder = Response::builder()
            .header(header::ETAG, self.etag.clone())
            .header(header::CACHE_CONTROL, "no-cache")
            .header(header::VARY, "accept-encoding");
        if holds(request, self.etag.as_bytes()) {
            // No CSP here: the browser keeps the stored page *and* the stored policy whose
            // nonce it carries; a new policy would block the old page's scripts.
            return builder
                .status(StatusCode::NOT_MODIFIED)
                .body(Body::empty())
                .expect("valid response");
        }
        let nonce = Nonce::new();
        let builder = builder
            .header(header::CONTENT_TYPE, self.content_type.clone())
            .header(
                header::CONTENT_SECURITY_POLICY,
                crate::security::page_policy(&nonce),
            );
        let (builder, body) = match self.gzip.with_nonce(nonce.as_bytes()) {
            Some(gzip) if accepts_gzip(request) => {
                (builder.header(header::CONTENT_ENCODING, "gzip"), gzip)
            }
            _ => (builder, self.pieces.join(nonce.as_bytes())),
        };
        builder.body(Body::from(body)).expect("valid response")
    }
}

/// `haystack` cut at every occurrence of `needle`.
fn split<'a>(haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
    let mut pieces = Vec::new();
    let mut rest = haystack;
    while let Some(at) = rest.windows(needle.len()).position(|w| w == needle) {
        pieces.push(&rest[..at]);
        rest = &rest[at + needle.len()..];
    }
    pieces.push(rest);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTML: &str =
        "<script nonce=\"OLD\">a</script><p>text</p><script nonce=\"OLD\">b</script>";

    fn html_page(html: &str) -> Option<Page> {
        Page::new(
            HeaderValue::from_static("text/html"),
            html.as_bytes(),
            "OLD",
        )
    }

    #[test]
    fn a_page_is_cut_at_its_nonces_and_refuses_nul_bytes() {
        let page = html_page(HTML).unwrap();
        assert_eq!(page.pieces.len(), 3);
        assert_eq!(page.pieces.join(&b"OLD"[..]), HTML.as_bytes());
        assert!(html_page(&format!("{HTML}\0")).is_none());
    }

    #[test]
    fn a_page_answers_its_own_etag_with_304_and_anything_else_with_itself() {
        let page = html_page(HTML).unwrap();
        let mut request = HeaderMap::new();
        let fresh = page.respond(&request);
        assert_eq!(fresh.status(), StatusCode::OK);
        let etag = fresh.headers()[header::ETAG].clone();
        request.insert(header::IF_NONE_MATCH, etag.clone());
        let kept = page.respond(&request);
        assert_eq!(kept.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(kept.headers()[header::ETAG], etag);
        assert!(!kept.headers().contains_key(header::CONTENT_SECURITY_POLICY));
    }
}
