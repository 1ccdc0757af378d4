//! Offline reading: which articles this browser keeps for reading with no connection, and
//! whether there is a connection now. Saving is the reader's own choice, separate from
//! bookmarking, and lives only in the browser's Cache Storage, where the service worker
//! (public/sw.js) finds it. Like reader state, the server renders without any of it and the
//! browser fills it in after hydration.

#[cfg(feature = "browser")]
mod browser;

use leptos::prelude::*;

/// The Cache Storage cache of saved articles; public/sw.js uses the same name.
pub const SAVED_CACHE: &str = "wellspring-saved";

/// Where `get_article` answers (a test holds it to the server function's own path; the
/// static build has no server functions to ask).
pub const ARTICLE_DATA_PATH: &str = "/api/article";

/// What one saved article is in the cache: its page (a full page load) and its data
/// (in-app navigation, `get_article`'s GET URL: see leptos_internals, 3).
pub fn saved_urls(slug: &str) -> [String; 2] {
    [
        crate::model::article_href(slug),
        format!("{ARTICLE_DATA_PATH}?slug={slug}"),
    ]
}

/// The slug a saved page URL names, if it is one.
pub fn slug_of(url_path: &str) -> Option<&str> {
    url_path
        .strip_prefix("/articles/")
        .filter(|s| !s.is_empty() && !s.contains('/'))
}

#[derive(Clone, Copy)]
pub struct OfflineState {
    saved: RwSignal<Vec<String>>,
    /// True once the saved list has been read, after hydration.
    pub ready: RwSignal<bool>,
    /// False where this browser cannot keep articles (no Cache Storage: an insecure origin,
    /// some private modes); the buttons then stay away.
    pub supported: RwSignal<bool>,
    pub online: RwSignal<bool>,
    /// The connection came back during this visit (for a brief "back online" note).
    pub back_online: RwSignal<bool>,
}

/// The page's offline state (see shared.rs).
pub fn use_offline() -> OfflineState {
    crate::shared::page_state(new_state)
}

fn new_state() -> OfflineState {
    let state = OfflineState {
        saved: RwSignal::new(Vec::new()),
        ready: RwSignal::new(false),
        supported: RwSignal::new(false),
        online: RwSignal::new(true),
        back_online: RwSignal::new(false),
    };
    #[cfg(feature = "browser")]
    crate::hydration::when_hydrated(move || browser::attach(state));
    state
}

impl OfflineState {
    pub fn is_saved(&self, slug: &str) -> bool {
        self.saved.with(|s| s.iter().any(|x| x == slug))
    }

    /// The slugs kept for offline reading (tracked).
    pub fn saved(&self) -> Vec<String> {
        self.saved.get()
    }

    /// Keeps an article for offline reading. On the first one, asks the browser to keep
    /// offline copies even when space runs low. False if it could not be saved.
    pub async fn save(self, slug: String) -> bool {
        #[cfg(feature = "browser")]
        {
            let first = self.saved.with_untracked(Vec::is_empty);
            if !browser::save(&slug).await {
                return false;
            }
            self.saved.update(|s| {
                if !s.contains(&slug) {
                    s.push(slug)
                }
            });
            if first {
                browser::persist().await;
            }
            true
        }
        #[cfg(not(feature = "browser"))]
        {
            let _ = slug;
            false
        }
    }

    pub async fn remove(self, slug: String) {
        #[cfg(feature = "browser")]
        browser::remove(&slug).await;
        self.saved.update(|s| s.retain(|x| *x != slug));
    }

    /// How much this site stores and may store, in bytes, as the browser estimates it.
    pub async fn estimate(self) -> Option<(f64, f64)> {
        #[cfg(feature = "browser")]
        return browser::estimate().await;
        #[cfg(not(feature = "browser"))]
        None
    }

    /// Whether the browser has agreed to keep this site's storage when space runs low.
    pub async fn persisted(self) -> bool {
        #[cfg(feature = "browser")]
        return browser::persisted().await;
        #[cfg(not(feature = "browser"))]
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_page_urls_name_their_slug() {
        let [page, data] = saved_urls("sleep-well");
        assert_eq!(slug_of(&page), Some("sleep-well"));
        assert_eq!(data, "/api/article?slug=sleep-well");
        assert_eq!(slug_of(&data), None);
        assert_eq!(slug_of("/articles/"), None);
        assert_eq!(slug_of("/articles/a/b"), None);
        assert_eq!(slug_of("/saved"), None);
    }
}
