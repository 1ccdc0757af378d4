//! The reader storage model on any input. The first byte chooses which stored keys hold
//! the rest (as text); loading never panics, repairs once and for all, and yields valid
//! state. The same text as an import file is refused or imported as valid state.

#![no_main]

use app::model::is_slug;
use app::reader::schema::{import, load, reload_key, MemoryStore, ReaderData, KEYS};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;

const ALL_KEYS: [&str; 4] = [
    "wellspring.v2.bookmarks",
    "wellspring.v2.progress",
    "wellspring.v1.bookmarks",
    "wellspring.v1.progress",
];

fn assert_valid(data: &ReaderData) {
    let ok_time = |t: f64| t.is_finite() && t >= 0.0;
    assert!(data
        .bookmarks
        .iter()
        .all(|b| is_slug(&b.slug) && ok_time(b.saved_at)));
    assert!(data.progress.iter().all(|p| {
        is_slug(&p.slug) && ok_time(p.updated_at) && (0.0..=1.0).contains(&p.fraction)
    }));
    assert!(data
        .bookmarks
        .windows(2)
        .all(|w| w[0].saved_at >= w[1].saved_at));
    assert!(data
        .progress
        .windows(2)
        .all(|w| w[0].updated_at >= w[1].updated_at));
}

fuzz_target!(|data: &[u8]| {
    let Some((&mask, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);

    let mut store = MemoryStore::default();
    for (i, key) in ALL_KEYS.iter().enumerate() {
        if mask & (1 << i) != 0 {
            store.set(key, &text);
        }
    }
    let (first, _) = load(&mut store, 1_764_000_000_000.0);
    assert_valid(&first);
    let after_first = store.clone();
    let (second, repaired) = load(&mut store, 1_764_000_000_000.0);
    assert!(
        repaired.is_empty() && store == after_first,
        "repair is not idempotent"
    );
    // Equal but for the last bit of a number: serde_json's default float parser may be one
    // ulp off (see app/src/reader/proptests.rs).
    let slugs = |d: &ReaderData| {
        let b = d.bookmarks.iter().map(|b| b.slug.clone());
        b.chain(d.progress.iter().map(|p| p.slug.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(slugs(&second), slugs(&first));

    for key in KEYS {
        let mut other = MemoryStore::default();
        other.set(key, &text);
        let mut reloaded = ReaderData::default();
        reload_key(&mut other, key, &mut reloaded);
        assert_valid(&reloaded);
    }

    if let Ok(imported) = import(&text) {
        assert_valid(&imported);
    }
});
