//! The only code that touches Cache Storage, the service worker and the storage manager.
//! Browser only. Each API is missing somewhere (insecure origins, some private modes), so
//! each is looked for before use: a missing one turns offline reading off, never panics.

use super::{saved_urls, slug_of, OfflineState, SAVED_CACHE};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, Element, Request, StorageManager};

/// Tells the site's other tabs that the saved articles changed (Cache Storage has no event).
const CHANNEL: &str = "wellspring-offline";

thread_local! {
    static TABS: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(CHANNEL).ok();
}

/// How long "You're back online" stays before it fades.
const BACK_ONLINE_NOTE: Duration = Duration::from_secs(6);

fn has(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::has(target, &JsValue::from_str(name)).unwrap_or(false)
}

async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

async fn saved_cache() -> Option<Cache> {
    if !has(&window(), "caches") {
        return None;
    }
    let caches = window().caches().ok()?;
    settle(Ok(caches.open(SAVED_CACHE))).await?.dyn_into().ok()
}

fn storage_manager() -> Option<StorageManager> {
    let navigator = window().navigator();
    has(&navigator, "storage").then(|| navigator.storage())
}

/// Registers the worker, follows the connection and reads what is saved.
pub fn attach(state: OfflineState) {
    register_worker();
    state.online.set(window().navigator().on_line());
    let online = window_event_listener(leptos::ev::online, move |_| {
        state.online.set(true);
        state.back_online.set(true);
        set_timeout(move || state.back_online.set(false), BACK_ONLINE_NOTE);
    });
    let offline = window_event_listener(leptos::ev::offline, move |_| {
        state.online.set(false);
        state.back_online.set(false);
    });
    // The app lives as long as the page; keep listening.
    std::mem::forget((online, offline));
    follow_other_tabs(state);
    leptos::task::spawn_local(async move {
        // The static build holds every article in the app itself: once the worker has kept
        // the shell, the whole library reads offline, so there is nothing to save one by one.
        if cfg!(feature = "csr") {
            state.ready.set(true);
            return;
        }
        if let Some(cache) = saved_cache().await {
            state.supported.set(true);
            state.saved.set(saved_slugs(&cache).await);
        }
        state.ready.set(true);
    });
}

/// Reads the saved list again when another tab saves or removes an article.
fn follow_other_tabs(state: OfflineState) {
    TABS.with(|tabs| {
        let Some(tabs) = tabs else { return };
        let reread = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            leptos::task::spawn_local(async move {
                if let Some(cache) = saved_cache().await {
                    state.saved.set(saved_slugs(&cache).await);
                }
            })
        });
        tabs.set_onmessage(Some(reread.as_ref().unchecked_ref()));
        // Listens as long as the page lives.
        reread.forget();
    });
}

fn tell_other_tabs() {
    TABS.with(|tabs| {
        if let Some(tabs) = tabs {
            let _ = tabs.post_message(&JsValue::from_str("saved"));
        }
    });
}

/// The hashed JS and WASM files the page names for the worker (app.rs `IslandScripts`),
/// with the split WASM of the lazy islands, which it loads only where such an island is.
fn named_assets() -> Vec<String> {
    document()
        .query_selector(&format!("meta[name={}]", crate::app::ASSETS_META))
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .map(|files| files.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

/// An organisation's own logo (site.toml, served under /site/), so the header keeps it
/// offline; Wellspring's own icon is in the worker's list already (and a file named twice
/// would fail its install).
fn site_logo() -> Option<String> {
    document()
        .query_selector("img.brand-mark")
        .ok()
        .flatten()
        .and_then(|img| img.get_attribute("src"))
        .filter(|src| src.starts_with("/site/"))
}

/// Registers public/sw.js, naming this build's hashed files (the page's stylesheet and any
/// preload links, which the static build has, and the files named in its `<meta>`) so the
/// worker keeps exactly them. Not the split WASM islands.js preloads (`data-split`): the
/// manifest in the `<meta>` names it, and the worker's URL must be the same on every page.
fn register_worker() {
    let navigator = window().navigator();
    if !has(&navigator, "serviceWorker") {
        return;
    }
    let Ok(links) = document().query_selector_all(
        "link[rel=modulepreload],link[rel=preload][as=fetch]:not([data-split]),link[rel=stylesheet]",
    ) else {
        return;
    };
    let mut query: Vec<String> = (0..links.length())
        .filter_map(|i| {
            links
                .item(i)?
                .dyn_into::<Element>()
                .ok()?
                .get_attribute("href")
        })
        .chain(named_assets())
        .chain(site_logo())
        .map(|href| format!("asset={}", js_sys::encode_uri_component(&href)))
        .collect();
    // The static build has one page for every path and no data requests.
    if cfg!(feature = "csr") {
        query.push("static=1".into());
    }
    let promise = navigator
        .service_worker()
        .register(&format!("/sw.js?{}", query.join("&")));
    leptos::task::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            leptos::logging::warn!("Wellspring: offline reading is unavailable: {e:?}");
        }
    });
}

async fn saved_slugs(cache: &Cache) -> Vec<String> {
    let Some(keys) = settle(Ok(cache.keys())).await else {
        return Vec::new();
    };
    js_sys::Array::from(&keys)
        .iter()
        .filter_map(|r| r.dyn_into::<Request>().ok())
        .filter_map(|r| web_sys::Url::new(&r.url()).ok())
        .filter_map(|url| slug_of(&url.pathname()).map(str::to_string))
        .collect()
}

/// Fetches and keeps an article's page and data; all or nothing.
pub async fn save(slug: &str) -> bool {
    let Some(cache) = saved_cache().await else {
        return false;
    };
    let urls: js_sys::Array = saved_urls(slug)
        .iter()
        .map(|u| JsValue::from_str(u))
        .collect();
    let saved = settle(Ok(cache.add_all_with_str_sequence(&urls)))
        .await
        .is_some();
    if saved {
        tell_other_tabs();
    }
    saved
}

pub async fn remove(slug: &str) {
    if let Some(cache) = saved_cache().await {
        for url in saved_urls(slug) {
            settle(Ok(cache.delete_with_str(&url))).await;
        }
        tell_other_tabs();
    }
}

pub async fn estimate() -> Option<(f64, f64)> {
    let estimate = settle(storage_manager()?.estimate()).await?;
    let field = |name: &str| {
        js_sys::Reflect::get(&estimate, &JsValue::from_str(name))
            .ok()?
            .as_f64()
    };
    Some((field("usage")?, field("quota")?))
}

pub async fn persist() -> bool {
    match storage_manager() {
        Some(storage) => settle(storage.persist()).await.and_then(|v| v.as_bool()) == Some(true),
        None => false,
    }
}

pub async fn persisted() -> bool {
    match storage_manager() {
        Some(storage) => settle(storage.persisted()).await.and_then(|v| v.as_bool()) == Some(true),
        None => false,
    }
}
