//! The export file a reader downloads from /my-data, and importing it again: all of it
//! valid, or nothing imported.

use super::repair::{normalise, parse_entries};
use super::*;
use serde_json::Value;

/// The export file: our name and schema version around the data.
#[derive(Serialize)]
struct ExportFile<'a> {
    app: &'a str,
    version: u32,
    exported_at: f64,
    bookmarks: &'a [Bookmark],
    progress: &'a [Progress],
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display: Option<&'a DisplaySettings>,
    #[serde(skip_serializing_if = "<[Session]>::is_empty")]
    history: &'a [Session],
}

pub fn export(data: &ReaderData, now: f64) -> String {
    let file = ExportFile {
        app: APP,
        version: VERSION,
        exported_at: now,
        bookmarks: &data.bookmarks,
        progress: &data.progress,
        region: data.region.as_deref(),
        display: data.display.as_ref(),
        history: &data.history,
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
    #[error("This file is damaged: its help region is not a region.")]
    BadRegion,
    #[error("This file is damaged: its display settings are not valid.")]
    BadDisplay,
    #[error("This file is damaged: {0} entries are not valid bookmarks or reading positions.")]
    BadEntries(usize),
}

/// The fields an export file and its entries may have: exactly what `export` writes.
const FILE_KEYS: &[&str] = &[
    "app",
    "version",
    "exported_at",
    "bookmarks",
    "progress",
    "region",
    "display",
    "history",
];
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
    let region = match obj.get("region") {
        None => None,
        Some(Value::String(code)) if is_region_choice(code) => Some(code.clone()),
        Some(_) => return Err(ImportError::BadRegion),
    };
    // Settings the file's own version wrote are fine; a value we would have to repair is not.
    let display = match obj.get("display") {
        None => None,
        Some(value) => match DisplaySettings::from_value(value) {
            (d, false) => Some(d),
            (_, true) => return Err(ImportError::BadDisplay),
        },
    };
    let mut history =
        reading_log::parse_imported(&list("history")?).map_err(ImportError::BadEntries)?;
    reading_log::bound(&mut history, 0.0);
    let (bookmarks, progress) = (normalise(bookmarks), normalise(progress));
    Ok(ReaderData {
        bookmarks,
        progress,
        region,
        display,
        history,
    })
}
