//! Size limits.

use crate::harness::*;

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
