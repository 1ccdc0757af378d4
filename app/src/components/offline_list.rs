//! The articles this browser keeps for offline reading, as cards: on /offline, and on an
//! article that could not load without a connection.

use crate::api::get_cards;
use crate::components::card::Card;
use crate::offline::use_offline;
use leptos::prelude::*;

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
