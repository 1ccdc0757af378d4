//! Offline reading in the page: the connection note, the save button, the mark on cards, and
//! the list of what this browser keeps. All of it appears only after hydration, where the
//! browser can keep articles (see offline/mod.rs). Islands, but for `OfflineStorage`, which
//! only the /my-data island holds.

use crate::api::get_cards;
use crate::components::card::Card;
use crate::offline::use_offline;
use crate::reader::use_reader;
use leptos::prelude::*;

/// Says when the connection goes, and when it comes back. Always in the page (empty while
/// online) so screen readers announce the change.
#[island]
pub fn ConnectionStatus() -> impl IntoView {
    let offline = use_offline();
    view! {
        <div class="connection-slot" role="status" aria-live="polite">
            {move || {
                if !offline.online.get() {
                    Some(view! {
                        <p class="connection offline">
                            "You're offline. Articles saved for offline reading are still here: "
                            <a href="/offline">"see what you can read"</a>
                            "."
                        </p>
                    }.into_any())
                } else if offline.back_online.get() {
                    Some(view! { <p class="connection online">"You're back online."</p> }.into_any())
                } else {
                    None
                }
            }}
        </div>
    }
}

/// "Save for offline" on an article; once saved, says so and offers to remove it.
#[island]
pub fn SaveOfflineButton(#[prop(into)] slug: String, #[prop(into)] title: String) -> impl IntoView {
    let offline = use_offline();
    let slug = StoredValue::new(slug);
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let save = move |_| {
        busy.set(true);
        failed.set(false);
        leptos::task::spawn_local(async move {
            failed.set(!offline.save(slug.get_value()).await);
            busy.set(false);
        });
    };
    let remove = move |_| leptos::task::spawn_local(offline.remove(slug.get_value()));
    let saved = move || slug.with_value(|s| offline.is_saved(s));
    let remove_label = StoredValue::new(format!("Remove the offline copy of “{title}”"));
    // Rendered by the server and kept disabled until the browser is known to be able to save,
    // so it takes its place before hydration and nothing shifts (Lighthouse measured a CLS of
    // 0.14 on phones when it appeared late). It goes only where saving is impossible.
    let possible =
        move || !cfg!(feature = "csr") && (!offline.ready.get() || offline.supported.get());
    view! {
        <Show when=possible>
            <div class="offline-action">
                <Show
                    when=saved
                    fallback=move || view! {
                        <button
                            type="button"
                            class="button-quiet"
                            disabled=move || busy.get() || !offline.supported.get()
                            on:click=save
                        >
                            {move || if busy.get() { "Saving…" } else { "Save for offline" }}
                        </button>
                    }
                >
                    <span class="offline-mark">"Available offline"</span>
                    <button
                        type="button"
                        class="button-quiet"
                        aria-label=remove_label.get_value()
                        on:click=remove
                    >
                        "Remove offline copy"
                    </button>
                </Show>
                <span class="offline-error" role="status">
                    {move || failed.get().then_some("Could not save it. Are you online?")}
                </span>
            </div>
        </Show>
    }
    // Erased: it sits deep in the article's view type, which would outgrow the compiler's
    // recursion limit.
    .into_any()
}

/// The mark on a card whose article this browser keeps.
#[island]
pub fn OfflineMark(#[prop(into)] slug: String) -> impl IntoView {
    let offline = use_offline();
    move || {
        offline
            .is_saved(&slug)
            .then(|| view! { <span class="offline-mark">"Available offline"</span> })
    }
}

/// Every article this browser keeps for offline reading, as cards. The cards come from
/// `get_cards`, which the service worker keeps with the app, so this works offline too.
// Lazy (split out) in the hydrating build only: the static build has no split WASM.
#[cfg_attr(feature = "hydrate", island(lazy))]
#[cfg_attr(not(feature = "hydrate"), island)]
pub fn OfflineList() -> impl IntoView {
    let offline = use_offline();
    let library = LocalResource::new(get_cards);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Looking for saved articles…"</p> }>
            {move || Suspend::new(async move {
                let articles = StoredValue::new(library.await.map(|d| d.articles).unwrap_or_default());
                let cards = move || {
                    let saved = offline.saved();
                    articles.with_value(|a| {
                        a.iter().filter(|c| saved.contains(&c.slug)).cloned().collect::<Vec<_>>()
                    })
                };
                view! {
                    <Show
                        when=move || offline.ready.get() && !cards().is_empty()
                        fallback=|| view! {
                            <p class="empty">
                                "No articles are saved for offline reading in this browser yet. "
                                "Open an article and press " <strong>"Save for offline"</strong> "."
                            </p>
                        }
                    >
                        <div class="cards">
                            <For each=cards key=|c| c.slug.clone() let:card>
                                <Card card/>
                            </For>
                        </div>
                    </Show>
                }
            })}
        </Suspense>
    }
}

/// "Save all bookmarks for offline" on /saved, with its progress.
// Lazy (split out) in the hydrating build only: the static build has no split WASM.
#[cfg_attr(feature = "hydrate", island(lazy))]
#[cfg_attr(not(feature = "hydrate"), island)]
pub fn SaveAllOffline() -> impl IntoView {
    let offline = use_offline();
    let reader = use_reader();
    // (saved, failed, of how many), and whether it is still going.
    let progress = RwSignal::new(None::<(usize, usize, usize)>);
    let running = RwSignal::new(false);
    let save_all = move |_| {
        let slugs: Vec<String> = reader.bookmarks().into_iter().map(|b| b.slug).collect();
        let total = slugs.len();
        running.set(true);
        progress.set(Some((0, 0, total)));
        leptos::task::spawn_local(async move {
            let (mut saved, mut failed) = (0, 0);
            for slug in slugs {
                if offline.is_saved(&slug) || offline.save(slug).await {
                    saved += 1;
                } else {
                    failed += 1;
                }
                progress.set(Some((saved, failed, total)));
            }
            running.set(false);
        });
    };
    let status = move || {
        progress.get().map(|(saved, failed, total)| match (running.get(), failed) {
            (true, _) => format!("Saving {} of {total}…", saved + failed + 1),
            (false, 0) => format!("{saved} of {total} saved for offline reading."),
            (false, _) => format!(
                "{saved} of {total} saved for offline reading; {failed} could not be. Are you online?"
            ),
        })
    };
    let shown = move || offline.supported.get() && reader.counts().0 != 0;
    view! {
        <Show when=shown>
            <div class="save-all">
                <button type="button" class="button-quiet" disabled=move || running.get() on:click=save_all>
                    "Save all bookmarks for offline"
                </button>
                <p class="save-all-status" role="status" aria-live="polite">{status}</p>
            </div>
        </Show>
    }
}

/// What offline copies take on /my-data, and a way to remove them all.
#[component]
pub fn OfflineStorage() -> impl IntoView {
    let offline = use_offline();
    let count = move || match offline.saved().len() {
        1 => "1 article is".to_string(),
        n => format!("{n} articles are"),
    };
    // Asked again whenever what is saved changes.
    let usage = LocalResource::new(move || {
        offline.saved();
        async move { (offline.estimate().await, offline.persisted().await) }
    });
    let remove_all = move |_| {
        leptos::task::spawn_local(async move {
            for slug in offline.saved() {
                offline.remove(slug).await;
            }
        })
    };
    view! {
        <Show
            when=move || offline.supported.get()
            fallback=|| view! { <p>{UNSUPPORTED}</p> }
        >
            <p>{count} " saved for offline reading in this browser."</p>
            <Suspense>
                {move || Suspend::new(async move {
                    let (estimate, persisted) = usage.await;
                    view! {
                        {estimate.map(|(used, quota)| view! {
                            <p>{format!(
                                "Wellspring's offline copies and settings use about {} of the {} this browser allows it.",
                                megabytes(used),
                                megabytes(quota)
                            )}</p>
                        })}
                        <p>{if persisted {
                            "Your browser has agreed to keep them even when space runs low."
                        } else {
                            "Your browser may clear them if space runs low; saving again brings them back."
                        }}</p>
                    }
                })}
            </Suspense>
            <Show when=move || !offline.saved().is_empty()>
                <p>
                    <button type="button" class="button-quiet" on:click=remove_all>"Remove all offline copies"</button>
                </p>
            </Show>
        </Show>
    }
}

const UNSUPPORTED: &str = if cfg!(feature = "csr") {
    "This edition of Wellspring keeps the whole library in your browser once it has opened, so every article reads without a connection."
} else {
    "This browser cannot keep articles for offline reading."
};

/// In whole tenths, so the WASM needs no float formatting (about 20 KB of it).
fn megabytes(bytes: f64) -> String {
    let tenths = |unit: f64| {
        let t = (bytes / unit * 10.0).round() as u64;
        format!("{}.{}", t / 10, t % 10)
    };
    match bytes / 1e6 {
        mb if mb < 0.1 => "less than 0.1 MB".to_string(),
        mb if mb < 100.0 => format!("{} MB", tenths(1e6)),
        mb if mb < 1000.0 => format!("{} MB", mb.round() as u64),
        _ => format!("{} GB", tenths(1e9)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_plainly() {
        assert_eq!(super::megabytes(20_000.0), "less than 0.1 MB");
        assert_eq!(super::megabytes(2_345_678.0), "2.3 MB");
        assert_eq!(super::megabytes(456e6), "456 MB");
        assert_eq!(super::megabytes(10_739e6), "10.7 GB");
    }
}
