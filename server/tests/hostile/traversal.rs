//! Path traversal: none may return a file from outside the site root. The fixture puts a
//! `Cargo.toml` holding `[workspace]` and an `etc/passwd` holding `root:x:0:0` right beside
//! the site root (common/mod.rs), so each of these would find one if it got through.

use crate::common::{self, CANARIES, SERVER};
use crate::harness::*;
use std::sync::LazyLock;

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
