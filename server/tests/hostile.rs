//! The hostile-input suite (issue #9): requests no browser would send, against the production
//! router, layers and accept loop on a real listener. Each must get the right 4xx (or a 200
//! with safe content): never a 5xx, a panic, a hang, a file from outside the site, or the
//! injected markup back unescaped. Every case ends by checking that the server still serves
//! the whole library and still reports itself healthy and ready.
//!
//! Responses the application produced must also carry the security headers (see
//! `common::security_problems`). Requests hyper cannot parse at all are answered by hyper
//! itself, with an empty 400/414/431 or a closed connection, before any layer runs.

mod common;

use common::{
    exchange, exchange_raw, request, request_to, request_with, security_problems, Response,
    CANARIES, SERVER,
};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

/// Markup that must never come back as markup. (Attributes are checked as a browser reads
/// them: see [`injected_attributes`].)
const INJECTED: [&str; 3] = ["<script>alert(1)", "<img src=x onerror", "<svg onload"];

/// The header-read timeout of the server the slow-client cases use ([`SLOW_CLIENTS`]): short,
/// so that each case takes well under a second.
const HEADER_TIMEOUT: Duration = Duration::from_millis(300);

/// How long a client that never finishes its request head may hold a connection: the
/// header-read timeout and a margin for a busy machine.
const SLOW_CLIENT_DEADLINE: Duration = Duration::from_millis(1000);

/// A server of its own for the slow-client cases, with the short [`HEADER_TIMEOUT`]. The
/// other cases keep the production default, so a busy machine holding back a request for a
/// moment cannot make them fail.
static SLOW_CLIENTS: LazyLock<SocketAddr> = LazyLock::new(|| {
    let mut config = common::config();
    config.header_read_timeout = HEADER_TIMEOUT;
    common::start(config)
});

// ---------------------------------------------------------------------------------------
// The harness: sending, and judging answers.

/// The server at `addr` still serves a plain reader the whole library after what a case did
/// to it, and still tells a load balancer it is alive and ready.
fn still_serving_at(addr: SocketAddr) {
    let res = request_to(addr, "GET", "/", &[]);
    assert_eq!(res.status, 200, "/ after a hostile case: {}", res.text());
    let html = res.text();
    assert!(html.contains("<title>Articles for your wellbeing · Wellspring</title>"));
    let cards = common::LIBRARY.articles().len().min(app::api::FIRST_CARDS);
    assert_eq!(
        html.matches("<article class=\"card\">").count(),
        cards,
        "/ after a hostile case"
    );
    for path in ["/healthz", "/readyz"] {
        let res = request_to(addr, "GET", path, &[]);
        assert_eq!(res.status, 200, "{path} after a hostile case");
    }
}

/// [`still_serving_at`] the server most cases use.
fn still_serving() {
    still_serving_at(*SERVER);
}

/// A GET of `target`, sent byte for byte as given.
fn get(target: &[u8]) -> Option<Response> {
    exchange(
        &[
            b"GET ",
            target,
            b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        ]
        .concat(),
    )
}

/// A GET of `target` that the application must answer.
fn get_app(target: &str) -> Response {
    get(target.as_bytes())
        .unwrap_or_else(|| panic!("GET {target}: the connection closed without an answer"))
}

/// A request with `method`, `target`, extra header lines and a body.
fn send(method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Option<Response> {
    let mut head =
        format!("{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    exchange(&[head.as_bytes(), body].concat())
}

fn snippet(res: &Response) -> String {
    res.text().chars().take(300).collect()
}

/// What every answer from the application must be: one of `expected`, no file from outside
/// the site, no injected markup, and the security headers.
fn assert_answer(what: &str, res: &Response, expected: &[u16]) {
    assert!(
        expected.contains(&res.status),
        "{what}: got {}, expected one of {expected:?}; body: {:?}",
        res.status,
        snippet(res)
    );
    assert_safe_body(what, res);
    let problems = security_problems(res);
    assert!(
        problems.is_empty(),
        "{what}: status {} as expected, but {}; headers: {:?}",
        res.status,
        problems.join("; "),
        res.headers
    );
}

fn assert_safe_body(what: &str, res: &Response) {
    let body = res.text();
    if res
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html"))
    {
        let injected = injected_attributes(&body);
        assert!(
            injected.is_empty(),
            "{what}: {} with injected attributes {injected:?}",
            res.status
        );
    }
    for canary in CANARIES {
        assert!(
            !body.contains(canary),
            "{what}: {} with a file from outside the site root ({canary:?})",
            res.status
        );
    }
    for markup in INJECTED {
        assert!(
            !body.contains(markup),
            "{what}: {} reflects {markup:?} unescaped",
            res.status
        );
    }
}

/// What hyper answers to a request it cannot parse: one of `expected` with no body, or a
/// closed connection. Never a 5xx.
fn assert_refused_early(what: &str, res: Option<&Response>, expected: &[u16]) {
    if let Some(res) = res {
        assert!(
            expected.contains(&res.status),
            "{what}: got {}, expected one of {expected:?} or a closed connection; body: {:?}",
            res.status,
            snippet(res)
        );
        assert_safe_body(what, res);
    }
}

/// The attributes of the tags in `html` (outside comments, `<script>` and `<style>`) that
/// would run script: an event handler, or a `javascript:` URL where a URL goes. Quoted
/// values are read as a browser reads them, so escaped text inside a value is not a match.
fn injected_attributes(html: &str) -> Vec<String> {
    let bytes = html.as_bytes();
    let len = bytes.len();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<') {
        let mut j = i + lt + 1;
        if html[j..].starts_with("!--") {
            i = html[j..].find("-->").map_or(len, |e| j + e + 3);
            continue;
        }
        let tag_start = j;
        while j < len && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' && bytes[j] != b'/' {
            j += 1;
        }
        let tag = html[tag_start..j].to_ascii_lowercase();
        while j < len {
            while j < len && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= len || bytes[j] == b'>' {
                j += 1;
                break;
            }
            let name_start = j;
            while j < len
                && !bytes[j].is_ascii_whitespace()
                && !matches!(bytes[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let name = html[name_start..j].to_ascii_lowercase();
            while j < len && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = "";
            if j < len && bytes[j] == b'=' {
                j += 1;
                while j < len && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < len && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let quote = bytes[j] as char;
                    let end = html[j + 1..].find(quote).map_or(len, |e| j + 1 + e);
                    value = &html[j + 1..end];
                    j = (end + 1).min(len);
                } else {
                    let start = j;
                    while j < len && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    value = &html[start..j];
                }
            }
            if name.is_empty() {
                j += 1; // a stray `=`
                continue;
            }
            let url = matches!(
                name.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "data"
            );
            if name.starts_with("on")
                || (url && value.trim().to_ascii_lowercase().starts_with("javascript:"))
            {
                found.push(format!("<{tag} {name}={value:?}>"));
            }
        }
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            j = html[j.min(len)..].find(&close).map_or(len, |e| j + e);
        }
        i = j.min(len);
    }
    found
}

#[test]
fn the_attribute_check_reads_markup_as_a_browser_does() {
    // Not a hostile case: the check above, on markup made to pass and to fail it.
    assert!(injected_attributes(
        r#"<p>“x" onmouseover="alert(1)”</p><input value="x&quot; onmouseover=&quot;a" name=q><a href="/?q=javascript:x">"#
    )
    .is_empty());
    assert!(injected_attributes("<script>if(a<b){}</script><!-- <a onclick=x> -->").is_empty());
    assert_eq!(
        injected_attributes(
            r#"<input value="" onmouseover="alert(1)"><a href=' JavaScript:alert(1)'>"#
        ),
        [
            r#"<input onmouseover="alert(1)">"#,
            r#"<a href=" JavaScript:alert(1)">"#
        ]
    );
}

/// hyper's own answers (to a request it could not parse) carry nothing but these.
fn from_hyper(res: &Response) -> bool {
    res.body.is_empty()
        && res.headers.iter().all(|(k, _)| {
            ["connection", "content-length", "date"]
                .iter()
                .any(|h| k.eq_ignore_ascii_case(h))
        })
}

/// For a request hyper may refuse itself (`early`) or pass on to the application (`app`).
fn assert_answer_or_refused(what: &str, res: Option<Response>, app: &[u16], early: &[u16]) {
    match res {
        Some(res) if !from_hyper(&res) => assert_answer(what, &res, app),
        res => assert_refused_early(what, res.as_ref(), early),
    }
}

/// The 405 for a method other than GET and HEAD.
fn assert_not_allowed(method: &str, target: &str) {
    let what = format!("{method} {target}");
    let res = send(method, target, &[], b"")
        .unwrap_or_else(|| panic!("{what}: the connection closed without an answer"));
    assert_eq!(
        res.header("allow"),
        Some("GET, HEAD"),
        "{what}: {} without Allow: GET, HEAD",
        res.status
    );
    assert_answer(&what, &res, &[405]);
}

// ---------------------------------------------------------------------------------------
// Path traversal: none may return a file from outside the site root. The fixture puts a
// `Cargo.toml` holding `[workspace]` and an `etc/passwd` holding `root:x:0:0` right beside
// the site root (common/mod.rs), so each of these would find one if it got through.

#[test]
fn the_canaries_are_where_a_traversal_would_land() {
    // Not a hostile case: the control for the traversal cases below.
    LazyLock::force(&SERVER);
    let site = common::fixture_dir().join("site");
    let read = |path: &str| std::fs::read_to_string(site.join(path)).unwrap();
    assert!(read("../Cargo.toml").contains(CANARIES[0]));
    assert!(read("pkg/../../Cargo.toml").contains(CANARIES[0]));
    assert!(read("pkg/../../etc/passwd").contains(CANARIES[1]));
    assert_eq!(get_app("/pkg/wellspring.css").status, 200);
}

#[test]
fn traversal_dotdot_at_root_is_refused() {
    for target in ["/../Cargo.toml", "/../../Cargo.toml", "/../etc/passwd"] {
        assert_answer(target, &get_app(target), &[400, 404]);
    }
    still_serving();
}

#[test]
fn traversal_dotdot_in_pkg_is_refused() {
    for target in [
        "/pkg/../../Cargo.toml",
        "/pkg/../../etc/passwd",
        "/pkg/../../../../../../../../etc/passwd",
    ] {
        assert_answer(target, &get_app(target), &[400, 404]);
    }
    still_serving();
}

#[test]
fn traversal_encoded_dots_are_refused() {
    for target in [
        "/%2e%2e/Cargo.toml",
        "/pkg/%2e%2e/%2e%2e/Cargo.toml",
        "/pkg/%2E%2E/%2E%2E/etc/passwd",
        "/pkg/.%2e/.%2e/Cargo.toml",
    ] {
        assert_answer(target, &get_app(target), &[400, 404]);
    }
    still_serving();
}

#[test]
fn traversal_encoded_slashes_are_refused() {
    for target in [
        "/%2e%2e%2fCargo.toml",
        "/pkg/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/pkg/..%2f..%2fetc%2fpasswd",
    ] {
        assert_answer(target, &get_app(target), &[400, 404]);
    }
    still_serving();
}

#[test]
fn traversal_double_encoded_is_refused() {
    for target in [
        "/%252e%252e%252fCargo.toml",
        "/pkg/%252e%252e%252f%252e%252e%252fCargo.toml",
        "/articles/%252e%252e%252f%252e%252e%252fCargo.toml",
    ] {
        assert_answer(target, &get_app(target), &[400, 404]);
    }
    still_serving();
}

#[test]
fn traversal_raw_backslashes_are_refused() {
    for target in [
        "/..\\Cargo.toml",
        "/pkg/..\\..\\Cargo.toml",
        "/articles/..\\..\\Cargo.toml",
    ] {
        assert_answer_or_refused(target, get(target.as_bytes()), &[400, 404], &[400]);
    }
    still_serving();
}

#[test]
fn traversal_encoded_backslashes_are_refused() {
    for target in [
        "/..%5cCargo.toml",
        "/%5c..%5cCargo.toml",
        "/pkg/..%5c..%5cCargo.toml",
        "/articles/..%5c..%5cCargo.toml",
    ] {
        assert_answer(target, &get_app(target), &[400, 404]);
    }
    still_serving();
}

#[test]
fn absolute_path_at_root_is_refused() {
    for target in ["//etc/passwd", "/%2fetc%2fpasswd", "///etc/passwd"] {
        assert_answer(target, &get_app(target), &[400, 404]);
    }
    still_serving();
}

#[test]
fn absolute_path_in_pkg_is_refused() {
    for target in [
        "/pkg//etc/passwd",
        "/pkg/%2fetc%2fpasswd",
        "/pkg///etc/passwd",
    ] {
        assert_answer(target, &get_app(target), &[400, 404]);
    }
    still_serving();
}

#[test]
fn traversal_in_encoded_article_slug_is_a_404() {
    for target in [
        "/articles/..%2f..%2fCargo.toml",
        "/articles/..%2f..%2f..%2fetc%2fpasswd",
        "/articles/%2e%2e%2f%2e%2e%2fCargo.toml",
    ] {
        let res = get_app(target);
        assert_answer(target, &res, &[404]);
        assert!(
            res.text().contains("We couldn't find that page"),
            "{target}: not the app's 404 page"
        );
    }
    still_serving();
}

#[test]
fn traversal_in_raw_article_path_is_a_404() {
    for target in [
        "/articles/../../etc/passwd",
        "/articles/../../Cargo.toml",
        "/articles/../pkg/../../Cargo.toml",
    ] {
        assert_answer(target, &get_app(target), &[400, 404]);
    }
    still_serving();
}

#[test]
fn dotdot_as_an_article_slug_serves_no_file() {
    // The in-app router resolves `/articles/..` to `/`, so a 200 here is the library page.
    for target in ["/articles/%2e%2e", "/articles/.%2e", "/articles/%2e"] {
        let res = get_app(target);
        assert_answer(target, &res, &[200, 404]);
        if res.status == 200 {
            assert!(
                res.text().contains("<title>"),
                "{target}: a 200 that is not a page"
            );
        }
    }
    still_serving();
}

#[test]
fn traversal_in_api_article_slug_finds_nothing() {
    for target in [
        "/api/article?slug=../../Cargo.toml",
        "/api/article?slug=..%2f..%2fCargo.toml",
        "/api/article?slug=%2fetc%2fpasswd",
    ] {
        let res = get_app(target);
        assert_answer(target, &res, &[200, 400, 404]);
        if res.status == 200 {
            assert_eq!(res.text(), "null", "{target}");
        }
    }
    still_serving();
}

// ---------------------------------------------------------------------------------------
// Invalid UTF-8 and NUL bytes, percent-encoded and raw.

#[test]
fn invalid_utf8_in_path_is_not_found() {
    for target in ["/%ff%fe", "/pkg/%ff%fe", "/articles/%ff%fe", "/%c0%af"] {
        assert_answer(target, &get_app(target), &[400, 404]);
    }
    still_serving();
}

#[test]
fn invalid_utf8_in_query_is_harmless() {
    for target in [
        "/?q=%ff%fe",
        "/?topic=%ff",
        "/?show=%ff",
        "/api/library?q=%ff%fe",
        "/api/article?slug=%ff",
    ] {
        assert_answer(target, &get_app(target), &[200, 400]);
    }
    still_serving();
}

#[test]
fn nul_in_path_is_not_found() {
    for target in [
        "/%00",
        "/favicon.ico%00",
        "/pkg/wellspring.css%00.txt",
        "/articles/%00",
    ] {
        assert_answer(target, &get_app(target), &[400, 404]);
    }
    still_serving();
}

#[test]
fn nul_in_query_is_harmless() {
    for target in [
        "/?q=%00",
        "/?topic=%00",
        "/api/library?q=%00",
        "/api/article?slug=%00",
    ] {
        assert_answer(target, &get_app(target), &[200, 400]);
    }
    still_serving();
}

#[test]
fn raw_invalid_bytes_in_target_are_bad_requests() {
    for target in [
        &b"/\xff\xfe"[..],
        b"/pkg/\xff",
        b"/\x00",
        b"/?q=\x00",
        b"/?q=\xff",
        b"/articles/\x7f",
    ] {
        let what = String::from_utf8_lossy(target);
        assert_refused_early(&what, get(target).as_ref(), &[400]);
    }
    still_serving();
}

#[test]
fn over_long_file_name_in_pkg_is_not_found() {
    // 300 bytes is under the 2 KiB target limit but over the 255 a file name may have.
    let name = "a".repeat(300);
    for target in [
        format!("/{name}"),
        format!("/articles/{name}"),
        format!("/pkg/{name}"),
        format!("/pkg/{name}.js"),
    ] {
        assert_answer(
            &format!("GET /…{} bytes", target.len()),
            &get_app(&target),
            &[400, 404],
        );
    }
    still_serving();
}

// ---------------------------------------------------------------------------------------
// Script and attribute injection: the markup must come back escaped, if at all.

fn assert_escaped_page(target: &str) -> Response {
    let res = get_app(target);
    assert_answer(target, &res, &[200, 404]);
    res
}

#[test]
fn script_in_q_is_escaped() {
    for target in [
        "/?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "/?q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/?q=%3CSCRIPT%3Ealert(1)%3C/SCRIPT%3E",
    ] {
        let res = assert_escaped_page(target);
        assert_eq!(res.status, 200, "{target}");
        assert!(
            !res.text().to_lowercase().contains("<script>alert(1)"),
            "{target}: reflected in some case"
        );
        assert!(res.text().contains("&lt;"), "{target}: q not shown escaped");
    }
    still_serving();
}

#[test]
fn attribute_injection_in_q_is_escaped() {
    for target in [
        "/?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "/?q=%27%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "/?q=%22%20autofocus%20onfocus%3Dalert(1)%20x%3D%22",
        "/?q=%3Csvg%20onload%3Dalert(1)%3E",
    ] {
        let res = assert_escaped_page(target);
        assert_eq!(res.status, 200, "{target}");
        assert!(
            !res.text().contains("value=\"\" autofocus"),
            "{target}: broke out of the search field's value"
        );
    }
    still_serving();
}

#[test]
fn raw_quote_in_q_is_escaped() {
    // `"` and `'` are sent as they are (hyper takes them); `<` and `>` it refuses raw.
    for target in [
        "/?q=\"autofocus/onfocus=alert(1)//",
        "/?q='autofocus/onfocus=alert(1)//",
    ] {
        let res = get(target.as_bytes());
        if let Some(res) = res.as_ref().filter(|res| !from_hyper(res)) {
            assert!(
                !res.text().contains("value=\"\"autofocus"),
                "{target}: broke out of the search field's value"
            );
        }
        assert_answer_or_refused(target, res, &[200], &[400]);
    }
    still_serving();
}

#[test]
fn javascript_url_in_q_is_inert() {
    for target in ["/?q=javascript:alert(1)", "/?q=javascript%3Aalert(1)"] {
        let res = assert_escaped_page(target);
        assert_eq!(res.status, 200, "{target}");
    }
    still_serving();
}

#[test]
fn script_in_topic_is_escaped() {
    for target in [
        "/?topic=%3Cscript%3Ealert(1)%3C/script%3E",
        "/?topic=mindfulness&topic=%3Cscript%3Ealert(1)%3C/script%3E",
        "/?topic=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&q=%3Cscript%3Ealert(1)%3C/script%3E",
    ] {
        let res = assert_escaped_page(target);
        assert_eq!(res.status, 200, "{target}");
        assert!(res.text().contains("There is no topic called"), "{target}");
    }
    still_serving();
}

#[test]
fn attribute_injection_in_topic_is_escaped() {
    for target in [
        "/?topic=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "/?topic=x%22%20onmouseover%3D%22alert(1)",
        "/?topic=javascript:alert(1)",
    ] {
        let res = assert_escaped_page(target);
        assert_eq!(res.status, 200, "{target}");
    }
    still_serving();
}

#[test]
fn script_in_show_is_ignored() {
    for target in [
        "/?show=%3Cscript%3Ealert(1)%3C/script%3E",
        "/?show=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "/?show=javascript:alert(1)",
    ] {
        let res = assert_escaped_page(target);
        assert_eq!(res.status, 200, "{target}");
    }
    still_serving();
}

#[test]
fn script_in_slug_is_a_404_and_escaped() {
    for target in [
        "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/articles/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "/articles/javascript:alert(1)",
        "/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ] {
        let res = assert_escaped_page(target);
        assert_eq!(res.status, 404, "{target}");
        assert!(
            res.text().contains("We couldn't find that page"),
            "{target}"
        );
    }
    still_serving();
}

#[test]
fn raw_markup_in_target_is_a_bad_request() {
    for target in [
        "/?q=<script>alert(1)</script>",
        "/?q=\"><img src=x onerror=alert(1)>",
        "/?topic=<script>alert(1)</script>",
        "/articles/<script>alert(1)</script>",
    ] {
        assert_answer_or_refused(target, get(target.as_bytes()), &[200, 400, 404], &[400]);
    }
    still_serving();
}

#[test]
fn markup_in_server_function_arguments_stays_json() {
    // The library payload echoes `q` (the page compares it with the search box), so the
    // markup is in the body; it is safe only as long as no browser takes it for HTML.
    for target in [
        "/api/library?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "/api/library?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "/api/article?slug=%3Cscript%3Ealert(1)%3C/script%3E",
    ] {
        let res = get_app(target);
        assert_eq!(res.status, 200, "{target}: {}", snippet(&res));
        assert!(
            res.header("content-type")
                .is_some_and(|t| t.starts_with("application/json")),
            "{target}: content-type {:?}",
            res.header("content-type")
        );
        assert_eq!(
            res.header("content-security-policy"),
            Some("default-src 'none'; frame-ancestors 'none'"),
            "{target}"
        );
        let problems = security_problems(&res);
        assert!(problems.is_empty(), "{target}: {}", problems.join("; "));
        for canary in CANARIES {
            assert!(!res.text().contains(canary), "{target}");
        }
    }
    still_serving();
}

#[test]
fn host_headers_do_not_reach_the_page() {
    let res = send(
        "GET",
        "/articles/wintertime-depression",
        &[
            ("X-Forwarded-Host", "evil.example"),
            ("Forwarded", "host=evil.example;proto=http"),
            ("X-Forwarded-Proto", "http"),
        ],
        b"",
    )
    .expect("an answer");
    assert_answer("forwarded host", &res, &[200]);
    assert!(!res.text().contains("evil.example"), "forwarded host used");
    let res = exchange(b"GET /help HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        .expect("an answer");
    assert_answer("Host: evil.example", &res, &[200]);
    assert!(!res.text().contains("evil.example"), "Host used");
    let res = exchange(
        b"GET http://evil.example/help HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    )
    .expect("an answer");
    assert_answer("absolute-form target", &res, &[200, 400]);
    assert!(
        !res.text().contains("evil.example"),
        "absolute-form host used"
    );
    still_serving();
}

// ---------------------------------------------------------------------------------------
// Size limits.

#[test]
fn over_long_url_is_414() {
    for target in [
        format!("/?q={}", "a".repeat(3000)),
        format!("/{}", "a".repeat(2048)),
        format!("/api/library?q={}", "%3C".repeat(700)),
    ] {
        let res = get_app(&target);
        assert_answer(&format!("GET of {} bytes", target.len()), &res, &[414]);
    }
    // Just at the limit is fine.
    let target = format!("/?q={}", "a".repeat(2048 - 4));
    assert_answer("GET of 2048 bytes", &get_app(&target), &[200]);
    still_serving();
}

#[test]
fn gigantic_url_is_refused() {
    // Beyond hyper's 64 KiB read buffer hyper answers (or hangs up) itself.
    let target = format!("/?q={}", "a".repeat(70_000));
    assert_answer_or_refused(
        "70 kB target",
        get(target.as_bytes()),
        &[414, 431],
        &[414, 431],
    );
    still_serving();
}

#[test]
fn over_large_header_is_431() {
    let big = "a".repeat(9000);
    let res = send("GET", "/", &[("X-Big", &big)], b"").expect("an answer");
    assert_answer("one 9 kB header", &res, &[431]);
    // Many ordinary headers that add up to more than 8 KiB.
    let value = "b".repeat(120);
    let names: Vec<String> = (0..80).map(|i| format!("X-Filler-{i}")).collect();
    let headers: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), value.as_str())).collect();
    let res = send("GET", "/", &headers, b"").expect("an answer");
    assert_answer("80 headers of 120 bytes", &res, &[431]);
    still_serving();
}

#[test]
fn gigantic_header_is_refused_or_closed() {
    let big = "a".repeat(100_000);
    let res = send("GET", "/", &[("X-Big", &big)], b"");
    assert_refused_early("one 100 kB header", res.as_ref(), &[431]);
    still_serving();
}

#[test]
fn too_many_headers_are_refused() {
    let names: Vec<String> = (0..150).map(|i| format!("X-H{i}")).collect();
    let headers: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "v")).collect();
    assert_answer_or_refused(
        "150 headers",
        send("GET", "/", &headers, b""),
        &[431],
        &[431],
    );
    still_serving();
}

#[test]
fn over_large_body_is_413() {
    let body = vec![b'x'; 20 * 1024];
    let length = body.len().to_string();
    for target in [
        "/",
        "/articles/wintertime-depression",
        "/pkg/wellspring.css",
    ] {
        let res = send("GET", target, &[("Content-Length", &length)], &body).expect("an answer");
        assert_answer(&format!("GET {target} with a 20 KiB body"), &res, &[413]);
    }
    still_serving();
}

#[test]
fn over_large_body_to_every_server_function_is_413() {
    let body = format!("{{\"q\":\"{}\"}}", "x".repeat(20 * 1024));
    let length = body.len().to_string();
    for target in [
        "/api/library?q=sleep",
        "/api/article?slug=wintertime-depression",
        "/api/search-index",
    ] {
        let res = send(
            "GET",
            target,
            &[
                ("Content-Type", "application/json"),
                ("Content-Length", &length),
            ],
            body.as_bytes(),
        )
        .expect("an answer");
        assert_answer(&format!("GET {target} with a 20 KiB body"), &res, &[413]);
    }
    still_serving();
}

#[test]
fn over_large_chunked_body_is_refused_or_ignored() {
    // Without a Content-Length the limit can only bite when a handler reads the body, and
    // no GET handler does: the body is ignored and the connection closed after the answer.
    let payload = "x".repeat(20 * 1024);
    let body = format!("{:x}\r\n{payload}\r\n0\r\n\r\n", payload.len());
    for target in ["/", "/api/library?q=sleep"] {
        let res = send(
            "GET",
            target,
            &[("Transfer-Encoding", "chunked")],
            body.as_bytes(),
        )
        .expect("an answer");
        assert_answer(
            &format!("GET {target} with a chunked 20 KiB body"),
            &res,
            &[200, 413],
        );
    }
    still_serving();
}

#[test]
fn garbage_json_posted_to_every_server_function_is_405() {
    for target in ["/api/library", "/api/article", "/api/search-index"] {
        for (kind, body) in [
            ("application/json", &b"{\"q\":[}}}"[..]),
            ("application/x-www-form-urlencoded", b"slug=%ff&&=="),
            ("application/cbor", b"\xff\xff\xff\x00"),
        ] {
            let res = send(
                "POST",
                target,
                &[
                    ("Content-Type", kind),
                    ("Content-Length", &body.len().to_string()),
                ],
                body,
            )
            .expect("an answer");
            assert_eq!(res.header("allow"), Some("GET, HEAD"), "POST {target}");
            assert_answer(&format!("POST {target} ({kind})"), &res, &[405]);
        }
    }
    still_serving();
}

#[test]
fn oversized_post_to_every_server_function_is_405() {
    // The method is refused before the size is looked at.
    let body = vec![b'{'; 20 * 1024];
    let length = body.len().to_string();
    for target in ["/api/library", "/api/article", "/api/search-index"] {
        let res = send(
            "POST",
            target,
            &[
                ("Content-Type", "application/json"),
                ("Content-Length", &length),
            ],
            &body,
        )
        .expect("an answer");
        assert_answer(&format!("POST {target} with 20 KiB"), &res, &[405]);
    }
    still_serving();
}

#[test]
fn garbage_body_on_a_server_function_get_is_ignored() {
    for target in [
        "/api/library?q=sleep",
        "/api/article?slug=wintertime-depression",
        "/api/search-index",
    ] {
        let body = b"{\"q\":[}}}";
        let res = send(
            "GET",
            target,
            &[
                ("Content-Type", "application/json"),
                ("Content-Length", &body.len().to_string()),
            ],
            body,
        )
        .expect("an answer");
        assert_answer(&format!("GET {target} with garbage JSON"), &res, &[200]);
    }
    still_serving();
}

#[test]
fn malformed_server_function_arguments_are_400() {
    // Missing arguments take their defaults (the whole library, no article).
    for target in ["/api/library", "/api/article"] {
        assert_answer(target, &get_app(target), &[200]);
    }
    for target in [
        "/api/library?q=a&q=b",
        "/api/article?slug%5B%5D=x",
        "/api/library?q%5Ba%5D=1",
    ] {
        assert_answer(target, &get_app(target), &[400, 422]);
    }
    still_serving();
}

// ---------------------------------------------------------------------------------------
// Methods: only GET and HEAD.

const SOME_TARGETS: [&str; 5] = [
    "/",
    "/articles/wintertime-depression",
    "/api/library?q=x",
    "/pkg/wellspring.css",
    "/no-such-page",
];

#[test]
fn delete_is_405() {
    for target in SOME_TARGETS {
        assert_not_allowed("DELETE", target);
    }
    still_serving();
}

#[test]
fn put_is_405() {
    for target in SOME_TARGETS {
        assert_not_allowed("PUT", target);
    }
    still_serving();
}

#[test]
fn patch_is_405() {
    for target in SOME_TARGETS {
        assert_not_allowed("PATCH", target);
    }
    still_serving();
}

#[test]
fn post_is_405() {
    for target in SOME_TARGETS {
        assert_not_allowed("POST", target);
    }
    still_serving();
}

#[test]
fn options_is_405() {
    for target in SOME_TARGETS {
        assert_not_allowed("OPTIONS", target);
    }
    assert_not_allowed("OPTIONS", "*");
    still_serving();
}

#[test]
fn trace_is_405() {
    for target in SOME_TARGETS {
        assert_not_allowed("TRACE", target);
    }
    // TRACE would echo the request back: a cookie or header must not come back.
    let res = send("TRACE", "/", &[("X-Secret", "do-not-echo")], b"").expect("an answer");
    assert!(
        !res.text().contains("do-not-echo"),
        "TRACE echoed the request"
    );
    still_serving();
}

#[test]
fn connect_is_405() {
    let res = exchange(
        b"CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\nConnection: close\r\n\r\n",
    );
    if let Some(res) = res.as_ref().filter(|res| !from_hyper(res)) {
        assert_eq!(res.header("allow"), Some("GET, HEAD"), "CONNECT");
    }
    assert_answer_or_refused("CONNECT localhost:443", res, &[405], &[400]);
    still_serving();
}

#[test]
fn made_up_method_is_405() {
    for method in ["BREW", "PROPFIND", "get", "G-E-T"] {
        assert_not_allowed(method, "/");
    }
    still_serving();
}

// ---------------------------------------------------------------------------------------
// HEAD answers as GET does, without the body.

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

// ---------------------------------------------------------------------------------------
// Malformed requests: hyper refuses them before any layer runs.

#[test]
fn garbage_request_line_is_400_or_closed() {
    for (what, bytes) in [
        (
            "a TLS ClientHello",
            &b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\xde\xad\xbe\xef\r\n\r\n"[..],
        ),
        ("words", b"HELLO THERE\r\n\r\n"),
        ("no version", b"GET /\r\n\r\n"),
        ("HTTP/9.9", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n"),
        (
            "HTTP/2.0 in HTTP/1 framing",
            b"GET / HTTP/2.0\r\nHost: x\r\n\r\n",
        ),
        ("two spaces", b"GET  /  HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("a bare CR", b"GET / HTTP/1.1\rHost: x\r\n\r\n"),
        (
            "NUL in a header",
            b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n",
        ),
        (
            "space in a header name",
            b"GET / HTTP/1.1\r\nHost: x\r\nX A: b\r\n\r\n",
        ),
        (
            "a folded header",
            b"GET / HTTP/1.1\r\nHost: x\r\nX-A: b\r\n folded\r\n\r\n",
        ),
        ("no colon", b"GET / HTTP/1.1\r\nHost: x\r\nnonsense\r\n\r\n"),
        ("binary noise", b"\x00\x01\x02\x03\xff\xfe\xfd\r\n\r\n"),
    ] {
        assert_refused_early(what, exchange(bytes).as_ref(), &[400]);
    }
    still_serving();
}

#[test]
fn conflicting_content_lengths_are_400() {
    let res = exchange(
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\nConnection: close\r\n\r\nabcde",
    );
    assert_refused_early("two Content-Lengths", res.as_ref(), &[400]);
    let res =
        exchange(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n");
    assert_refused_early("a negative Content-Length", res.as_ref(), &[400]);
    let res = exchange(
        b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked, identity\r\nConnection: close\r\n\r\n0\r\n\r\n",
    );
    assert_refused_early("chunked not last", res.as_ref(), &[400]);
    still_serving();
}

#[test]
fn content_length_beside_chunked_smuggles_nothing() {
    // With both, chunked wins and the connection must close after the answer, so the
    // request hidden behind the chunked body is never answered.
    let raw = exchange_raw(
        b"GET /help HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /no-such-page HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    let text = String::from_utf8_lossy(&raw);
    let answers = text.matches("HTTP/1.1 ").count();
    assert!(
        answers <= 1,
        "{answers} answers: the hidden request was served"
    );
    assert_answer_or_refused(
        "Content-Length with chunked",
        common::parse(&raw),
        &[200],
        &[400],
    );
    still_serving();
}

// ---------------------------------------------------------------------------------------
// Slow and silent clients: a connection that never finishes its request head is closed.

/// Waits for the server to close `stream`, opened at `opened`; panics if it is still open
/// [`SLOW_CLIENT_DEADLINE`] after that, or answers with a server error.
fn assert_closed_in_time(what: &str, mut stream: TcpStream, opened: Instant) {
    let left = SLOW_CLIENT_DEADLINE.saturating_sub(opened.elapsed());
    stream
        .set_read_timeout(Some(left.max(Duration::from_millis(100))))
        .unwrap();
    let mut got = Vec::new();
    match stream.read_to_end(&mut got) {
        Ok(_) => {}
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => panic!(
            "{what}: the connection is still open after {:?}",
            opened.elapsed()
        ),
        Err(_) => {} // reset: closed too
    }
    if let Some(res) = common::parse(&got) {
        assert!(res.status < 500, "{what}: {} before closing", res.status);
    }
}

/// A reader on the slow-client server, served while a slow client holds a connection.
fn served_meanwhile(what: &str) {
    let res = request_to(*SLOW_CLIENTS, "GET", "/help", &[]);
    assert_eq!(res.status, 200, "a normal request while {what} waits");
}

#[test]
fn slow_client_half_request_line_is_dropped_while_others_are_served() {
    let opened = Instant::now();
    let mut slow = TcpStream::connect(*SLOW_CLIENTS).unwrap();
    slow.write_all(b"GET / HT").unwrap();
    // Another reader is served meanwhile, more than once.
    for _ in 0..3 {
        served_meanwhile("half a request line");
        std::thread::sleep(HEADER_TIMEOUT / 6);
    }
    assert_closed_in_time("half a request line", slow, opened);
    still_serving_at(*SLOW_CLIENTS);
}

#[test]
fn slow_client_trickling_headers_is_dropped() {
    // A byte at a time, forever: the deadline is for the whole head, not each read.
    let opened = Instant::now();
    let mut slow = TcpStream::connect(*SLOW_CLIENTS).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    let mut closed = false;
    for byte in b"X-Slow: ".iter().cycle().take(40) {
        if slow.write_all(&[*byte]).is_err() {
            closed = true;
            break;
        }
        // Each byte well within the timeout, so only a deadline on the whole head ends it.
        std::thread::sleep(HEADER_TIMEOUT / 6);
        if opened.elapsed() > HEADER_TIMEOUT * 2 {
            break;
        }
    }
    if !closed {
        assert_closed_in_time("a head trickled a byte at a time", slow, opened);
    }
    assert!(
        opened.elapsed() <= SLOW_CLIENT_DEADLINE + Duration::from_millis(500),
        "a trickling client kept its connection for {:?}",
        opened.elapsed()
    );
    still_serving_at(*SLOW_CLIENTS);
}

#[test]
fn silent_client_is_dropped() {
    // Connects and sends nothing at all.
    let opened = Instant::now();
    let silent = TcpStream::connect(*SLOW_CLIENTS).unwrap();
    served_meanwhile("a silent client");
    assert_closed_in_time("a connection that sends nothing", silent, opened);
    still_serving_at(*SLOW_CLIENTS);
}

#[test]
fn stalled_http2_preface_is_dropped() {
    // The start of the HTTP/2 connection preface, and then nothing.
    let opened = Instant::now();
    let mut stalled = TcpStream::connect(*SLOW_CLIENTS).unwrap();
    stalled.write_all(b"PRI * HTTP/2.0\r\n").unwrap();
    served_meanwhile("a stalled HTTP/2 preface");
    assert_closed_in_time("half an HTTP/2 preface", stalled, opened);
    still_serving_at(*SLOW_CLIENTS);
}

#[test]
fn unfinished_body_does_not_hold_the_answer() {
    // Content-Length promises 10 bytes and 2 come: no handler reads a body, so the answer
    // does not wait for the rest.
    let opened = Instant::now();
    let res = exchange(
        b"GET /help HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nConnection: close\r\n\r\nab",
    )
    .expect("an answer");
    assert_answer("a body cut short", &res, &[200, 400, 408]);
    // Not held until the request's deadline, which a 408 would have meant.
    assert!(opened.elapsed() < server::security::REQUEST_TIMEOUT);
    still_serving();
}

// ---------------------------------------------------------------------------------------
// A burst: 200 at once get 200, or 503 with Retry-After when over the concurrency limit.

#[test]
fn burst_of_200_concurrent_requests_gets_200_or_503() {
    let targets = [
        "/",
        "/articles/wintertime-depression",
        "/help",
        "/api/search-index",
        "/?q=sleep",
        "/?topic=mindfulness",
        "/api/library?q=stress",
        "/pkg/wellspring.css",
    ];
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(200));
    let started = Instant::now();
    let threads: Vec<_> = (0..200)
        .map(|i| {
            let target = targets[i % targets.len()];
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                let res = request(target, &[]);
                (target, res)
            })
        })
        .collect();
    let mut shed = 0;
    for thread in threads {
        let (target, res) = thread
            .join()
            .expect("a request in the burst hung or failed");
        match res.status {
            200 => {}
            503 => {
                shed += 1;
                assert!(
                    res.has_header("retry-after"),
                    "{target}: 503 without Retry-After"
                );
            }
            other => panic!("{target}: {other} in the burst: {}", snippet(&res)),
        }
        let problems = security_problems(&res);
        assert!(
            problems.is_empty(),
            "{target}: {} in the burst: {}",
            res.status,
            problems.join("; ")
        );
    }
    eprintln!(
        "burst: 200 requests in {:?}, {shed} shed with 503",
        started.elapsed()
    );
    still_serving();
}
