//! The document shell and the router: which page answers which path.

use crate::components::{
    connection::ConnectionStatus,
    layout::{SiteFooter, SiteHeader},
    meta::FEED_PATH,
};
use crate::pages::{
    article::ArticlePage, display_settings::DisplaySettingsPage, help::HelpPage,
    library::LibraryPage, my_data::MyDataPage, not_found::NotFound, offline::OfflinePage,
    reading_history::ReadingHistoryPage, saved::SavedPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The one script that runs before first paint, reading reader state that must shape the
/// page before the WASM has loaded. Plain JS built from the schema's own keys and threshold,
/// so the two can never drift apart:
/// - any unfinished article (see reader/schema) marks `<html data-continue>`, so the
///   library's "Continue reading" row is reserved and moves nothing when it fills in;
/// - `wellspringShowRegion(code)` shows the help services of a region (or "all") and hides
///   the others' in every help box and on /help (the server renders one block a region,
///   the default's shown); the reader's stored choice applies as soon as the page is parsed,
///   unless the URL asks for a region itself. The region picker calls it too;
/// - the display settings (theme, text size, spacing, font, motion) become `data-*`
///   attributes of `<html>`, each only for a value its table allows (reader/schema/display.rs);
/// - `<html data-speech>` where the browser can read aloud, to show "Listen" (listen.rs).
fn head_probe() -> &'static str {
    use crate::reader::schema::{ATTRIBUTES, DISPLAY_KEY, FINISHED_AT, PROGRESS_KEY, REGION_KEY};
    static PROBE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PROBE.get_or_init(|| {
        format!(
            r#"try{{var p=JSON.parse(localStorage.getItem({PROGRESS_KEY:?})||"[]");if(p.some(function(e){{return e&&e.fraction<{FINISHED_AT}}}))document.documentElement.setAttribute("data-continue","")}}catch(e){{}}"#
        ) + &format!(
            r#"window.wellspringShowRegion=function(r){{var b=[].slice.call(document.querySelectorAll(".help-region"));var on=function(x){{return r==="all"||x.getAttribute("data-region")===r}};if(!b.some(on))return false;b.forEach(function(x){{x.hidden=!on(x)}});document.documentElement.setAttribute("data-region",r);return true}};try{{var r=JSON.parse(localStorage.getItem({REGION_KEY:?})||"null");if(typeof r==="string"&&!/[?&]region=/.test(location.search))document.addEventListener("DOMContentLoaded",function(){{wellspringShowRegion(r)}})}}catch(e){{}}"#
        ) + &format!(
            r#"try{{var s=JSON.parse(localStorage.getItem({DISPLAY_KEY:?})||"null");if(s)[{table}].forEach(function(a){{if(a[2].indexOf(s[a[0]])>0)document.documentElement.setAttribute(a[1],s[a[0]])}})}}catch(e){{}}if(window.speechSynthesis)document.documentElement.setAttribute("data-speech","")"#,
            table = ATTRIBUTES
                .iter()
                .map(|a| serde_json::json!([a.field, a.attribute, a.values]).to_string())
                .collect::<Vec<_>>()
                .join(",")
        )
    })
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let site = crate::components::settings::use_site();
    // The brand colours (site.toml), after the main stylesheet so they win; only when set.
    let brand_css = site.colours.is_some().then(|| {
        view! { <link rel="stylesheet" href=crate::site::STYLESHEET_ROUTE/> }
    });
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <meta name="theme-color" content=site.theme_color()/>
                <link rel="icon" href="/favicon.ico" sizes="32x32"/>
                <link rel="icon" href="/icon.svg" type="image/svg+xml"/>
                // Installable: name, colours and icons for launchers (the server builds it from
                // site.toml; the static build has public/manifest.webmanifest).
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                // Feed readers find the newest articles from any page (server/src/discovery).
                <link rel="alternate" type="application/atom+xml" title=site.name.clone() href=FEED_PATH/>
                // Before first paint: reader state that shapes the page (see head_probe).
                <script nonce=leptos::nonce::use_nonce()>{head_probe()}</script>
                <AutoReload options=options.clone()/>
                // Islands: only the interactive parts of a page (marked `#[island]`) are
                // hydrated, so the WASM holds those and not every page and the router.
                <IslandScripts options=options.clone()/>
                <HashedStylesheet options id="leptos"/>
                {brand_css}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The `<meta name>` that lists the build's files for islands.js and the service worker.
pub const ASSETS_META: &str = "wellspring-assets";

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
    let files = crate::leptos_internals::island_assets(&options);
    view! {
        <meta name=ASSETS_META content=files.join(" ")/>
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
                    <Route path=path!("/settings") view=DisplaySettingsPage/>
                    <Route path=path!("/history") view=ReadingHistoryPage/>
                    <Route path=path!("/offline") view=OfflinePage/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}

#[cfg(test)]
mod tests {
    use super::{head_probe, island_loader};

    #[test]
    fn the_head_probe_names_the_schemas_keys_and_threshold() {
        assert!(head_probe().starts_with(
            r#"try{var p=JSON.parse(localStorage.getItem("wellspring.v2.progress")||"[]");if(p.some(function(e){return e&&e.fraction<0.9}))document.documentElement.setAttribute("data-continue","")}catch(e){}"#
        ));
        assert!(head_probe().contains(r#"localStorage.getItem("wellspring.v2.region")"#));
        assert!(head_probe().contains(r#"localStorage.getItem("wellspring.v2.display")"#));
        assert!(head_probe()
            .contains(r#"["text_size","data-text-size",["100","125","150","175","200"]]"#));
    }

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
