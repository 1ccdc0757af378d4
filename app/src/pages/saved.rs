//! `/saved`: the reader's bookmarks, most recently saved first, each removable with undo.

use crate::api::get_cards;
use crate::components::{
    card::Card, meta::PageMeta, reader::StorageNotice, save_offline::SaveAllOffline,
};
use crate::model::{ArticleCard, Catalog};
use crate::reader::{schema::Bookmark, use_reader};
use leptos::prelude::*;
use std::collections::HashSet;

#[component]
pub fn SavedPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Saved articles"
            description="The articles you bookmarked. They are kept in this browser only."
            path="/saved"
        />
        <div class="wrap page">
            <header class="page-intro">
                <h1>"Saved articles"</h1>
                <p class="lede">"Your bookmarks are kept in this browser only: nothing is sent anywhere."</p>
            </header>
            <StorageNotice/>
            <SaveAllOffline/>
            <Bookmarks/>
        </div>
    }
}

/// Which cards to show depends on this browser's bookmarks, which the server never sees:
/// so the cards are fetched by the browser alone, never rendered into the page.
// Lazy (split out) in the hydrating build only: the static build has no split WASM.
#[cfg_attr(feature = "hydrate", island(lazy))]
#[cfg_attr(not(feature = "hydrate"), island)]
fn Bookmarks() -> impl IntoView {
    let library = LocalResource::new(get_cards);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading your saved articles…"</p> }>
            {move || Suspend::new(async move {
                let data = library.await.unwrap_or_default();
                view! { <SavedList data/> }
            })}
        </Suspense>
    }
}

#[component]
fn SavedList(data: Catalog) -> impl IntoView {
    let reader = use_reader();
    let articles = StoredValue::new(data.articles);
    // Bookmarks of articles that no longer exist are forgotten once state is loaded.
    Effect::new(move |_| {
        if reader.ready.get() {
            articles.with_value(|a| {
                reader.prune(&a.iter().map(|c| c.slug.as_str()).collect::<HashSet<_>>())
            });
        }
    });
    let saved = move || -> Vec<ArticleCard> {
        reader
            .bookmarks()
            .into_iter()
            .filter_map(|b| articles.with_value(|a| a.iter().find(|c| c.slug == b.slug).cloned()))
            .collect()
    };
    let removed = RwSignal::new(None::<(Bookmark, String)>);
    let remove = move |card: &ArticleCard| {
        if let Some(b) = reader.remove_bookmark(&card.slug) {
            removed.set(Some((b, card.title.clone())));
        }
    };
    let undo = move |_| {
        if let Some((b, _)) = removed.get_untracked() {
            reader.add_bookmark(b);
        }
        removed.set(None);
    };

    view! {
        <div class="undo-slot" role="status">
            {move || removed.get().map(|(_, title)| view! {
                <p class="undo">
                    {format!("Removed “{title}”. ")}
                    <button type="button" class="button-quiet" on:click=undo>"Undo"</button>
                </p>
            })}
        </div>
        <Show
            when=move || reader.ready.get()
            fallback=|| view! { <p class="loading">"Loading your saved articles…"</p> }
        >
            <Show when=move || !saved().is_empty() fallback=EmptySaved>
                <div class="cards">
                    <For each=saved key=|c| c.slug.clone() let:card>
                        <div class="saved-item">
                            <Card card=card.clone()/>
                            <button
                                type="button"
                                class="button-quiet"
                                aria-label=format!("Remove “{}” from saved", card.title)
                                on:click=move |_| remove(&card)
                            >
                                "Remove"
                            </button>
                        </div>
                    </For>
                </div>
            </Show>
        </Show>
    }
}

#[component]
fn EmptySaved() -> impl IntoView {
    view! {
        <div class="empty">
            <p>"Nothing saved yet."</p>
            <p>
                "Press " <strong>"Bookmark"</strong> " on any article to keep it here for later. "
                <a href="/">"Browse the library"</a>
            </p>
        </div>
    }
}
