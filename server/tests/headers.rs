//! What every response carries: the Content-Security-Policy and the nonce its page uses,
//! the other security headers, no cookies, and Cache-Control and ETags that fit each kind
//! of response. Against the production router, layers and accept loop on a real listener.

mod common;

use common::{published, request, request_with, security_problems, Response, PKG_FILES};
use std::io::Read;

/// Every page the app renders, and its status.
const PAGES: [(&str, u16); 8] = [
    ("/", 200),
    ("/articles/wintertime-depression", 200),
    ("/help", 200),
    ("/saved", 200),
    ("/my-data", 200),
    ("/?q=sleep&topic=mindfulness", 200),
    ("/no-such-page", 404),
    ("/articles/no-such-article", 404),
];

/// Pages served from the page cache: the same for every reader, so they get an ETag.
const CACHED_PAGES: [&str; 5] = [
    "/",
    "/articles/wintertime-depression",
    "/help",
    "/saved",
    "/my-data",
];

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const LOCKED_DOWN: &str = "default-src 'none'; frame-ancestors 'none'";

/// The nonce named in a page's script-src.
fn csp_nonce(res: &Response) -> Option<String> {
    let csp = res.header("content-security-policy")?;
    let start = csp.find("'nonce-")? + "'nonce-".len();
    let len = csp[start..].find('\'')?;
    Some(csp[start..start + len].to_owned())
}

/// The values of every `nonce="..."` attribute in `html`.
fn nonce_attributes(html: &str) -> Vec<&str> {
    html.match_indices(" nonce=\"")
        .map(|(at, m)| {
            let rest = &html[at + m.len()..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
        .collect()
}

/// Checks that `html`'s scripts all carry `nonce` and no other.
fn assert_scripts_carry(what: &str, html: &str, nonce: &str) {
    let attributes = nonce_attributes(html);
    assert!(
        attributes.len() >= 2,
        "{what}: {} nonce attributes, expected the inline probe's and the hydration script's",
        attributes.len()
    );
    for value in &attributes {
        assert_eq!(
            *value, nonce,
            "{what}: a nonce attribute that is not the CSP's"
        );
    }
    // No inline script without it (a `<script` in text or data would be escaped).
    for tag in html.split("<script").skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "{what}: <script{tag}> without the nonce"
        );
    }
}

fn gunzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut out)
        .expect("a valid gzip stream of UTF-8");
    out
}

#[test]
fn every_page_has_a_csp_nonce_matching_its_scripts() {
    for (path, status) in PAGES {
        // Without Accept-Encoding: the HTML as it is.
        let res = request(path, &[]);
        assert_eq!(res.status, status, "{path}");
        assert_eq!(res.header("content-encoding"), None, "{path}");
        assert!(
            res.header("content-type")
                .is_some_and(|t| t.starts_with("text/html")),
            "{path}"
        );
        let csp = res.header("content-security-policy").unwrap_or_default();
        for directive in [
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            "style-src 'self';",
        ] {
            assert!(
                csp.contains(directive),
                "{path}: {directive} not in {csp:?}"
            );
        }
        assert!(!csp.contains("'unsafe-inline'"), "{path}: {csp:?}");
        let nonce = csp_nonce(&res).unwrap_or_else(|| panic!("{path}: no nonce in {csp:?}"));
        assert!(nonce.len() >= 16, "{path}: a short nonce {nonce:?}");
        assert_scripts_carry(path, &res.text(), &nonce);
    }
}

#[test]
fn each_response_gets_a_fresh_nonce() {
    for path in CACHED_PAGES {
        let first = request(path, &[]);
        let second = request(path, &[]);
        let (a, b) = (csp_nonce(&first).unwrap(), csp_nonce(&second).unwrap());
        assert_ne!(a, b, "{path}: the same nonce twice");
        assert!(
            !second.text().contains(&a),
            "{path}: the earlier nonce is in a later page"
        );
        assert_scripts_carry(path, &second.text(), &b);
        // The same page otherwise.
        assert_eq!(first.text().replace(&a, &b), second.text(), "{path}");
    }
}

#[test]
fn gzipped_pages_carry_their_own_nonce() {
    for path in CACHED_PAGES {
        let plain = request(path, &[]);
        let res = request(path, &[("accept-encoding", "gzip")]);
        assert_eq!(res.status, 200, "{path}");
        assert_eq!(res.header("content-encoding"), Some("gzip"), "{path}");
        let html = gunzip(&res.body);
        let nonce = csp_nonce(&res).unwrap();
        assert_scripts_carry(&format!("{path} (gzip)"), &html, &nonce);
        assert_eq!(
            html,
            plain.text().replace(&csp_nonce(&plain).unwrap(), &nonce),
            "{path}: the gzipped page differs from the plain one"
        );
    }
}

/// A response of every kind the server gives, ordinary and not.
fn one_of_everything() -> Vec<(String, Response)> {
    let mut all: Vec<(String, Response)> = Vec::new();
    let mut add = |what: &str, res: Response| all.push((what.to_string(), res));
    for (path, _) in PAGES {
        add(&format!("GET {path}"), request(path, &[]));
        add(&format!("HEAD {path}"), request_with("HEAD", path, &[]));
    }
    for path in [
        "/api/library?q=sleep",
        "/api/article?slug=wintertime-depression",
        "/api/search-index",
        "/pkg/wellspring.css",
        "/pkg/no-such-file.js",
        "/favicon.ico",
        "/icon.svg",
        "/healthz",
        "/readyz",
        "/feed.xml",
        "/sitemap.xml",
        "/robots.txt",
    ] {
        add(&format!("GET {path}"), request(path, &[]));
    }
    let etag = request("/", &[]).header("etag").unwrap().to_string();
    add("GET / (304)", request("/", &[("if-none-match", &etag)]));
    add("GET / (gzip)", request("/", &[("accept-encoding", "gzip")]));
    add(
        "GET /pkg/wellspring.css (416)",
        request("/pkg/wellspring.css", &[("range", "bytes=999-")]),
    );
    add("POST / (405)", request_with("POST", "/", &[]));
    add(
        "GET / with a 20 KiB body (413)",
        request("/", &[("content-length", "20480")]),
    );
    add(
        "GET of 3 kB (414)",
        request(&format!("/?q={}", "a".repeat(3000)), &[]),
    );
    add(
        "GET with a 9 kB header (431)",
        request("/", &[("x-big", &"a".repeat(9000))]),
    );
    all
}

#[test]
fn no_response_sets_a_cookie() {
    for (what, res) in one_of_everything() {
        assert!(
            !res.has_header("set-cookie"),
            "{what}: {} sets {:?}",
            res.status,
            res.header("set-cookie")
        );
    }
}

#[test]
fn every_response_carries_the_security_headers() {
    let failures: Vec<String> = one_of_everything()
        .into_iter()
        .filter_map(|(what, res)| {
            let problems = security_problems(&res);
            (!problems.is_empty())
                .then(|| format!("{what}: {}: {}", res.status, problems.join("; ")))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn pkg_assets_are_immutable() {
    for file in PKG_FILES {
        let path = format!("/pkg/{file}");
        for res in [request(&path, &[]), request_with("HEAD", &path, &[])] {
            assert_eq!(res.status, 200, "{path}");
            assert_eq!(res.header("cache-control"), Some(IMMUTABLE), "{path}");
            assert_eq!(
                res.header("content-security-policy"),
                Some(LOCKED_DOWN),
                "{path}"
            );
        }
    }
}

#[test]
fn a_missing_pkg_asset_is_not_immutable() {
    // A 404 kept for a year would outlive the deploy that adds the file.
    let res = request("/pkg/wellspring.0123456789.wasm", &[]);
    assert_eq!(res.status, 404);
    assert_eq!(res.header("cache-control"), Some("no-store"));
}

#[test]
fn html_is_no_cache_with_an_etag() {
    for path in CACHED_PAGES {
        let res = request(path, &[]);
        assert_eq!(res.status, 200, "{path}");
        assert_eq!(res.header("cache-control"), Some("no-cache"), "{path}");
        let etag = res
            .header("etag")
            .unwrap_or_else(|| panic!("{path}: no ETag"));
        assert!(
            etag.starts_with("W/\"") && etag.ends_with('"'),
            "{path}: {etag}"
        );
        assert_eq!(res.header("vary"), Some("accept-encoding"), "{path}");
        // The same page, the same ETag, whatever the nonce.
        assert_eq!(request(path, &[]).header("etag"), Some(etag), "{path}");
    }
    // A page with a query is rendered each time: no ETag, but never stored unchecked.
    let res = request("/?q=sleep", &[]);
    assert_eq!(res.header("cache-control"), Some("no-cache"));
}

#[test]
fn matching_if_none_match_gets_304_without_body_or_csp() {
    for path in CACHED_PAGES {
        let etag = request(path, &[]).header("etag").unwrap().to_string();
        let opaque = etag.trim_start_matches("W/").to_string();
        for (method, inm) in [
            ("GET", etag.clone()),
            ("HEAD", etag.clone()),
            ("GET", opaque),
            ("GET", format!("\"stale\", {etag}")),
        ] {
            let what = format!("{method} {path} If-None-Match: {inm}");
            let res = request_with(method, path, &[("if-none-match", &inm)]);
            assert_eq!(res.status, 304, "{what}");
            assert!(res.body.is_empty(), "{what}: a body");
            assert_eq!(
                res.header("content-security-policy"),
                None,
                "{what}: a CSP would replace the kept page's"
            );
            assert_eq!(res.header("etag"), Some(etag.as_str()), "{what}");
            assert_eq!(res.header("cache-control"), Some("no-cache"), "{what}");
            assert_eq!(
                res.header("x-content-type-options"),
                Some("nosniff"),
                "{what}"
            );
            assert!(!res.has_header("set-cookie"), "{what}");
        }
    }
}

#[test]
fn stale_if_none_match_gets_the_whole_page() {
    let res = request("/help", &[("if-none-match", "W/\"0000000000000000\"")]);
    assert_eq!(res.status, 200);
    let nonce = csp_nonce(&res).expect("a page CSP");
    assert_scripts_carry("/help", &res.text(), &nonce);
}

#[test]
fn errors_are_no_store() {
    let errors = [
        ("GET /no-such-page", request("/no-such-page", &[])),
        (
            "GET /articles/no-such-article",
            request("/articles/no-such-article", &[]),
        ),
        (
            "GET /pkg/no-such-file.js",
            request("/pkg/no-such-file.js", &[]),
        ),
        (
            "GET /pkg/wellspring.css with a bad range",
            request("/pkg/wellspring.css", &[("range", "bytes=999-")]),
        ),
        ("DELETE /", request_with("DELETE", "/", &[])),
        (
            "GET / with a 20 KiB body",
            request("/", &[("content-length", "20480")]),
        ),
        (
            "GET of 3 kB",
            request(&format!("/?q={}", "a".repeat(3000)), &[]),
        ),
        (
            "GET with a 9 kB header",
            request("/", &[("x-big", &"a".repeat(9000))]),
        ),
    ];
    let failures: Vec<String> = errors
        .iter()
        .filter(|(_, res)| res.header("cache-control") != Some("no-store"))
        .map(|(what, res)| {
            format!(
                "{what}: {} with cache-control {:?}",
                res.status,
                res.header("cache-control")
            )
        })
        .collect();
    for (what, res) in &errors {
        assert!(res.status >= 400, "{what}: {}", res.status);
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn healthz_and_readyz_answer_200() {
    let res = request("/healthz", &[]);
    assert_eq!((res.status, res.text().as_str()), (200, "ok\n"));
    assert_eq!(res.header("cache-control"), Some("no-store"));
    let res = request("/readyz", &[]);
    assert_eq!(
        (res.status, res.text()),
        (200, format!("ready: {} articles\n", published()))
    );
    assert_eq!(res.header("cache-control"), Some("no-store"));
    for path in ["/healthz", "/readyz"] {
        assert_eq!(request_with("HEAD", path, &[]).status, 200, "HEAD {path}");
    }
}

#[test]
fn what_is_not_a_page_gets_the_locked_down_csp() {
    for path in [
        "/api/library?q=sleep",
        "/api/search-index",
        "/favicon.ico",
        "/icon.svg",
        "/pkg/wellspring.js",
        "/healthz",
    ] {
        let res = request(path, &[]);
        assert_eq!(res.status, 200, "{path}");
        assert_eq!(
            res.header("content-security-policy"),
            Some(LOCKED_DOWN),
            "{path}"
        );
    }
}

#[test]
fn the_service_worker_may_fetch_from_this_origin_only_and_is_always_checked() {
    let res = request("/sw.js?asset=%2Fpkg%2Fwellspring.js", &[]);
    assert_eq!(res.status, 200);
    assert!(res.header("content-type").unwrap().contains("javascript"));
    // A browser checks for a new worker on every visit: a stale one would keep an old build.
    assert_eq!(res.header("cache-control"), Some("no-cache"));
    assert_eq!(
        res.header("content-security-policy"),
        Some("default-src 'none'; connect-src 'self'; frame-ancestors 'none'")
    );
}
