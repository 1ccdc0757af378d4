//! A burst: 200 at once get 200, or 503 with Retry-After when over the concurrency limit.

use crate::common::{request, security_problems};
use crate::harness::*;
use std::time::Instant;

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
