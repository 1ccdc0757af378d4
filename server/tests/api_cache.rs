//! Server functions' answers revalidate (server/src/api_cache.rs): a strong ETag naming the
//! bytes sent, the same for every request that gets those bytes, and 304 Not Modified with
//! no body to a client that holds them. Against the production router, layers and accept
//! loop on a real listener.

mod common;

use app::api::{GetArticle, GetCards, GetCardsOf, GetLibrary, GetSearchChunk, GetSearchIndex};
use common::{content_dir, load, request, request_with, security_problems, Response};
use leptos::server_fn::ServerFn;

/// The URL of the search index's last chunk, as the index's meta names it.
fn last_chunk() -> String {
    let lib = load(&content_dir());
    let chunks = &lib.search_index().meta.chunks;
    let last = chunks.last().expect("the library has words");
    format!(
        "{}?n={}&v={}",
        GetSearchChunk::PATH,
        chunks.len() - 1,
        last.version
    )
}

/// A successful answer of every server function, paths taken from the functions.
fn answers() -> [String; 6] {
    let shelf = load(&content_dir()).shelf().version.clone();
    [
        GetSearchIndex::PATH.to_string(),
        last_chunk(),
        format!("{}?ids=0&v={shelf}", GetCardsOf::PATH),
        GetCards::PATH.to_string(),
        format!("{}?q=sleep", GetLibrary::PATH),
        format!("{}?slug=wintertime-depression", GetArticle::PATH),
    ]
}

/// What the client sends as Accept-Encoding, and the coding the answer should then have.
const CODINGS: [(&str, Option<&str>); 3] = [("", None), ("gzip", Some("gzip")), ("br", Some("br"))];

fn get(path: &str, accept: &str) -> Response {
    let res = request(path, &[("accept-encoding", accept)]);
    assert_eq!(res.status, 200, "{path} ({accept:?})");
    res
}

fn strong_etag(what: &str, res: &Response) -> String {
    let etag = res
        .header("etag")
        .unwrap_or_else(|| panic!("{what}: no ETag"));
    assert!(
        etag.starts_with('"') && etag.ends_with('"') && etag.len() > 2,
        "{what}: {etag} is not a strong ETag"
    );
    etag.to_string()
}

#[test]
fn every_answer_has_a_strong_etag_that_each_request_repeats() {
    for path in answers() {
        let mut tags = Vec::new();
        for (accept, coding) in CODINGS {
            let what = format!("{path} ({accept:?})");
            let first = get(&path, accept);
            assert_eq!(first.header("content-encoding"), coding, "{what}");
            assert_eq!(first.header("cache-control"), Some("no-cache"), "{what}");
            let etag = strong_etag(&what, &first);
            let again = get(&path, accept);
            assert_eq!(again.header("etag"), Some(etag.as_str()), "{what}: again");
            assert_eq!(again.body, first.body, "{what}: other bytes under one tag");
            tags.push(etag);
        }
        // A strong tag names the bytes: each coding of one answer has its own.
        tags.sort();
        tags.dedup();
        assert_eq!(tags.len(), CODINGS.len(), "{path}: {tags:?}");
    }
}

#[test]
fn a_held_etag_gets_304_and_no_body() {
    for path in answers() {
        for (accept, _) in CODINGS {
            let full = get(&path, accept);
            let etag = strong_etag(&path, &full);
            for (method, held) in [
                ("GET", etag.clone()),
                ("HEAD", etag.clone()),
                ("GET", format!("W/{etag}")),
                ("GET", format!("\"stale\", {etag}")),
                ("GET", "*".to_string()),
            ] {
                let what = format!("{method} {path} ({accept:?}) If-None-Match: {held}");
                let headers = [("accept-encoding", accept), ("if-none-match", &held)];
                let res = request_with(method, &path, &headers);
                assert_eq!(res.status, 304, "{what}");
                assert!(res.body.is_empty(), "{what}: a body");
                assert_eq!(res.header("etag"), Some(etag.as_str()), "{what}");
                assert_eq!(res.header("cache-control"), Some("no-cache"), "{what}");
                assert_eq!(res.header("vary"), full.header("vary"), "{what}");
                let problems = security_problems(&res);
                assert!(problems.is_empty(), "{what}: {}", problems.join("; "));
            }
            // A tag of another answer or coding is not this one.
            let res = request(
                &path,
                &[("accept-encoding", accept), ("if-none-match", "\"0-0\"")],
            );
            assert_eq!(res.status, 200, "{path} ({accept:?}) with a stale tag");
            assert_eq!(res.body, full.body, "{path} ({accept:?}) with a stale tag");
        }
    }
}

#[test]
fn another_query_gets_another_etag() {
    let tag = |path: String| strong_etag(&path, &get(&path, ""));
    assert_ne!(
        tag(format!("{}?q=sleep", GetLibrary::PATH)),
        tag(format!("{}?q=stress", GetLibrary::PATH))
    );
    assert_ne!(
        tag(format!("{}?slug=wintertime-depression", GetArticle::PATH)),
        tag(format!("{}?slug=are-you-sober-curious", GetArticle::PATH))
    );
}

#[test]
fn head_gets_the_etag_of_get_and_no_body() {
    for path in answers() {
        for (accept, _) in CODINGS {
            let get = get(&path, accept);
            let head = request_with("HEAD", &path, &[("accept-encoding", accept)]);
            assert_eq!(head.status, 200, "HEAD {path} ({accept:?})");
            assert!(head.body.is_empty(), "HEAD {path} ({accept:?}): a body");
            assert_eq!(
                head.header("etag"),
                get.header("etag"),
                "HEAD {path} ({accept:?})"
            );
        }
    }
}

#[test]
fn refusals_carry_no_etag() {
    for target in [
        format!("{}?q=a&q=b", GetLibrary::PATH),
        format!("{}?slug%5B%5D=x", GetArticle::PATH),
    ] {
        let res = request(&target, &[]);
        assert!(res.status >= 400, "{target}: {}", res.status);
        // Bad parameters are the client's mistake however the answer is compressed.
        for (accept, _) in CODINGS {
            let res = request(&target, &[("accept-encoding", accept)]);
            assert_eq!(res.status, 400, "{target} ({accept:?})");
        }
        assert!(!res.has_header("etag"), "{target}: an error with an ETag");
        // Whatever it names, a client holding anything gets the refusal again.
        let res = request(&target, &[("if-none-match", "*")]);
        assert!(
            res.status >= 400,
            "{target} If-None-Match: *: {}",
            res.status
        );
    }
}

#[test]
fn a_chunk_of_another_version_is_refused_not_served() {
    let stale = format!("{}?n=0&v=0000000000000000", GetSearchChunk::PATH);
    let res = request(&stale, &[]);
    assert_eq!(res.status, 400, "a chunk under a version it does not have");
    assert!(!res.text().contains("\"terms\""), "{}", res.text());
}
