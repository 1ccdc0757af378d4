//! Keeping articles for offline reading: "Save for offline" on an article, and "Save all
//! bookmarks for offline" on /saved. Both appear only after hydration, where the browser can
//! keep articles (see offline/mod.rs).

use crate::offline::use_offline;
use crate::reader::use_reader;
use leptos::prelude::*;

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
    let shown = move || offline.supported.get() && reader.counts().bookmarks != 0;
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
