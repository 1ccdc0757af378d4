//! The library's "Continue reading" row: unfinished articles, most recently read first.
//! Empty on the server and until stored state loads.

use super::reader::ReadingProgress;
use crate::model::ArticleCard;
use crate::reader::use_reader;
use leptos::prelude::*;

/// How many unfinished articles the row lists.
pub const SHOWN: usize = 4;

#[component]
pub fn ContinueReading(
    /// The cards of unfinished articles that have come (none until the shelf has).
    #[prop(into)]
    articles: Signal<Vec<ArticleCard>>,
) -> impl IntoView {
    let reader = use_reader();
    let unfinished = move || {
        let list: Vec<ArticleCard> = reader
            .in_progress()
            .into_iter()
            .filter_map(|p| articles.with(|a| a.iter().find(|c| c.slug == p.slug).cloned()))
            .take(SHOWN)
            .collect();
        list
    };
    view! {
        // The slot is always there; the script in the document head reserves its height
        // when the row will appear (see app.rs), so filling it shifts nothing.
        <div class="continue-slot">
            <Show when=move || !unfinished().is_empty()>
                <section class="continue" aria-labelledby="continue-title">
                    <h2 id="continue-title">"Continue reading"</h2>
                    <ul class="continue-list">
                        <For each=unfinished key=|c| c.slug.clone() let:card>
                            <li>
                                <a href=card.href()>{card.title.clone()}</a>
                                <ReadingProgress slug=card.slug.clone()/>
                            </li>
                        </For>
                    </ul>
                </section>
            </Show>
        </div>
    }
}
