//! When a page has become interactive, and what waits for that moment.
//!
//! The island loader (islands.js) hydrates the islands of a page one after another, in
//! document order, giving the browser its turn between them; a lazy island
//! (`#[island(lazy)]`) first fetches its own piece of the WASM. Stored reader and offline state
//! must reach no island before that island has hydrated: its first render has to match the
//! HTML the server rendered without that state, or hydration fails. So what loads such state
//! waits here ([`after_hydration`]) until the loader says every island has hydrated
//! (`crate::islands_hydrated`, which calls [`finish`]).

use std::cell::RefCell;
use std::collections::VecDeque;

#[derive(Default)]
struct Progress {
    done: bool,
    waiting: VecDeque<Box<dyn FnOnce()>>,
}

thread_local! {
    static PROGRESS: RefCell<Progress> = RefCell::default();
}

/// Every island has hydrated (the static build: the app has rendered): runs what was
/// waiting, each in a task of its own, then marks `<body>`, which end-to-end tests wait for
/// before they click.
///
/// One task each because on the library there are three (stored reader state, offline
/// state, the search index request): together they made one task of 47-87 ms at 4x CPU, past
/// the 50 ms that counts as blocking (#10); apart, the longest took 44 ms. What asks to wait
/// in the meantime joins the end of the queue, so a click is never applied before stored
/// state has loaded.
pub fn finish() {
    let next = PROGRESS.with_borrow_mut(|p| {
        let next = p.waiting.pop_front();
        p.done = next.is_none();
        next
    });
    match next {
        Some(run) => {
            run();
            next_task(finish);
        }
        None => {
            if let Some(body) = leptos::prelude::document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        }
    }
}

/// Runs `run` in a later task, once the browser has had its turn. (The server build only
/// compiles `finish`, from `App`'s effect, which never runs there.)
fn next_task(run: fn()) {
    #[cfg(feature = "browser")]
    leptos::prelude::set_timeout(run, std::time::Duration::ZERO);
    #[cfg(not(feature = "browser"))]
    run();
}

/// Runs `run` once every island of the page has hydrated: at once if they have.
#[cfg(feature = "browser")]
pub fn after_hydration(run: impl FnOnce() + 'static) {
    let run = PROGRESS.with_borrow_mut(|p| {
        if p.done {
            Some(run)
        } else {
            p.waiting.push_back(Box::new(run));
            None
        }
    });
    if let Some(run) = run {
        run();
    }
}

/// Runs `run` once the calling component has rendered and every island of the page has
/// hydrated. Through an effect: never on the server, and never in the middle of a render
/// (once the page is done, as in the static build after its first render, `after_hydration`
/// runs at once).
#[cfg(feature = "browser")]
pub fn when_hydrated(run: impl FnOnce() + Clone + 'static) {
    leptos::prelude::Effect::new(move |_| after_hydration(run.clone()));
}
