//! The one storage schema for reader state: keys and version, shapes, migration, repair,
//! and the export file. Pure Rust, so it is tested natively; `storage.rs` is the only code
//! that touches the browser's local storage.
//!
//! Version 1 kept bare lists (bookmarked slugs; slug -> fraction read). Version 2 records
//! when each entry changed, which "most recently saved first" and "continue reading" need.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;

pub const APP: &str = "wellspring";
pub const VERSION: u32 = 2;
pub const BOOKMARKS_KEY: &str = "wellspring.v2.bookmarks";
pub const PROGRESS_KEY: &str = "wellspring.v2.progress";
pub const KEYS: [&str; 2] = [BOOKMARKS_KEY, PROGRESS_KEY];
const V1_BOOKMARKS_KEY: &str = "wellspring.v1.bookmarks";
const V1_PROGRESS_KEY: &str = "wellspring.v1.progress";

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

pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 120
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn valid_time(t: f64) -> bool {
    t.is_finite() && t >= 0.0
}

trait Entry: Sized + for<'de> Deserialize<'de> {
    fn slug(&self) -> &str;
    fn time(&self) -> f64;
    fn valid(&self) -> bool;
}

impl Entry for Bookmark {
    fn slug(&self) -> &str {
        &self.slug
    }
    fn time(&self) -> f64 {
        self.saved_at
    }
    fn valid(&self) -> bool {
        is_slug(&self.slug) && valid_time(self.saved_at)
    }
}

impl Entry for Progress {
    fn slug(&self) -> &str {
        &self.slug
    }
    fn time(&self) -> f64 {
        self.updated_at
    }
    fn valid(&self) -> bool {
        is_slug(&self.slug) && valid_time(self.updated_at) && (0.0..=1.0).contains(&self.fraction)
    }
}

/// The entries of a JSON array that are valid; the rest are left out.
fn parse_entries<T: Entry>(items: Vec<Value>) -> Vec<T> {
    items
        .into_iter()
        .filter_map(|v| serde_json::from_value::<T>(v).ok())
        .filter(Entry::valid)
        .collect()
}

/// One entry per slug (the newest), newest first, at most [`MAX_ENTRIES`].
fn normalise<T: Entry>(mut entries: Vec<T>) -> Vec<T> {
    entries.sort_by(|a, b| b.time().total_cmp(&a.time()));
    let mut seen = HashSet::new();
    entries.retain(|e| seen.insert(e.slug().to_string()));
    entries.truncate(MAX_ENTRIES);
    entries
}

/// Keeps the valid entries, normalised. The flag says whether anything had to be dropped:
/// then the stored value is rewritten.
fn clean<T: Entry>(items: Vec<Value>) -> (Vec<T>, bool) {
    let total = items.len();
    let out = normalise(parse_entries(items));
    let repaired = out.len() != total;
    (out, repaired)
}

/// Decodes one stored value; anything that is not a JSON array of our entries is repaired.
fn decode<T: Entry>(raw: &str) -> (Vec<T>, bool) {
    if raw.len() > MAX_VALUE_BYTES {
        return (Vec::new(), true);
    }
    match serde_json::from_str::<Value>(raw) {
        Ok(Value::Array(items)) => clean(items),
        _ => (Vec::new(), true),
    }
}

/// Reads version 1 values (bare lists) as version 2 entries stamped `now`.
fn migrate_v1(store: &mut impl Store, now: f64) {
    if let Some(raw) = store.get(V1_BOOKMARKS_KEY) {
        if store.get(BOOKMARKS_KEY).is_none() {
            let slugs: Vec<String> = serde_json::from_str(&raw).unwrap_or_default();
            let entries: Vec<Value> = slugs
                .into_iter()
                .enumerate()
                // Keep their order: the first was the newest.
                .map(|(i, slug)| serde_json::json!({ "slug": slug, "saved_at": now - i as f64 }))
                .collect();
            let (bookmarks, _) = clean::<Bookmark>(entries);
            store.set(BOOKMARKS_KEY, &encode(&bookmarks));
        }
        store.remove(V1_BOOKMARKS_KEY);
    }
    if let Some(raw) = store.get(V1_PROGRESS_KEY) {
        if store.get(PROGRESS_KEY).is_none() {
            let map: serde_json::Map<String, Value> =
                serde_json::from_str(&raw).unwrap_or_default();
            let entries: Vec<Value> = map
                .into_iter()
                .map(|(slug, f)| serde_json::json!({ "slug": slug, "fraction": f, "updated_at": now }))
                .collect();
            let (progress, _) = clean::<Progress>(entries);
            store.set(PROGRESS_KEY, &encode(&progress));
        }
        store.remove(V1_PROGRESS_KEY);
    }
}

pub fn encode<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

/// Loads reader state, migrating older versions and repairing each corrupt key on its own.
/// Returns the data and the keys that were repaired.
pub fn load(store: &mut impl Store, now: f64) -> (ReaderData, Vec<&'static str>) {
    migrate_v1(store, now);
    let mut repaired = Vec::new();
    let (bookmarks, fixed) =
        decode::<Bookmark>(&store.get(BOOKMARKS_KEY).unwrap_or_else(|| "[]".into()));
    if fixed {
        store.set(BOOKMARKS_KEY, &encode(&bookmarks));
        repaired.push(BOOKMARKS_KEY);
    }
    let (progress, fixed) =
        decode::<Progress>(&store.get(PROGRESS_KEY).unwrap_or_else(|| "[]".into()));
    if fixed {
        store.set(PROGRESS_KEY, &encode(&progress));
        repaired.push(PROGRESS_KEY);
    }
    (
        ReaderData {
            bookmarks,
            progress,
        },
        repaired,
    )
}

/// Re-reads one key after another tab changed it.
pub fn reload_key(store: &mut impl Store, key: &str, data: &mut ReaderData) {
    let raw = store.get(key).unwrap_or_else(|| "[]".into());
    match key {
        BOOKMARKS_KEY => data.bookmarks = decode(&raw).0,
        PROGRESS_KEY => data.progress = decode(&raw).0,
        _ => {}
    }
}

impl ReaderData {
    /// Drops entries for articles that no longer exist. True if anything was dropped.
    pub fn prune(&mut self, known: &HashSet<&str>) -> (bool, bool) {
        let (b, p) = (self.bookmarks.len(), self.progress.len());
        self.bookmarks.retain(|e| known.contains(e.slug.as_str()));
        self.progress.retain(|e| known.contains(e.slug.as_str()));
        (b != self.bookmarks.len(), p != self.progress.len())
    }
}

/// The export file: our name and schema version around the data.
#[derive(Serialize)]
struct ExportFile<'a> {
    app: &'a str,
    version: u32,
    exported_at: f64,
    bookmarks: &'a [Bookmark],
    progress: &'a [Progress],
}

pub fn export(data: &ReaderData, now: f64) -> String {
    let file = ExportFile {
        app: APP,
        version: VERSION,
        exported_at: now,
        bookmarks: &data.bookmarks,
        progress: &data.progress,
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Why an import file was refused, in words for the reader.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("This file is too large to be a Wellspring export (over 1 MB).")]
    TooLarge,
    #[error("This file is not a Wellspring export: it is not readable JSON.")]
    NotJson,
    #[error("This file is not a Wellspring export.")]
    NotOurs,
    #[error("This file comes from a newer version of Wellspring (version {0}). Update the page and try again.")]
    FutureVersion(u64),
    #[error("This file is damaged: {0} entries are not valid bookmarks or reading positions.")]
    BadEntries(usize),
}

/// The fields an export file and its entries may have: exactly what `export` writes.
const FILE_KEYS: &[&str] = &["app", "version", "exported_at", "bookmarks", "progress"];
const BOOKMARK_KEYS: &[&str] = &["slug", "saved_at"];
const PROGRESS_KEYS: &[&str] = &["slug", "fraction", "updated_at"];

fn only_keys(value: &Value, keys: &[&str]) -> bool {
    value
        .as_object()
        .is_some_and(|o| o.keys().all(|k| keys.contains(&k.as_str())))
}

/// Validates an export file. Either everything in it is valid, or nothing is imported.
pub fn import(text: &str) -> Result<ReaderData, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge);
    }
    let value: Value = serde_json::from_str(text).map_err(|_| ImportError::NotJson)?;
    let obj = value.as_object().ok_or(ImportError::NotOurs)?;
    if obj.get("app").and_then(Value::as_str) != Some(APP) || !only_keys(&value, FILE_KEYS) {
        return Err(ImportError::NotOurs);
    }
    let version = obj
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(ImportError::NotOurs)?;
    if version > u64::from(VERSION) {
        return Err(ImportError::FutureVersion(version));
    }
    if version < 2 {
        return Err(ImportError::NotOurs);
    }
    let list = |key: &str| match obj.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items.clone()),
        Some(_) => Err(ImportError::NotOurs),
    };
    let (bookmark_items, progress_items) = (list("bookmarks")?, list("progress")?);
    let total = bookmark_items.len() + progress_items.len();
    // Anything we did not write (a `title`, say) means the file is not simply ours.
    let strange = bookmark_items
        .iter()
        .filter(|v| !only_keys(v, BOOKMARK_KEYS))
        .count()
        + progress_items
            .iter()
            .filter(|v| !only_keys(v, PROGRESS_KEYS))
            .count();
    if strange > 0 {
        return Err(ImportError::BadEntries(strange));
    }
    let bookmarks: Vec<Bookmark> = parse_entries(bookmark_items);
    let progress: Vec<Progress> = parse_entries(progress_items);
    let bad = total - bookmarks.len() - progress.len();
    if bad > 0 {
        return Err(ImportError::BadEntries(bad));
    }
    let (bookmarks, progress) = (normalise(bookmarks), normalise(progress));
    Ok(ReaderData {
        bookmarks,
        progress,
    })
}
