//! One request never reaches into another's reactive owner (`own_owner` in server/src/lib.rs).
//! Driven by hand on one thread, so the interleaving that once happened by chance in CI (a
//! file served while a page render awaited its data) happens every time.

mod common;

use axum::{
    body::Body,
    http::{header, Request},
};
use std::{future::Future, pin::pin, task::Poll};
use tower::ServiceExt;

const LOCKED_DOWN: &str = "default-src 'none'; frame-ancestors 'none'";

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

fn policy(response: &axum::response::Response) -> &str {
    response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none")
}

#[tokio::test(flavor = "current_thread")]
async fn a_file_served_while_a_page_renders_leaves_the_page_its_policy() {
    let app = common::app();
    // A query keeps it out of the page cache, so it is rendered now, awaiting its data.
    let mut page = pin!(app.clone().oneshot(get("/?topic=mindfulness")));
    let first = std::future::poll_fn(|cx| Poll::Ready(page.as_mut().poll(cx))).await;
    assert!(
        first.is_pending(),
        "the render should have paused for its data, for the file to come between"
    );
    let icon = app.clone().oneshot(get("/favicon.ico")).await.unwrap();
    let page = page.await.unwrap();

    assert_eq!(icon.status(), 200);
    assert_eq!(policy(&icon), LOCKED_DOWN, "the file keeps its own policy");
    assert_eq!(page.status(), 200);
    assert!(
        policy(&page).contains("script-src 'self' 'nonce-"),
        "the page keeps its policy, not {:?}",
        policy(&page)
    );
}
