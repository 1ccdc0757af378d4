//! HEAD answers as GET does, without the body.

use crate::common::{request, request_with, security_problems};
use crate::harness::*;

fn without_nonce(csp: Option<&str>) -> Option<String> {
    csp.map(|csp| match csp.find("'nonce-") {
        Some(start) => {
            let end = start + csp[start + 1..].find('\'').unwrap() + 2;
            format!("{}'nonce-*'{}", &csp[..start], &csp[end..])
        }
        None => csp.to_string(),
    })
}

fn assert_head_matches_get(target: &str) {
    let get = request(target, &[]);
    let head = request_with("HEAD", target, &[]);
    assert_eq!(
        head.status, get.status,
        "HEAD {target}: {} where GET has {}",
        head.status, get.status
    );
    assert!(head.body.is_empty(), "HEAD {target} has a body");
    for name in [
        "content-type",
        "cache-control",
        "etag",
        "vary",
        "content-encoding",
        "x-content-type-options",
        "referrer-policy",
        "x-frame-options",
    ] {
        assert_eq!(
            head.header(name),
            get.header(name),
            "HEAD {target}: {name} differs from GET's"
        );
    }
    assert_eq!(
        without_nonce(head.header("content-security-policy")),
        without_nonce(get.header("content-security-policy")),
        "HEAD {target}: content-security-policy differs from GET's"
    );
    if let (Some(h), Some(g)) = (head.header("content-length"), get.header("content-length")) {
        assert_eq!(h, g, "HEAD {target}: content-length differs from GET's");
    }
    let problems = security_problems(&head);
    assert!(
        problems.is_empty(),
        "HEAD {target}: {}",
        problems.join("; ")
    );
}

#[test]
fn head_of_library_matches_get() {
    assert_head_matches_get("/");
    still_serving();
}

#[test]
fn head_of_article_matches_get() {
    assert_head_matches_get("/articles/wintertime-depression");
    still_serving();
}

#[test]
fn head_of_help_matches_get() {
    assert_head_matches_get("/help");
    still_serving();
}

#[test]
fn head_of_search_index_matches_get() {
    assert_head_matches_get("/api/search-index");
    still_serving();
}

#[test]
fn head_of_feed_sitemap_and_robots_matches_get() {
    for target in ["/feed.xml", "/sitemap.xml", "/robots.txt"] {
        assert_head_matches_get(target);
    }
    still_serving();
}

#[test]
fn head_of_assets_errors_and_health_matches_get() {
    for target in [
        "/pkg/wellspring.css",
        "/favicon.ico",
        "/healthz",
        "/no-such-page",
        "/articles/no-such-article",
    ] {
        assert_head_matches_get(target);
    }
    still_serving();
}
