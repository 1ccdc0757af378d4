//! Script and attribute injection: the markup must come back escaped, if at all.

use crate::common::{exchange, security_problems, Response, CANARIES};
use crate::harness::*;

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
