//! The harness: sending, and judging answers.

use crate::common::{self, exchange, request_to, security_problems, Response, CANARIES, SERVER};
use std::net::SocketAddr;

/// Markup that must never come back as markup. (Attributes are checked as a browser reads
/// them: see [`injected_attributes`].)
pub const INJECTED: [&str; 3] = ["<script>alert(1)", "<img src=x onerror", "<svg onload"];

/// The server at `addr` still serves a plain reader the whole library after what a case did
/// to it, and still tells a load balancer it is alive and ready.
pub fn still_serving_at(addr: SocketAddr) {
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
pub fn still_serving() {
    still_serving_at(*SERVER);
}

/// A GET of `target`, sent byte for byte as given.
pub fn get(target: &[u8]) -> Option<Response> {
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
pub fn get_app(target: &str) -> Response {
    get(target.as_bytes())
        .unwrap_or_else(|| panic!("GET {target}: the connection closed without an answer"))
}

/// A request with `method`, `target`, extra header lines and a body.
pub fn send(method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Option<Response> {
    let mut head =
        format!("{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    exchange(&[head.as_bytes(), body].concat())
}

pub fn snippet(res: &Response) -> String {
    res.text().chars().take(300).collect()
}

/// What every answer from the application must be: one of `expected`, no file from outside
/// the site, no injected markup, and the security headers.
pub fn assert_answer(what: &str, res: &Response, expected: &[u16]) {
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

pub fn assert_safe_body(what: &str, res: &Response) {
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
pub fn assert_refused_early(what: &str, res: Option<&Response>, expected: &[u16]) {
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
pub fn injected_attributes(html: &str) -> Vec<String> {
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
pub fn from_hyper(res: &Response) -> bool {
    res.body.is_empty()
        && res.headers.iter().all(|(k, _)| {
            ["connection", "content-length", "date"]
                .iter()
                .any(|h| k.eq_ignore_ascii_case(h))
        })
}

/// For a request hyper may refuse itself (`early`) or pass on to the application (`app`).
pub fn assert_answer_or_refused(what: &str, res: Option<Response>, app: &[u16], early: &[u16]) {
    match res {
        Some(res) if !from_hyper(&res) => assert_answer(what, &res, app),
        res => assert_refused_early(what, res.as_ref(), early),
    }
}

/// The 405 for a method other than GET and HEAD.
pub fn assert_not_allowed(method: &str, target: &str) {
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
