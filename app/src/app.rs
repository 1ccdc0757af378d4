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
                <HydrationScripts options=options.clone() islands=true/>
                <SplitWasm/>
                <HashedStylesheet options id="leptos"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Names every file of the WASM split out for lazy islands (as cargo-leptos --split wrote it),
/// for the service worker to keep with the shell: the library and /my-data then hydrate
/// offline too, though a reader may never have opened them online (offline/browser.rs).
#[component]
fn SplitWasm() -> impl IntoView {
    let files = use_context::<leptos::WasmSplitManifest>().map(|manifest| {
        manifest.0.with_value(|(pkg, chunks, loader)| {
            let mut files: Vec<String> = chunks
                .values()
                .flatten()
                .map(|chunk| format!("{pkg}/{chunk}.wasm"))
                .collect();
            files.sort();
            files.dedup();
            files.push(format!("{pkg}/{loader}"));
            files.join(" ")
        })
    });
    files.map(|content| view! { <meta name="wellspring-split-wasm" content=content/> })
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // The static build's mark (effects never run on the server; the server-rendered site
    // sets it in `crate::hydrate`).
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
                    <Route path=path!("/help") view=HelpPage/>
                    <Route path=path!("/saved") view=SavedPage/>
                    <Route path=path!("/my-data") view=MyDataPage/>
                    <Route path=path!("/offline") view=OfflinePage/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}
