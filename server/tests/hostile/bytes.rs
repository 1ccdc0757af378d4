//! Invalid UTF-8 and NUL bytes, percent-encoded and raw.

use crate::harness::*;

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
