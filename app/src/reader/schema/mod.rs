//! The one storage schema for reader state: keys and version and the shapes stored here;
//! repair (repair.rs), migration (migrate.rs) and the export file (transfer.rs) beside it.
//! Pure Rust, so it is tested natively; `storage.rs` is the only code that touches the
//! browser's local storage.
//!
//! Version 1 kept bare lists (bookmarked slugs; slug -> fraction read). Version 2 records
//! when each entry changed, which "most recently saved first" and "continue reading" need.

mod display;
mod migrate;
pub mod reading_log;
mod repair;
mod transfer;

pub use display::{decode_display, DisplaySettings, ATTRIBUTES, DISPLAY_KEY};
pub use reading_log::{Session, HISTORY_KEY};
pub use repair::{encode, reload_key};
pub use transfer::{export, import, ImportError};

pub use crate::help::ALL_REGIONS;
use serde::{Deserialize, Serialize};

pub const APP: &str = "wellspring";
pub const VERSION: u32 = 2;
pub const BOOKMARKS_KEY: &str = "wellspring.v2.bookmarks";
pub const PROGRESS_KEY: &str = "wellspring.v2.progress";
/// The region whose help services the reader chose to see first (a region code of
/// content/help.toml, or "all"): help they need in a hard moment, so it is kept with the
/// rest of reader state and never sent anywhere.
pub const REGION_KEY: &str = "wellspring.v2.region";
pub const KEYS: [&str; 5] = [
    Part::Bookmarks.key(),
    Part::Progress.key(),
    Part::Region.key(),
    Part::Display.key(),
    Part::History.key(),
];
const V1_BOOKMARKS_KEY: &str = "wellspring.v1.bookmarks";
const V1_PROGRESS_KEY: &str = "wellspring.v1.progress";

/// The parts of reader state, each stored under a key of its own so that one damaged value
/// costs only that part, and another tab's change reloads only what changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Bookmarks,
    Progress,
    Region,
    /// How pages look to this reader (display.rs).
    Display,
    /// When the reader read what, for the private summary on /history (reading_log.rs).
    History,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Bookmarks,
        Part::Progress,
        Part::Region,
        Part::Display,
        Part::History,
    ];

    pub const fn key(self) -> &'static str {
        match self {
            Part::Bookmarks => BOOKMARKS_KEY,
            Part::Progress => PROGRESS_KEY,
            Part::Region => REGION_KEY,
            Part::Display => DISPLAY_KEY,
            Part::History => HISTORY_KEY,
        }
    }

    pub fn from_key(key: &str) -> Option<Part> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// A stored value larger than this is not ours (or is broken): it is discarded unread.
pub const MAX_VALUE_BYTES: usize = 256 * 1024;
/// An import file larger than this is refused.
pub const MAX_IMPORT_BYTES: usize = 1024 * 1024;
/// At most this many entries per key; the oldest go first. With 120-byte slugs, this many
/// take at most about 200 KB, so they fit in [`MAX_VALUE_BYTES`].
pub const MAX_ENTRIES: usize = 1000;
/// From this share of the body read, an article counts as finished.
pub const FINISHED_AT: f64 = 0.9;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    pub slug: String,
    /// Milliseconds since the Unix epoch.
    pub saved_at: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub slug: String,
    /// Share of the article body read, 0 to 1.
    pub fraction: f64,
    pub updated_at: f64,
}

/// Reading positions are kept to a ten-thousandth of the article: finer than any scroll
/// step, and numbers JSON writes in a few digits that serde_json reads back exactly. (Without
/// its `float_roundtrip` feature it reads some 17-digit numbers one ulp off; with a position
/// that short there is no such number to store, and the WASM carries no slower parser.)
pub fn round_fraction(fraction: f64) -> f64 {
    (fraction.clamp(0.0, 1.0) * 1e4).round() / 1e4
}

impl Progress {
    pub fn finished(&self) -> bool {
        self.fraction >= FINISHED_AT
    }
}

/// Everything a reader keeps. Bookmarks and progress are each newest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReaderData {
    pub bookmarks: Vec<Bookmark>,
    pub progress: Vec<Progress>,
    /// See [`REGION_KEY`]; `None` until the reader chooses (the site's default applies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// See [`DISPLAY_KEY`]; `None` until the reader changes a setting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<DisplaySettings>,
    /// See [`HISTORY_KEY`]: reading sessions, newest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Session>,
}

/// What a stored region choice may be: a two-letter region code, or "all". Whether the code
/// is one of this site's regions is for the page to decide (a site may drop a region).
pub fn is_region_choice(s: &str) -> bool {
    s == ALL_REGIONS || (s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Where reader state is kept: local storage in the browser, a map in tests.
pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
    /// False when the value could not be stored (quota, storage disabled).
    fn set(&mut self, key: &str, value: &str) -> bool;
    fn remove(&mut self, key: &str);
}

/// A [`Store`] kept in memory: what the tests, property tests and fuzz target load from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemoryStore(pub std::collections::BTreeMap<String, String>);

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> bool {
        self.0.insert(key.into(), value.into());
        true
    }
    fn remove(&mut self, key: &str) {
        self.0.remove(key);
    }
}

/// Loads reader state, migrating older versions and repairing each corrupt key on its own.
/// Returns the data and the keys that were repaired.
pub fn load(store: &mut impl Store, now: f64) -> (ReaderData, Vec<&'static str>) {
    migrate::migrate_v1(store, now);
    let mut repaired = Vec::new();
    let (bookmarks, fixed) =
        repair::decode::<Bookmark>(&store.get(BOOKMARKS_KEY).unwrap_or_else(|| "[]".into()));
    if fixed {
        store.set(BOOKMARKS_KEY, &encode(&bookmarks));
        repaired.push(BOOKMARKS_KEY);
    }
    let (progress, fixed) =
        repair::decode::<Progress>(&store.get(PROGRESS_KEY).unwrap_or_else(|| "[]".into()));
    if fixed {
        store.set(PROGRESS_KEY, &encode(&progress));
        repaired.push(PROGRESS_KEY);
    }
    let (region, fixed) = repair::decode_region(store.get(REGION_KEY));
    if fixed {
        store.remove(REGION_KEY);
        repaired.push(REGION_KEY);
    }
    let (display, fixed) = display::decode_display(store.get(DISPLAY_KEY));
    if fixed {
        if let Some(d) = &display {
            store.set(DISPLAY_KEY, &encode(d));
        }
        repaired.push(DISPLAY_KEY);
    }
    let (history, fixed) = reading_log::decode_history(store.get(HISTORY_KEY), now);
    if fixed {
        store.set(HISTORY_KEY, &encode(&history));
        repaired.push(HISTORY_KEY);
    }
    (
        ReaderData {
            bookmarks,
            progress,
            region,
            display,
            history,
        },
        repaired,
    )
}
