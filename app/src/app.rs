//! The document shell and the router: which page answers which path.

use crate::components::{
    layout::{SiteFooter, SiteHeader},
    offline::ConnectionStatus,
};
use crate::pages::{
    article::ArticlePage, help::HelpPage, library::LibraryPage, my_data::MyDataPage,
    not_found::NotFound, offline::OfflinePage, saved::SavedPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// Reads the stored reading progress (see reader/schema.rs) and marks `<html>` when any
/// article is unfinished. Plain JS, because it must run before the WASM has loaded.
const CONTINUE_PROBE: &str = r#"try{var p=JSON.parse(localStorage.getItem("wellspring.v2.progress")||"[]");if(p.some(function(e){return e&&e.fraction<0.9}))document.documentElement.setAttribute("data-continue","")}catch(e){}"#;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <meta name="theme-color" content="#1f5f5b"/>
                <link rel="icon" href="/favicon.ico" sizes="32x32"/>
                <link rel="icon" href="/icon.svg" type="image/svg+xml"/>
                // Installable: name, colours and icons for launchers (public/manifest.webmanifest).
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                // Before first paint: if this reader has unfinished articles, reserve the
                // library's "Continue reading" row, so it moves nothing when it fills in.
                <script nonce=leptos::nonce::use_nonce()>{CONTINUE_PROBE}</script>
                <AutoReload options=options.clone()/>
                // Islands: only the interactive parts of a page (marked `#[island]`) are
                // hydrated, so the WASM holds those and not every page and the router.
                <IslandScripts options=options.clone()/>
                <HashedStylesheet options id="leptos"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The island loader (islands.js), and a `<meta>` naming the files it loads.
///
/// Leptos' `HydrationScripts` renders its own island script (which hydrates every island of
/// the page in one task) after a `<link rel=preload>` for the JS and the WASM. Only the two
/// files are kept from it, in the `<meta>`: the preloads had the WASM download alongside the
/// page's text and pushed its largest paint back by most of a second on a slow phone
/// connection, and the one long task counted as most of the page's blocking time (Lighthouse,
/// #10). Until the WASM comes the page reads and its links work. The `<meta>` also lists the
/// manifest of the lazy islands' split WASM, for the service worker to keep with the shell
/// (public/sw.js): so the library and /my-data hydrate offline too, though a reader may never
/// have opened them.
#[component]
fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // Rendered for the file names and for what it does besides: it puts the split manifest in
    // context, and tells this render that islands start out not hydrating.
    let html = view! { <HydrationScripts options=options.clone() islands=true/> }.to_html();
    let links = &html[..html.find("<script").unwrap_or(html.len())];
    let files: Vec<String> = links
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .chain(split_files(&options))
        .collect();
    view! {
        <meta name="wellspring-assets" content=files.join(" ")/>
        <script type="module" nonce=leptos::nonce::use_nonce()>{island_loader()}</script>
    }
}

/// islands.js as every page carries it: without the comment lines and indentation, which are
/// for whoever reads the file, and more than half of its 5.8 KB in the HTML of every page.
fn island_loader() -> &'static str {
    static LOADER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    LOADER.get_or_init(|| {
        include_str!("islands.js")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// A `--split` build's manifest (it lists each lazy island's WASM files) and loader.
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

/// Where a `--split` build's manifest is (it lists each lazy island's WASM files): named in
/// the hash file beside the server binary, which is read once.
#[cfg(feature = "ssr")]
fn split_manifest(options: &LeptosOptions) -> Option<String> {
    static HASH: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let hash = HASH.get_or_init(|| {
        let exe = std::env::current_exe().ok()?;
        let hashes = std::fs::read_to_string(exe.parent()?.join(&*options.hash_file)).ok()?;
        hashes
            .lines()
            .find_map(|line| line.trim().strip_prefix("manifest:"))
            .map(|hash| hash.trim().to_owned())
    });
    let pkg = &options.site_pkg_dir;
    hash.as_ref()
        .map(|hash| format!("/{pkg}/__wasm_split_manifest.{hash}.json"))
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // The static build's mark (effects never run on the server; the server-rendered site
    // sets it in `crate::islands_hydrated`).
    Effect::new(move |_| crate::hydration::finish());

    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <SiteHeader/>
            <ConnectionStatus/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=LibraryPage ssr=SsrMode::Async/>
                    <Route path=path!("/articles/:slug") view=ArticlePage ssr=SsrMode::Async/>
                    <Route path=path!("/help") view=HelpPage ssr=SsrMode::Async/>
                    <Route path=path!("/saved") view=SavedPage/>
                    <Route path=path!("/my-data") view=MyDataPage/>
                    <Route path=path!("/offline") view=OfflinePage/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}

#[cfg(test)]
mod tests {
    use super::island_loader;

    #[test]
    fn the_island_loader_is_sent_without_its_comments() {
        let source = include_str!("islands.js");
        let sent = island_loader();
        assert!(
            sent.len() * 10 < source.len() * 7,
            "{} of {} bytes",
            sent.len(),
            source.len()
        );
        assert!(!sent
            .lines()
            .any(|line| line.starts_with("//") || line.starts_with(' ')));
        // The code itself is all there, line for line.
        for line in source.lines().map(str::trim) {
            if !line.starts_with("//") {
                assert!(sent.contains(line), "{line}");
            }
        }
    }
}
