//! The browser's plain JavaScript (the service worker, the island loader) cannot import Rust
//! constants, so these tests hold each name it shares with Rust to the Rust side: a change on
//! one side that the other misses fails here, not in a reader's browser.

use crate::api::{GetArticle, GetCards, GetLibrary, GetSearchChunk, GetSearchIndex, API_PREFIX};
use crate::app::ASSETS_META;
use crate::offline::{ARTICLE_DATA_PATH, SAVED_CACHE};
use leptos::server_fn::ServerFn;

const SW: &str = include_str!("../../public/sw.js");
const LOADER: &str = include_str!("islands.js");
const E2E_FIXTURES: &str = include_str!("../../end2end/tests/fixtures.ts");

fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

#[test]
fn the_service_worker_names_what_the_app_names() {
    assert!(SW.contains(&format!("const SAVED = {};", quoted(SAVED_CACHE))));
    assert!(SW.contains(&format!(
        "startsWith({})",
        quoted(&format!("{API_PREFIX}/"))
    )));
    // The data the shell keeps: every GET server function the pages load without a slug.
    for path in [GetLibrary::PATH, GetCards::PATH, GetSearchIndex::PATH] {
        assert!(SW.contains(&quoted(path)), "sw.js does not keep {path}");
    }
    assert!(SW.contains(&format!("const CHUNK = {};", quoted(GetSearchChunk::PATH))));
}

#[test]
fn saved_articles_are_keyed_by_the_server_functions_path() {
    assert_eq!(ARTICLE_DATA_PATH, GetArticle::PATH);
}

#[test]
fn the_island_loader_names_what_the_app_exports() {
    assert!(LOADER.contains(&format!("meta[name=\"{ASSETS_META}\"]")));
    // The WASM entry points lib.rs exports (`#[wasm_bindgen]` keeps their Rust names).
    for export in ["mod.hydrate()", "mod.islands_hydrated()"] {
        assert!(
            LOADER.contains(export),
            "islands.js no longer calls {export}"
        );
    }
    let lib = include_str!("lib.rs");
    assert!(lib.contains("pub fn hydrate()") && lib.contains("pub fn islands_hydrated()"));
}

#[test]
fn the_end_to_end_tests_name_the_storage_keys() {
    use crate::reader::schema::{
        Part, BOOKMARKS_KEY, DISPLAY_KEY, HISTORY_KEY, PROGRESS_KEY, REGION_KEY,
    };
    for (name, key) in [
        ("BOOKMARKS", BOOKMARKS_KEY),
        ("PROGRESS", PROGRESS_KEY),
        ("REGION", REGION_KEY),
        ("DISPLAY", DISPLAY_KEY),
        ("HISTORY", HISTORY_KEY),
    ] {
        let line = format!("export const {name} = {};", quoted(key));
        assert!(E2E_FIXTURES.contains(&line), "fixtures.ts lacks {line}");
    }
    assert_eq!(
        Part::ALL.len(),
        5,
        "a new part of reader state: name its key above"
    );
}
