//! When a page has become interactive, and what waits for that moment.
//!
//! Leptos' island script hydrates the islands of a page one after another, in document order.
//! A lazy island (`#[island(lazy)]`) first fetches its own piece of the WASM, so it, and every
//! island after it, hydrates a little later than the rest. Stored reader and offline state must
//! reach no island before that island has hydrated: its first render has to match the HTML the
//! server rendered without that state, or hydration fails. So what loads such state waits here
//! ([`after_hydration`]) until every island of the page has hydrated.

use std::cell::RefCell;

/// Islands whose code is split out of the main WASM (`#[island(lazy)]`): none is on an
/// article page, so an article's first load skips their code (#10's weight budget). Each one
/// calls [`lazy_island_hydrated`] first thing.
#[cfg(feature = "hydrate")]
const LAZY_ISLANDS: [&str; 6] = [
    "Library",
    "MyData",
    "Bookmarks",
    "TryAgain",
    "OfflineList",
    "SaveAllOffline",
];

#[derive(Default)]
struct Progress {
    /// Lazy islands of this page not hydrated yet.
    #[cfg(feature = "hydrate")]
    lazy_pending: usize,
    done: bool,
    waiting: Vec<Box<dyn FnOnce()>>,
}

thread_local! {
    static PROGRESS: RefCell<Progress> = RefCell::default();
}

/// Called by `crate::hydrate` before the island script hydrates anything: counts the lazy
/// islands to wait for.
#[cfg(feature = "hydrate")]
pub fn start() {
    use wasm_bindgen::JsCast;
    let islands = leptos::prelude::document().query_selector_all("leptos-island");
    let lazy = islands.map_or(0, |islands| {
        (0..islands.length())
            .filter_map(|i| islands.item(i)?.dyn_into::<web_sys::Element>().ok())
            .filter_map(|island| island.get_attribute("data-component"))
            .filter(|id| {
                // Leptos names an island's hydration function `<Name>_<hash>`.
                let name = id.rsplit_once('_').map_or(id.as_str(), |(name, _)| name);
                LAZY_ISLANDS.contains(&name)
            })
            .count()
    });
    PROGRESS.with_borrow_mut(|p| p.lazy_pending = lazy);
    if lazy == 0 {
        finish_after_this_task();
    }
}

/// Called by each lazy island as its hydration begins (a no-op on the server).
pub fn lazy_island_hydrated() {
    #[cfg(feature = "hydrate")]
    {
        let last = PROGRESS.with_borrow_mut(|p| {
            p.lazy_pending = p.lazy_pending.saturating_sub(1);
            p.lazy_pending == 0 && !p.done
        });
        if last {
            finish_after_this_task();
        }
    }
}

/// The island hydrating now, and every island after it whose code is here, hydrate in
/// microtasks of this task: the next task finds them all done.
#[cfg(feature = "hydrate")]
fn finish_after_this_task() {
    leptos::prelude::set_timeout(finish, std::time::Duration::ZERO);
}

/// Every island has hydrated (the static build: the app has rendered): marks `<body>`, which
/// end-to-end tests wait for before they click, and runs what was waiting.
pub fn finish() {
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
    let waiting = PROGRESS.with_borrow_mut(|p| {
        p.done = true;
        std::mem::take(&mut p.waiting)
    });
    for run in waiting {
        run();
    }
}

/// Runs `run` once every island of the page has hydrated: at once if they have.
#[cfg(feature = "browser")]
pub fn after_hydration(run: impl FnOnce() + 'static) {
    let run = PROGRESS.with_borrow_mut(|p| {
        if p.done {
            Some(run)
        } else {
            p.waiting.push(Box::new(run));
            None
        }
    });
    if let Some(run) = run {
        run();
    }
}
