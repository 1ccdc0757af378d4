//! The article card of the library and of "related articles".

use super::reader::{BookmarkButton, ReadingProgress};
use crate::model::ArticleCard;
use leptos::prelude::*;

#[component]
pub fn Card(
    card: ArticleCard,
    /// Heading level of the title: 2 in the library, 3 under another h2.
    #[prop(default = 2)]
    level: u8,
) -> impl IntoView {
    let title = view! { <a href=card.href()>{card.title.clone()}</a> };
    let heading = if level == 3 {
        view! { <h3 class="card-title">{title}</h3> }.into_any()
    } else {
        view! { <h2 class="card-title">{title}</h2> }.into_any()
    };
    let topics = card
        .topics
        .iter()
        .map(|t| view! { <li>{t.name.clone()}</li> })
        .collect_view();
    view! {
        <article class="card">
            {heading}
            <p class="card-summary">{card.summary.clone()}</p>
            <ul class="card-topics" aria-label="Topics">
                {topics}
            </ul>
            <div class="card-foot">
                <p class="card-meta">
                    <time datetime=card.published.clone()>{card.published_label.clone()}</time>
                    " · "
                    {format!("{} min read", card.reading_minutes)}
                </p>
                <BookmarkButton slug=card.slug.clone() title=card.title.clone()/>
            </div>
            <ReadingProgress slug=card.slug.clone()/>
        </article>
    }
}
