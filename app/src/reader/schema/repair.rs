//! Reading stored reader state: each key decoded on its own, and whatever is damaged
//! (not JSON, not our entries, duplicates, too many) repaired rather than trusted or lost
//! whole. Also the pruning of entries for articles that no longer exist.

use super::*;
use crate::model::is_slug;
use serde_json::Value;
use std::collections::HashSet;

fn valid_time(t: f64) -> bool {
    t.is_finite() && t >= 0.0
}

pub(super) trait Entry: Sized + for<'de> Deserialize<'de> {
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
pub(super) fn parse_entries<T: Entry>(items: Vec<Value>) -> Vec<T> {
    items
        .into_iter()
        .filter_map(|v| serde_json::from_value::<T>(v).ok())
        .filter(Entry::valid)
        .collect()
}

/// One entry per slug (the newest), newest first, at most [`MAX_ENTRIES`].
pub(super) fn normalise<T: Entry>(mut entries: Vec<T>) -> Vec<T> {
    entries.sort_by(|a, b| b.time().total_cmp(&a.time()));
    let mut seen = HashSet::new();
    entries.retain(|e| seen.insert(e.slug().to_string()));
    entries.truncate(MAX_ENTRIES);
    entries
}

/// Keeps the valid entries, normalised. The flag says whether anything had to be dropped:
/// then the stored value is rewritten.
pub(super) fn clean<T: Entry>(items: Vec<Value>) -> (Vec<T>, bool) {
    let total = items.len();
    let out = normalise(parse_entries(items));
    let repaired = out.len() != total;
    (out, repaired)
}

/// Decodes one stored value; anything that is not a JSON array of our entries is repaired.
pub(super) fn decode<T: Entry>(raw: &str) -> (Vec<T>, bool) {
    if raw.len() > MAX_VALUE_BYTES {
        return (Vec::new(), true);
    }
    match serde_json::from_str::<Value>(raw) {
        Ok(Value::Array(items)) => clean(items),
        _ => (Vec::new(), true),
    }
}

pub fn encode<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

/// Re-reads one key after another tab changed it (a key that is not ours changes nothing).
pub fn reload_key(store: &mut impl Store, key: &str, data: &mut ReaderData) {
    let Some(part) = Part::from_key(key) else {
        return;
    };
    let raw = store.get(key).unwrap_or_else(|| "[]".into());
    match part {
        Part::Bookmarks => data.bookmarks = decode(&raw).0,
        Part::Progress => data.progress = decode(&raw).0,
        Part::Region => data.region = decode_region(store.get(key)).0,
        Part::Display => data.display = super::display::decode_display(store.get(key)).0,
        Part::History => data.history = reading_log::decode_history(store.get(key), 0.0).0,
    }
}

/// Decodes the stored region choice (a JSON string); anything else is repaired away.
pub(super) fn decode_region(raw: Option<String>) -> (Option<String>, bool) {
    let Some(raw) = raw else {
        return (None, false);
    };
    match serde_json::from_str::<String>(&raw) {
        Ok(code) if is_region_choice(&code) => (Some(code), false),
        _ => (None, true),
    }
}

impl ReaderData {
    /// Drops entries for articles that no longer exist; returns the parts that changed.
    pub fn prune(&mut self, known: &HashSet<&str>) -> Vec<Part> {
        let (b, p) = (self.bookmarks.len(), self.progress.len());
        self.bookmarks.retain(|e| known.contains(e.slug.as_str()));
        self.progress.retain(|e| known.contains(e.slug.as_str()));
        let mut changed = Vec::new();
        if b != self.bookmarks.len() {
            changed.push(Part::Bookmarks);
        }
        if p != self.progress.len() {
            changed.push(Part::Progress);
        }
        changed
    }

    /// The stored value of `part`; `None` when nothing is to be stored under its key.
    pub fn encode(&self, part: Part) -> Option<String> {
        match part {
            Part::Bookmarks => Some(encode(&self.bookmarks)),
            Part::Progress => Some(encode(&self.progress)),
            Part::Region => self.region.as_ref().map(encode),
            Part::Display => self.display.as_ref().map(encode),
            Part::History => Some(encode(&self.history)),
        }
    }
}
