//! The library's filters live in the URL: links that apply them in place, the address bar
//! kept in step, and back and forward walking the filters the reader chose.

use crate::filters::Filters;
use crate::history::show_in_url;
use leptos::prelude::*;

/// A link to other filters. Its href serves a new tab, or a page without JavaScript; a
/// plain click applies them here and now, with no page load, as a new history entry.
pub fn filter_link(
    filters: RwSignal<Filters>,
    next: impl Fn(&Filters) -> Filters + Clone + Send + Sync + 'static,
) -> (
    impl Fn() -> String + Clone + Send + Sync + 'static,
    impl Fn(leptos::ev::MouseEvent) + 'static,
) {
    let href = {
        let next = next.clone();
        move || filters.with(|f| next(f).href())
    };
    let click = move |ev: leptos::ev::MouseEvent| {
        let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key();
        if ev.button() != 0 || modified {
            return;
        }
        ev.prevent_default();
        let to = filters.with_untracked(|f| next(f));
        show_in_url(&to.href(), false);
        filters.set(to);
    };
    (href, click)
}

/// Back and forward walk the filters the reader chose.
pub fn follow_history(_filters: RwSignal<Filters>) {
    #[cfg(feature = "browser")]
    {
        use leptos_router::location::{BrowserUrl, LocationProvider};
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            if let Ok(url) = BrowserUrl::current() {
                _filters.set(Filters::from_query(url.search_params()));
            }
        });
        on_cleanup(move || handle.remove());
    }
}
