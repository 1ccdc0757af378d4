//! Version 1 kept bare lists (bookmarked slugs; slug -> fraction read); version 2 records
//! when each entry changed. Read once, rewritten as version 2, and removed.

use super::repair::clean;
use super::*;
use serde_json::Value;

/// Reads version 1 values (bare lists) as version 2 entries stamped `now`.
pub(super) fn migrate_v1(store: &mut impl Store, now: f64) {
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
