//! What Wellspring takes from Leptos beyond its documented API, in one place. When upgrading
//! Leptos, this is the file to read (README, "Upgrading Leptos"): each piece has a test that
//! fails loudly if the upgrade changed what it relies on.
//!
//! 1. The files `HydrationScripts` names: Wellspring keeps its `<link href>`s (the JS and the
//!    WASM) and drops its scripts, for the island loader (islands.js) to load them its way.
//! 2. A `--split` build's manifest of the lazy islands' WASM: its name is in the hash file
//!    beside the server binary, on a `manifest:` line (cargo-leptos 0.3), and the loader's
//!    own file comes from `leptos::WasmSplitManifest` in context.
//! 3. The server functions' wire format: a `GetUrl` function answers `PATH?arg=value`, which
//!    the offline cache keys saved articles by (offline/mod.rs).
//! 4. A reactive owner for each request (server only): see [`in_own_owner`].

use leptos::prelude::*;

/// The JS and WASM files `HydrationScripts` links, then (in a `--split` build) the lazy
/// islands' manifest and loader. Rendered in the page's own render: rendering it also puts
/// the split manifest in context and tells the render that islands start out unhydrated.
pub fn island_assets(options: &LeptosOptions) -> Vec<String> {
    let html = view! { <HydrationScripts options=options.clone() islands=true/> }.to_html();
    linked_files(&html)
        .into_iter()
        .chain(split_files(options))
        .collect()
}

/// The `href`s of the `<link>`s before the first script of `HydrationScripts`' HTML.
fn linked_files(html: &str) -> Vec<String> {
    let links = &html[..html.find("<script").unwrap_or(html.len())];
    links
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// A `--split` build's manifest and the lazy islands' loader.
fn split_files(options: &LeptosOptions) -> Vec<String> {
    #[cfg(feature = "ssr")]
    if let Some(manifest) = use_context::<leptos::WasmSplitManifest>() {
        let loader = manifest
            .0
            .with_value(|(pkg, _, loader)| format!("{pkg}/{loader}"));
        return split_manifest(options)
            .into_iter()
            .chain([loader])
            .collect();
    }
    let _ = options;
    Vec::new()
}

/// The split manifest's URL, from the hash file beside the server binary (read once).
#[cfg(feature = "ssr")]
fn split_manifest(options: &LeptosOptions) -> Option<String> {
    static HASH: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let hash = HASH.get_or_init(|| {
        let exe = std::env::current_exe().ok()?;
        manifest_hash(&std::fs::read_to_string(exe.parent()?.join(&*options.hash_file)).ok()?)
    });
    let pkg = &options.site_pkg_dir;
    hash.as_ref()
        .map(|hash| format!("/{pkg}/__wasm_split_manifest.{hash}.json"))
}

/// The split manifest's hash, from the hash file's text (`js: …`, `wasm: …`, `manifest: …`).
pub fn manifest_hash(hash_file: &str) -> Option<String> {
    hash_file
        .lines()
        .find_map(|line| line.trim().strip_prefix("manifest:"))
        .map(|hash| hash.trim().to_owned())
}

/// Runs `fut` (a request) under a reactive owner of its own, whatever owner its thread holds.
///
/// Leptos leaves each page render's root owner as its thread's current owner
/// (`Owner::new_root` sets it), and leptos_axum's handlers for server functions and public
/// files make `Owner::new()`: a child of the current owner. A file request served on that
/// thread while the render awaited its data thus became the page's child, found the page's
/// `ResponseOptions` in context and took its headers: the page went out without its
/// Content-Security-Policy (server/tests/isolation.rs).
#[cfg(feature = "ssr")]
pub async fn in_own_owner<F: std::future::Future>(fut: F) -> F::Output {
    use leptos::reactive::owner::Owner;
    let owner = Owner::new_root(None);
    // `new_root` made it the thread's owner too: only this request's polls should see it.
    owner.clone().unset();
    leptos::reactive::computed::ScopedFuture {
        owner,
        observer: None,
        fut,
    }
    .await
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use leptos::reactive::owner::Owner;

    #[test]
    fn hydration_scripts_still_link_the_js_and_the_wasm() {
        let options = LeptosOptions::builder().output_name("wellspring").build();
        let files = Owner::new().with(|| island_assets(&options));
        assert!(
            files.iter().any(|f| f.ends_with("/wellspring.js"))
                && files.iter().any(|f| f.ends_with(".wasm")),
            "Leptos changed HydrationScripts' HTML: islands.js gets no files ({files:?})"
        );
    }

    #[test]
    fn the_hash_file_names_the_split_manifest() {
        let file = "js: 1a2b\nwasm: 3c4d\ncss: 5e6f\nmanifest: 7a8b\n";
        assert_eq!(manifest_hash(file).as_deref(), Some("7a8b"));
        assert_eq!(manifest_hash("js: 1a2b\n"), None);
    }

    #[test]
    fn a_request_gets_an_owner_of_its_own() {
        let page = Owner::new_root(None);
        page.set();
        provide_context(42u32);
        let seen = futures_lite_block_on(in_own_owner(async { use_context::<u32>() }));
        assert_eq!(seen, None, "a request saw the page render's context");
    }

    /// A minimal executor for a future that never waits.
    fn futures_lite_block_on<F: std::future::Future>(fut: F) -> F::Output {
        use std::task::{Context, Poll, Waker};
        let mut fut = std::pin::pin!(fut);
        match fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(out) => out,
            Poll::Pending => panic!("the future waited"),
        }
    }
}
