//! The only code that touches local storage (through gloo-storage). Browser only.

use super::schema::{self, Store, KEYS};
use super::ReaderState;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

const PROBE_KEY: &str = "wellspring.probe";

struct Local;

impl Store for Local {
    fn get(&self, key: &str) -> Option<String> {
        LocalStorage::raw().get_item(key).ok().flatten()
    }
    fn set(&mut self, key: &str, value: &str) -> bool {
        LocalStorage::raw().set_item(key, value).is_ok()
    }
    fn remove(&mut self, key: &str) {
        let _ = LocalStorage::raw().remove_item(key);
    }
}

/// Storage can be disabled, blocked in private modes or full; gloo's `raw()` would panic
/// then, so ask the window first and try a write.
fn available() -> bool {
    let Ok(Some(storage)) = window().local_storage() else {
        return false;
    };
    storage.set_item(PROBE_KEY, "1").is_ok() && storage.remove_item(PROBE_KEY).is_ok()
}

/// Reads one value; `None` where storage is missing or blocked.
#[cfg(feature = "csr")]
pub fn get(key: &str) -> Option<String> {
    available().then(|| Local.get(key)).flatten()
}

/// Writes one value, or removes the key (`None`). `attach` has already found storage usable
/// (a probe write) before any save can happen, so this only guards `raw()` against storage
/// vanishing since.
pub fn save(key: &str, value: Option<&str>) -> bool {
    if !matches!(window().local_storage(), Ok(Some(_))) {
        return false;
    }
    match value {
        Some(value) => Local.set(key, value),
        None => {
            Local.remove(key);
            true
        }
    }
}

/// Loads stored state into `state`, then follows changes made in other tabs.
pub fn attach(state: ReaderState) {
    if !available() {
        state.persistent.set(false);
        state.ready.set(true);
        return;
    }
    let (data, repaired) = schema::load(&mut Local, super::now());
    for key in repaired {
        leptos::logging::log!(
            "Wellspring: the stored value of {key} was damaged and has been repaired"
        );
    }
    state.data.set(data);
    state.ready.set(true);

    // The storage event fires in every other tab of this origin when one tab writes.
    let handle = window_event_listener(leptos::ev::storage, move |ev| match ev.key() {
        Some(key) if KEYS.contains(&key.as_str()) => {
            state
                .data
                .update(|d| schema::reload_key(&mut Local, &key, d));
        }
        Some(_) => {}
        // `localStorage.clear()` in another tab.
        None => state.data.set(Default::default()),
    });
    // The app lives as long as the page; keep listening.
    std::mem::forget(handle);
}
