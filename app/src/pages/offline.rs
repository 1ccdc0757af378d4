//! `/offline`: what this browser can read with no connection. The service worker sends a
//! reader here (`?from=` the page they asked for) when they open a page it does not keep.

use crate::components::{meta::PageMeta, offline_list::OfflineList};
use leptos::prelude::*;

#[component]
pub fn OfflinePage() -> impl IntoView {
    view! {
        <PageMeta
            title="Offline reading"
            description="The articles this browser keeps for reading with no connection."
            path="/offline"
        />
        <div class="wrap page">
            <header class="page-intro">
                <h1>"Offline reading"</h1>
                <TryAgain/>
            </header>
            {saved_articles()}
            <aside class="help-callout" aria-label="Support">
                <p>
                    "If you need to talk to someone now, the phone numbers on "
                    <a href="/help">"Get help now"</a>
                    " are kept for offline use too."
                </p>
            </aside>
        </div>
    }
}

/// The page the reader asked for, to try again. Read after hydration: the worker serves the
/// copy of this page it kept, rendered without any `from`, so the first render must not
/// depend on it.
// Lazy (split out) in the hydrating build only: the static build has no split WASM.
#[cfg_attr(feature = "hydrate", island(lazy))]
#[cfg_attr(not(feature = "hydrate"), island)]
fn TryAgain() -> impl IntoView {
    let from = RwSignal::new(None::<String>);
    #[cfg(feature = "browser")]
    Effect::new(move |_| {
        use leptos_router::location::{BrowserUrl, LocationProvider};
        let asked = BrowserUrl::current()
            .ok()
            .and_then(|u| u.search_params().get("from"));
        from.set(asked.filter(|p| is_local_path(p)));
    });
    move || {
        from.get().map(|path| {
            view! {
                <p class="lede">
                    "You're offline, and that page isn't saved in this browser. "
                    <a href=path>"Try it again"</a>
                    " once you're connected."
                </p>
            }
        })
    }
}

fn saved_articles() -> AnyView {
    // The static build keeps every article inside the app: nothing to save one by one.
    if cfg!(feature = "csr") {
        return view! {
            <p>
                "This edition of Wellspring keeps the whole library in your browser once it has "
                "opened, so every article reads without a connection."
            </p>
        }
        .into_any();
    }
    view! {
        <p>
            "Press " <strong>"Save for offline"</strong> " on any article to read it without a "
            "connection: on a train, on a plane, anywhere. Saved articles stay in this browser "
            "until you remove them, and nothing is sent anywhere."
        </p>
        <OfflineList/>
    }
    .into_any()
}

/// Only a path on this site: never another origin (`//host`, `https:`) from a crafted link.
#[cfg(any(feature = "browser", test))]
fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\")
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_paths_on_this_site_are_offered_again() {
        assert!(super::is_local_path("/articles/sleep?x=1"));
        for bad in [
            "//evil.example/",
            "/\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "",
        ] {
            assert!(!super::is_local_path(bad), "{bad}");
        }
    }
}
