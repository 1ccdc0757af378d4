//! What a request's headers ask of a response: an encoding it takes, a copy it already holds.
//! Shared by the page cache (page_cache/) and the API's validators (api_cache.rs), so both
//! read `If-None-Match` the same way.

use axum::http::{header, HeaderMap};

/// Whether the client takes gzip: named in `Accept-Encoding` with a quality above zero.
pub fn accepts_gzip(request: &HeaderMap) -> bool {
    request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let gzip = parts.next().is_some_and(|c| c.eq_ignore_ascii_case("gzip"));
            let quality = parts
                .find_map(|p| p.strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            gzip && quality > 0.0
        })
}

/// Whether any `If-None-Match` of the request names `etag`: the client holds that copy.
pub fn holds(request: &HeaderMap, etag: &[u8]) -> bool {
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .any(|v| etag_matches(v.as_bytes(), etag))
}

/// Weak comparison (RFC 9110 §8.8.3.2, the one `If-None-Match` uses) against a list such as
/// `W/"a", "b"` or `*`.
fn etag_matches(list: &[u8], etag: &[u8]) -> bool {
    let opaque = |t: &[u8]| t.strip_prefix(b"W/").unwrap_or(t).to_vec();
    let ours = opaque(etag);
    list.split(|&b| b == b',')
        .map(|t| t.trim_ascii())
        .any(|t| t == b"*" || opaque(t) == ours)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(name: header::HeaderName, value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn gzip_is_accepted_unless_refused() {
        let accepts = |v| accepts_gzip(&headers(header::ACCEPT_ENCODING, v));
        assert!(accepts("gzip, deflate, br"));
        assert!(accepts("br;q=1.0, GZIP;q=0.5"));
        assert!(!accepts("br"));
        assert!(!accepts("gzip;q=0, br"));
        assert!(!accepts("identity"));
    }

    #[test]
    fn etags_compare_weakly() {
        assert!(etag_matches(b"\"x\", W/\"abc\"", b"W/\"abc\""));
        assert!(etag_matches(b"*", b"W/\"abc\""));
        assert!(!etag_matches(b"W/\"abd\"", b"W/\"abc\""));
        // A strong tag matches its weak form too: If-None-Match compares weakly.
        assert!(etag_matches(b"W/\"abc\"", b"\"abc\""));
    }

    #[test]
    fn a_request_holds_what_any_if_none_match_names() {
        let mut h = headers(header::IF_NONE_MATCH, "\"old\"");
        assert!(!holds(&h, b"\"new\""));
        h.append(header::IF_NONE_MATCH, HeaderValue::from_static("\"new\""));
        assert!(holds(&h, b"\"new\""));
        assert!(!holds(&HeaderMap::new(), b"\"new\""));
    }
}
