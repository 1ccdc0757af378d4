// Leptos views are deeply nested types; the release WASM build needs more room to lay them out.
#![recursion_limit = "256"]

//! Wellspring's Leptos app: routes, pages and components shared by the server (`ssr`), the
//! browser half of the server-rendered site (`hydrate`) and the static build (`csr`), and,
//! behind `ssr`, the content pipeline. Both browser builds enable the internal `browser`
//! feature, which gates what needs a browser (storage, clocks, the DOM).

// The static build answers data requests itself and mounts on its own, so it cannot share a
// crate build with the server's functions or the hydrating entry point.
#[cfg(all(feature = "csr", any(feature = "ssr", feature = "hydrate")))]
compile_error!("`csr` (the static build) goes with neither `ssr` nor `hydrate`");

pub mod api;
pub mod app;
pub mod components;
#[cfg(feature = "ssr")]
pub mod content;
#[cfg(any(feature = "ssr", feature = "csr"))]
pub mod embedded;
pub mod filters;
pub mod help;
mod history;
mod hydration;
#[cfg(all(test, feature = "ssr"))]
mod js_agrees;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod layering;
pub mod leptos_internals;
pub mod model;
pub mod offline;
pub mod pages;
mod parallel;
pub mod perf;
pub mod reader;
pub mod search;
mod shared;
pub mod shelf;
pub mod site;

pub use app::{shell, App};

/// The browser entry point of the server-rendered site. The island loader (islands.js) calls
/// it, then hydrates each island of the page in turn (`#[island]` components: the interactive
/// parts), then calls [`islands_hydrated`].
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}

/// Called by the island loader once the last island of the page has hydrated.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn islands_hydrated() {
    hydration::finish();
}

/// The static build's entry point, run as soon as the WASM loads: there is no server HTML
/// to attach to, so the app renders into the empty `<body>` of index.html.
#[cfg(feature = "csr")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn main() {
    console_error_panic_hook::set_once();
    // No head probe in index.html: what it does, before the first render.
    components::display::apply_in_static_build();
    leptos::mount::mount_to_body(App);
}

/// How every property test runs: 256 cases keep `cargo test` fast (`fuzz/` runs millions).
/// Failures are not saved to `proptest-regressions/`: each one found is kept as a unit test
/// beside its property instead.
#[cfg(all(test, not(target_arch = "wasm32")))]
fn proptest_config() -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        failure_persistence: None,
        ..proptest::test_runner::Config::with_cases(256)
    }
}
