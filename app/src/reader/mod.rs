//! Reader state: bookmarks and reading progress. It lives in the browser's local storage
//! and never reaches the server. The server renders every page without it; once every
//! island of the page has hydrated (hydration.rs), the browser loads it, so each island's
//! first render matches the server's HTML exactly.

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;
pub mod schema;
#[cfg(feature = "browser")]
mod storage;
#[cfg(test)]
mod tests;

use leptos::prelude::*;
use schema::{Bookmark, Part, Progress, ReaderData};
use std::collections::HashSet;

/// How much reader state is stored: what /my-data and /saved say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReaderCounts {
    pub bookmarks: usize,
    pub positions: usize,
}

#[derive(Clone, Copy)]
pub struct ReaderState {
    data: RwSignal<ReaderData>,
    /// True once stored state has been read, after hydration.
    pub ready: RwSignal<bool>,
    /// False when local storage cannot be used: state then lasts only as long as the tab.
    pub persistent: RwSignal<bool>,
}

/// The page's reader state (see shared.rs).
pub fn use_reader() -> ReaderState {
    crate::shared::page_state(new_state)
}

/// Empty at first; in the browser, loaded once every island of the page has hydrated.
fn new_state() -> ReaderState {
    let state = ReaderState {
        data: RwSignal::new(ReaderData::default()),
        ready: RwSignal::new(false),
        persistent: RwSignal::new(true),
    };
    #[cfg(feature = "browser")]
    crate::hydration::when_hydrated(move || storage::attach(state));
    state
}

/// The stored display settings, read at once (repaired, never written back): for the static
/// build's first render, which has no head probe to apply them.
#[cfg(feature = "csr")]
pub fn stored_display() -> Option<schema::DisplaySettings> {
    schema::decode_display(storage::get(schema::DISPLAY_KEY)).0
}

/// Milliseconds since the Unix epoch (0 on the server, where nothing is saved).
pub fn now() -> f64 {
    #[cfg(feature = "browser")]
    return js_sys::Date::now();
    #[cfg(not(feature = "browser"))]
    0.0
}

impl ReaderState {
    pub fn bookmarks(&self) -> Vec<Bookmark> {
        self.data.with(|d| d.bookmarks.clone())
    }

    pub fn is_bookmarked(&self, slug: &str) -> bool {
        self.data
            .with(|d| d.bookmarks.iter().any(|b| b.slug == slug))
    }

    pub fn toggle_bookmark(&self, slug: &str) {
        let slug = slug.to_string();
        self.once_loaded(move |state| state.toggle_loaded(&slug));
    }

    fn toggle_loaded(&self, slug: &str) {
        if self.remove_bookmark(slug).is_none() {
            self.add_bookmark(Bookmark {
                slug: slug.to_string(),
                saved_at: now(),
            });
        }
    }

    /// Adds (or restores, for undo) a bookmark.
    pub fn add_bookmark(&self, bookmark: Bookmark) {
        self.data.update(|d| {
            d.bookmarks.retain(|b| b.slug != bookmark.slug);
            d.bookmarks.push(bookmark);
            d.bookmarks
                .sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
        });
        self.save(Part::Bookmarks);
    }

    pub fn remove_bookmark(&self, slug: &str) -> Option<Bookmark> {
        let removed = self.data.try_update(|d| {
            let i = d.bookmarks.iter().position(|b| b.slug == slug)?;
            Some(d.bookmarks.remove(i))
        })?;
        if removed.is_some() {
            self.save(Part::Bookmarks);
        }
        removed
    }

    pub fn progress(&self, slug: &str) -> Option<Progress> {
        self.data
            .with(|d| d.progress.iter().find(|p| p.slug == slug).cloned())
    }

    /// Unfinished articles, most recently read first.
    pub fn in_progress(&self) -> Vec<Progress> {
        self.data.with(|d| {
            d.progress
                .iter()
                .filter(|p| !p.finished())
                .cloned()
                .collect()
        })
    }

    /// Records how far into an article the reader is. Finishing is kept: scrolling back up
    /// through a finished article does not make it unfinished again.
    pub fn record_progress(&self, slug: &str, fraction: f64) {
        let slug = slug.to_string();
        self.once_loaded(move |state| state.record_loaded(&slug, fraction));
    }

    fn record_loaded(&self, slug: &str, fraction: f64) {
        let fraction = schema::round_fraction(fraction);
        self.data.update(|d| {
            let old = d
                .progress
                .iter()
                .position(|p| p.slug == slug)
                .map(|i| d.progress.remove(i));
            let fraction = match &old {
                Some(p) if p.finished() => p.fraction.max(fraction),
                _ => fraction,
            };
            let at = now();
            let finished_now =
                fraction >= schema::FINISHED_AT && !old.as_ref().is_some_and(Progress::finished);
            schema::reading_log::record(
                &mut d.history,
                slug,
                at,
                old.as_ref().map(|p| p.updated_at),
                finished_now,
            );
            d.progress.insert(
                0,
                Progress {
                    slug: slug.to_string(),
                    fraction,
                    updated_at: at,
                },
            );
        });
        self.save(Part::Progress);
        self.save(Part::History);
    }

    /// How many bookmarks and reading positions are stored (tracked).
    pub fn counts(&self) -> ReaderCounts {
        self.data.with(|d| ReaderCounts {
            bookmarks: d.bookmarks.len(),
            positions: d.progress.len(),
        })
    }

    /// The help region the reader chose (tracked): a region code or "all", or `None` for the
    /// site's default. Whether it is one of the site's regions is the help page's question.
    pub fn region(&self) -> Option<String> {
        self.data.with(|d| d.region.clone())
    }

    pub fn choose_region(&self, region: Option<String>) {
        let region = region.filter(|r| schema::is_region_choice(r));
        self.once_loaded(move |state| {
            state.data.update(|d| d.region = region);
            state.save(Part::Region);
        });
    }

    /// The reader's display settings (tracked); the defaults until they change one.
    pub fn display(&self) -> schema::DisplaySettings {
        self.data.with(|d| d.display.clone().unwrap_or_default())
    }

    pub fn set_display(&self, settings: schema::DisplaySettings) {
        self.once_loaded(move |state| {
            state.data.update(|d| d.display = Some(settings));
            state.save(Part::Display);
        });
    }

    /// The reading sessions kept for /history (tracked), newest first.
    pub fn history(&self) -> Vec<schema::Session> {
        self.data.with(|d| d.history.clone())
    }

    /// Forgets the reading history, and nothing else.
    pub fn forget_history(&self) {
        self.once_loaded(|state| {
            state.data.update(|d| d.history.clear());
            state.save(Part::History);
        });
    }

    pub fn snapshot(&self) -> ReaderData {
        self.data.get_untracked()
    }

    /// Replaces everything (import) or clears it (`ReaderData::default()`).
    pub fn replace(&self, data: ReaderData) {
        self.once_loaded(move |state| {
            state.data.set(data);
            for part in Part::ALL {
                state.save(part);
            }
        });
    }

    /// Runs a change the reader made: now if stored state has been loaded, else right after
    /// it is. An island can take a click in the moment between its hydration and the loading
    /// of stored state; changed and saved then, the page's empty state would be written over
    /// every stored bookmark.
    fn once_loaded(&self, change: impl FnOnce(&Self) + 'static) {
        #[cfg(feature = "browser")]
        if !self.ready.get_untracked() {
            let state = *self;
            crate::hydration::after_hydration(move || change(&state));
            return;
        }
        change(self)
    }

    /// Forgets articles that no longer exist in the library.
    pub fn prune(&self, known: &HashSet<&str>) {
        let changed = self.data.try_update(|d| d.prune(known)).unwrap_or_default();
        for part in changed {
            self.save(part);
        }
    }

    fn save(&self, part: Part) {
        #[cfg(feature = "browser")]
        {
            let value = self.data.with_untracked(|d| d.encode(part));
            if self.persistent.get_untracked() && !storage::save(part.key(), value.as_deref()) {
                self.persistent.set(false);
            }
        }
        #[cfg(not(feature = "browser"))]
        let _ = part;
    }
}
