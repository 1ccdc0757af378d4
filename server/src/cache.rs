//! Rendered pages kept in memory and compressed once, yet served with a fresh CSP nonce.
//!
//! A page is the same for every reader (reader state never reaches the server), so the first
//! render of a URL serves every later request for it until the next deploy. Each response
//! still needs its own nonce (security.rs), which would defeat both caching and compressing
//! once. So the page is kept as the pieces between its nonces, each deflated and flushed to
//! a byte boundary; a response splices a new nonce between them as a *stored* (uncompressed)
//! deflate block. The result is one valid gzip stream per response for the cost of a CRC,
//! not a compression. Each piece is deflated with the page before it as its dictionary (so
//! the hydration data can point back at the article it repeats), with NUL bytes where the
//! nonces go: a page without NULs can never match them, so no back-reference reaches a
//! nonce, whatever its value. Brotli has no such seam, so cached pages are sent as
//! gzip (or plain to clients that do not take it); assets in /pkg stay precompressed brotli.

use axum::{
    body::{to_bytes, Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, Method, Response, StatusCode},
    middleware::Next,
    response::IntoResponse,
};
use flate2::{Compress, Compression, Crc, FlushCompress};
use leptos::nonce::Nonce;
use std::{
    collections::HashMap,
    hash::{DefaultHasher, Hash, Hasher},
    sync::{Arc, RwLock},
};

/// The largest page the cache will hold; anything bigger is served as rendered.
const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;
/// How far back a deflate back-reference can reach.
const WINDOW: usize = 32 * 1024;

pub struct PageCache {
    /// The pages by path, and the bytes they take.
    pages: RwLock<(HashMap<String, Arc<Page>>, usize)>,
    budget: usize,
}

struct Page {
    content_type: HeaderValue,
    /// The HTML between its nonces.
    pieces: Vec<Bytes>,
    /// Each piece as raw deflate, sync-flushed and not final, so they can be joined.
    deflated: Vec<Bytes>,
    /// Each piece's CRC-32, so a response combines them with its nonce's instead of
    /// running the CRC over the whole page again (a few combines against ~40 KB of CRC).
    crcs: Vec<Crc>,
    /// The deflated pieces refer back across nonces of exactly this length.
    nonce_len: usize,
    etag: HeaderValue,
}

impl PageCache {
    /// A cache holding at most `budget` bytes of pages (raw and deflated together).
    pub fn new(budget: usize) -> Self {
        Self {
            pages: RwLock::new((HashMap::new(), 0)),
            budget,
        }
    }

    fn get(&self, key: &str) -> Option<Arc<Page>> {
        self.pages.read().ok()?.0.get(key).cloned()
    }

    /// Keeps `page` unless that would go over budget. Nothing is evicted: the set of pages
    /// is fixed for the life of a build, so a full cache means the budget is too small.
    fn keep(&self, key: String, page: Arc<Page>) {
        let Ok(mut guard) = self.pages.write() else {
            return;
        };
        let (pages, used) = &mut *guard;
        // Two first requests for a page may both render it: the first one kept counts.
        if !pages.contains_key(&key) && *used + page.size() <= self.budget {
            *used += page.size();
            pages.insert(key, page);
        }
    }
}

/// Whether a request may be answered from the cache: GET and HEAD of a page without a query.
/// Pages with a query (filters, search) vary without bound, so they are rendered each time.
fn cacheable(request: &Request) -> bool {
    let path = request.uri().path();
    matches!(*request.method(), Method::GET | Method::HEAD)
        && request.uri().query().is_none()
        && !path.starts_with("/api/")
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

/// Middleware inside the router: fills the cache from a cacheable page's first render.
pub async fn serve(
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

impl Page {
    /// None for a page holding a NUL byte, which the splicing needs as its placeholder.
    fn new(content_type: HeaderValue, body: &[u8], nonce: &str) -> Option<Self> {
        if body.contains(&0) || nonce.is_empty() {
            return None;
        }
        let pieces: Vec<&[u8]> = split(body, nonce.as_bytes());
        let mut history = Vec::with_capacity(body.len());
        let mut deflated = Vec::with_capacity(pieces.len());
        for piece in &pieces {
            if !history.is_empty() {
                history.resize(history.len() + nonce.len(), 0);
            }
            let window = &history[history.len().saturating_sub(WINDOW)..];
            deflated.push(Bytes::from(deflate_flushed(window, piece)));
            history.extend_from_slice(piece);
        }
        let crcs = pieces
            .iter()
            .map(|piece| {
                let mut crc = Crc::new();
                crc.update(piece);
                crc
            })
            .collect();
        let pieces: Vec<Bytes> = pieces.into_iter().map(Bytes::copy_from_slice).collect();
        let mut hasher = DefaultHasher::new();
        pieces.hash(&mut hasher);
        // Weak: each response differs in its nonce, but they are all the same page.
        let etag = HeaderValue::from_str(&format!("W/\"{:016x}\"", hasher.finish()))
            .expect("hex is a valid header value");
        Some(Self {
            content_type,
            pieces,
            deflated,
            crcs,
            nonce_len: nonce.len(),
            etag,
        })
    }

    fn size(&self) -> usize {
        self.pieces
            .iter()
            .chain(&self.deflated)
            .map(Bytes::len)
            .sum()
    }

    fn respond(&self, request: &HeaderMap) -> Response<Body> {
        let builder = Response::builder()
            .header(header::ETAG, self.etag.clone())
            .header(header::CACHE_CONTROL, "no-cache")
            .header(header::VARY, "accept-encoding");
        if request
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .any(|v| etag_matches(v.as_bytes(), self.etag.as_bytes()))
        {
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
        let (builder, body) = match self.gzip(nonce.as_bytes()) {
            Some(gzip) if accepts_gzip(request) => {
                (builder.header(header::CONTENT_ENCODING, "gzip"), gzip)
            }
            _ => (builder, self.pieces.join(nonce.as_bytes())),
        };
        builder.body(Body::from(body)).expect("valid response")
    }

    /// One gzip member: header, the deflated pieces with the nonce between them as stored
    /// blocks, an empty final block, then the CRC and length of the whole page. None for a
    /// nonce of another length than the page was deflated around.
    fn gzip(&self, nonce: &[u8]) -> Option<Vec<u8>> {
        if nonce.len() != self.nonce_len {
            return None;
        }
        let mut out = Vec::with_capacity(self.deflated.iter().map(Bytes::len).sum::<usize>() + 64);
        out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        let mut nonce_crc = Crc::new();
        nonce_crc.update(nonce);
        let mut crc = Crc::new();
        for (i, (piece_crc, deflated)) in self.crcs.iter().zip(&self.deflated).enumerate() {
            if i > 0 {
                out.extend_from_slice(&stored_block(nonce));
                crc.combine(&nonce_crc);
            }
            out.extend_from_slice(deflated);
            crc.combine(piece_crc);
        }
        out.extend_from_slice(&[0x03, 0x00]); // BFINAL, fixed Huffman, end of block
        out.extend_from_slice(&crc.sum().to_le_bytes());
        out.extend_from_slice(&crc.amount().to_le_bytes());
        Some(out)
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

/// Raw deflate of `raw`, which follows `dictionary` in the stream, ending on a byte boundary.
fn deflate_flushed(dictionary: &[u8], raw: &[u8]) -> Vec<u8> {
    let mut deflate = Compress::new(Compression::best(), false);
    if !dictionary.is_empty() {
        deflate
            .set_dictionary(dictionary)
            .expect("a raw deflate stream takes a dictionary before any input");
    }
    let mut out = Vec::with_capacity(raw.len() / 3 + 64);
    loop {
        let done = deflate.total_in() as usize;
        deflate
            .compress_vec(&raw[done..], &mut out, FlushCompress::Sync)
            .expect("deflating into a growing buffer cannot fail");
        // Finished when all input is taken and the flush did not fill the buffer.
        if deflate.total_in() as usize == raw.len() && out.len() < out.capacity() {
            return out;
        }
        out.reserve(out.capacity().max(64));
    }
}

/// A non-final stored deflate block holding `bytes` (a nonce: far below 64 KiB).
fn stored_block(bytes: &[u8]) -> Vec<u8> {
    let len = u16::try_from(bytes.len()).expect("a nonce is short");
    let mut block = vec![0x00];
    block.extend_from_slice(&len.to_le_bytes());
    block.extend_from_slice(&(!len).to_le_bytes());
    block.extend_from_slice(bytes);
    block
}

fn accepts_gzip(request: &HeaderMap) -> bool {
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

/// Weak comparison (RFC 9110 §8.8.3.2) against a list such as `W/"a", "b"` or `*`.
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
    use std::io::Read;

    #[test]
    fn a_spliced_page_is_valid_gzip_of_the_page_with_the_new_nonce() {
        // The body repeats itself across the nonces, so later pieces refer back over them.
        let body = "<p>the same words, over and over</p>".repeat(40);
        let html =
            format!("<script nonce=\"OLD\">a</script>{body}<script nonce=\"OLD\">{body}</script>");
        let page = Page::new(
            HeaderValue::from_static("text/html"),
            html.as_bytes(),
            "OLD",
        )
        .unwrap();
        assert_eq!(page.pieces.len(), 3);
        let gz = page.gzip(b"NEW").unwrap();
        assert!(
            gz.len() < html.len() / 10,
            "compressed across pieces: {} bytes",
            gz.len()
        );
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, html.replace("OLD", "NEW"));
        // A nonce of another length would shift every reference: sent plain instead.
        assert_eq!(page.gzip(b"LONGER"), None);
    }

    #[test]
    fn gzip_is_accepted_unless_refused() {
        let accepts = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(v));
            accepts_gzip(&h)
        };
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
    }
}
