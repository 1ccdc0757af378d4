//! Native tests of the storage model: serialization, migration and each corruption case.

use super::schema::*;
use std::collections::HashSet;

fn store(pairs: &[(&str, &str)]) -> MemoryStore {
    MemoryStore(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

fn bm(slug: &str, t: f64) -> Bookmark {
    Bookmark {
        slug: slug.into(),
        saved_at: t,
    }
}

#[test]
fn round_trips_and_orders_newest_first() {
    let mut s = store(&[
        (
            BOOKMARKS_KEY,
            &encode(&vec![bm("old", 1.0), bm("new", 5.0)]),
        ),
        (
            PROGRESS_KEY,
            r#"[{"slug":"a","fraction":0.5,"updated_at":3}]"#,
        ),
    ]);
    let (data, repaired) = load(&mut s, 10.0);
    assert!(repaired.is_empty());
    assert_eq!(data.bookmarks, vec![bm("new", 5.0), bm("old", 1.0)]);
    assert_eq!(data.progress[0].fraction, 0.5);
    assert!(!data.progress[0].finished());
}

#[test]
fn empty_storage_loads_nothing_and_writes_nothing() {
    let mut s = MemoryStore::default();
    let (data, repaired) = load(&mut s, 1.0);
    assert_eq!(data, ReaderData::default());
    assert!(repaired.is_empty() && s.0.is_empty());
}

#[test]
fn migrates_version_1_and_removes_its_keys() {
    let mut s = store(&[
        ("wellspring.v1.bookmarks", r#"["first","second"]"#),
        ("wellspring.v1.progress", r#"{"first":0.95,"second":0.3}"#),
    ]);
    let (data, _) = load(&mut s, 1000.0);
    let slugs: Vec<_> = data.bookmarks.iter().map(|b| b.slug.as_str()).collect();
    assert_eq!(slugs, ["first", "second"]);
    assert_eq!(data.progress.len(), 2);
    assert!(data
        .progress
        .iter()
        .any(|p| p.slug == "first" && p.finished()));
    assert!(
        s.get("wellspring.v1.bookmarks").is_none() && s.get("wellspring.v1.progress").is_none()
    );
    assert!(s.get(BOOKMARKS_KEY).unwrap().contains("\"first\""));
}

#[test]
fn invalid_json_is_repaired_for_that_key_only() {
    let good = encode(&vec![bm("keep", 1.0)]);
    let mut s = store(&[(BOOKMARKS_KEY, &good), (PROGRESS_KEY, "{not json")]);
    let (data, repaired) = load(&mut s, 1.0);
    assert_eq!(repaired, [PROGRESS_KEY]);
    assert_eq!(data.bookmarks, vec![bm("keep", 1.0)]);
    assert_eq!(s.get(PROGRESS_KEY).unwrap(), "[]");
    assert_eq!(s.get(BOOKMARKS_KEY).unwrap(), good);
}

#[test]
fn wrong_shapes_are_repaired() {
    for raw in [r#"{"slug":"a"}"#, "42", "null", r#""text""#] {
        let mut s = store(&[(BOOKMARKS_KEY, raw)]);
        let (data, repaired) = load(&mut s, 1.0);
        assert!(data.bookmarks.is_empty(), "{raw}");
        assert_eq!(repaired, [BOOKMARKS_KEY], "{raw}");
    }
}

#[test]
fn bad_entries_are_dropped_and_good_ones_kept() {
    let raw = r#"[{"slug":"good","saved_at":2},{"slug":"<script>","saved_at":1},{"slug":"x"},
        {"slug":"neg","saved_at":-5},7,{"slug":"good","saved_at":1}]"#;
    let mut s = store(&[
        (BOOKMARKS_KEY, raw),
        (
            PROGRESS_KEY,
            r#"[{"slug":"a","fraction":7,"updated_at":1}]"#,
        ),
    ]);
    let (data, repaired) = load(&mut s, 1.0);
    assert_eq!(data.bookmarks, vec![bm("good", 2.0)]);
    assert!(data.progress.is_empty());
    assert_eq!(repaired, [BOOKMARKS_KEY, PROGRESS_KEY]);
}

#[test]
fn an_absurdly_large_value_is_discarded() {
    let huge = format!(
        "[{}]",
        vec![r#"{"slug":"a","saved_at":1}"#; 20_000].join(",")
    );
    assert!(huge.len() > MAX_VALUE_BYTES);
    let mut s = store(&[(BOOKMARKS_KEY, &huge)]);
    let (data, repaired) = load(&mut s, 1.0);
    assert!(data.bookmarks.is_empty());
    assert_eq!(repaired, [BOOKMARKS_KEY]);
}

#[test]
fn articles_that_no_longer_exist_are_pruned() {
    let mut data = ReaderData {
        bookmarks: vec![bm("gone", 1.0), bm("here", 2.0)],
        progress: vec![Progress {
            slug: "here".into(),
            fraction: 0.2,
            updated_at: 1.0,
        }],
        region: None,
        ..Default::default()
    };
    let known: HashSet<&str> = ["here"].into();
    assert_eq!(data.prune(&known), [Part::Bookmarks]);
    assert_eq!(data.bookmarks, vec![bm("here", 2.0)]);
}

#[test]
fn another_tab_s_change_is_reloaded_for_its_key() {
    let mut s = MemoryStore::default();
    let (mut data, _) = load(&mut s, 1.0);
    s.set(BOOKMARKS_KEY, &encode(&vec![bm("from-other-tab", 3.0)]));
    reload_key(&mut s, BOOKMARKS_KEY, &mut data);
    assert_eq!(data.bookmarks, vec![bm("from-other-tab", 3.0)]);
}

#[test]
fn export_then_import_restores_everything() {
    let data = ReaderData {
        bookmarks: vec![bm("b", 2.0), bm("a", 1.0)],
        progress: vec![Progress {
            slug: "a".into(),
            fraction: 0.4,
            updated_at: 5.0,
        }],
        region: None,
        ..Default::default()
    };
    assert_eq!(import(&export(&data, 9.0)).unwrap(), data);
}

#[test]
fn import_refuses_what_is_not_ours_and_says_why() {
    assert_eq!(import("hello"), Err(ImportError::NotJson));
    assert_eq!(import(r#"{"bookmarks":[]}"#), Err(ImportError::NotOurs));
    assert_eq!(
        import(r#"{"app":"other","version":2}"#),
        Err(ImportError::NotOurs)
    );
    assert_eq!(
        import(r#"{"app":"wellspring","version":9}"#),
        Err(ImportError::FutureVersion(9))
    );
    let injected = r#"{"app":"wellspring","version":2,"bookmarks":[{"slug":"<img src=x onerror=alert(1)>","saved_at":1}]}"#;
    assert_eq!(import(injected), Err(ImportError::BadEntries(1)));
    let big = format!(
        "{{\"app\":\"wellspring\",\"version\":2,\"pad\":\"{}\"}}",
        "x".repeat(MAX_IMPORT_BYTES)
    );
    assert_eq!(import(&big), Err(ImportError::TooLarge));
}

#[test]
fn an_import_with_fields_we_never_write_is_refused() {
    let with_title = r#"{"app":"wellspring","version":2,"bookmarks":[{"slug":"a","saved_at":1,"title":"<img src=x onerror=alert(1)>"}]}"#;
    assert_eq!(import(with_title), Err(ImportError::BadEntries(1)));
    let extra_key = r#"{"app":"wellspring","version":2,"bookmarks":[],"script":"x"}"#;
    assert_eq!(import(extra_key), Err(ImportError::NotOurs));
}

#[test]
fn the_region_choice_is_kept_repaired_exported_and_imported() {
    let mut s = store(&[(REGION_KEY, r#""gb""#)]);
    let (data, repaired) = load(&mut s, 0.0);
    assert!(repaired.is_empty());
    assert_eq!(data.region.as_deref(), Some("gb"));
    for damaged in [r#""Great Britain""#, "gb", "42", r#""""#, "[]"] {
        let mut s = store(&[(REGION_KEY, damaged)]);
        let (data, repaired) = load(&mut s, 0.0);
        assert_eq!(
            (data.region, repaired),
            (None, vec![REGION_KEY]),
            "{damaged}"
        );
        assert_eq!(s.get(REGION_KEY), None, "{damaged} is removed");
    }
    let all = ReaderData {
        region: Some(ALL_REGIONS.into()),
        ..Default::default()
    };
    assert_eq!(import(&export(&all, 1.0)).unwrap(), all);
    assert_eq!(all.encode(Part::Region).as_deref(), Some(r#""all""#));
    assert_eq!(ReaderData::default().encode(Part::Region), None);
    let bad = export(&all, 1.0).replace(r#""all""#, r#""everywhere""#);
    assert_eq!(import(&bad), Err(ImportError::BadRegion));
    // Another tab's choice is read back; a key that is not ours changes nothing.
    let mut data = ReaderData::default();
    let mut s = store(&[(REGION_KEY, r#""ie""#)]);
    reload_key(&mut s, REGION_KEY, &mut data);
    assert_eq!(data.region.as_deref(), Some("ie"));
    reload_key(&mut s, "someone.else", &mut data);
    assert_eq!(data.region.as_deref(), Some("ie"));
}

#[test]
fn display_settings_load_repair_export_import_and_clear() {
    let mut dark = DisplaySettings::default();
    assert!(dark.set("theme", "dark") && dark.set("text_size", "175"));
    let data = ReaderData {
        display: Some(dark.clone()),
        ..Default::default()
    };
    // Stored and loaded back.
    let mut s = MemoryStore::default();
    s.set(DISPLAY_KEY, &data.encode(Part::Display).unwrap());
    assert_eq!(load(&mut s, 1.0), (data.clone(), vec![]));
    // Exported and imported; a damaged setting in a file refuses the file.
    assert_eq!(import(&export(&data, 1.0)).unwrap(), data);
    let bad = export(&data, 1.0).replace("\"175\"", "\"900\"");
    assert_eq!(import(&bad), Err(ImportError::BadDisplay));
    // Damaged in storage: repaired to the defaults of what is damaged, and rewritten.
    let mut s = store(&[(
        DISPLAY_KEY,
        r#"{"version":1,"theme":"dark","text_size":"900"}"#,
    )]);
    let (loaded, repaired) = load(&mut s, 1.0);
    assert_eq!(repaired, [DISPLAY_KEY]);
    assert_eq!(loaded.display.as_ref().unwrap().text_size, "100");
    assert_eq!(s.get(DISPLAY_KEY), loaded.encode(Part::Display));
    // Cleared: nothing is stored under the key.
    assert_eq!(ReaderData::default().encode(Part::Display), None);
}
