//! The article card of the library and of "related articles".

use super::reader::{BookmarkButton, ReadingProgress};
use crate::filters::encode;
use crate::model::ArticleCard;
use crate::offline::use_offline;
use crate::search::{highlight as highlight_runs, Marks};
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn Card(
    card: ArticleCard,
    /// Heading level of the title: 2 in the library, 3 under another h2.
    #[prop(default = 2)]
    level: u8,
    /// What a search found, marked in the title and summary.
    #[prop(optional, into)]
    highlight: Option<Signal<Marks>>,
) -> impl IntoView {
    let marked = move |text: String| {
        move || match highlight {
            None => Either::Left(text.clone()),
            Some(q) => Either::Right(
                q.with(|marks| highlight_runs(&text, marks))
                    .into_iter()
                    .map(|(run, hit)| {
                        if hit {
                            Either::Left(view! { <mark>{run}</mark> })
                        } else {
                            Either::Right(run)
                        }
                    })
                    .collect_view(),
            ),
        }
    };
    // An article opened from a search marks what was found in it too.
    let href = {
        let base = card.href();
        move || match highlight.map(|m| m.with(|m| m.query.clone())) {
            Some(q) if !q.is_empty() => format!("{base}?highlight={}", encode(&q)),
            _ => base.clone(),
        }
    };
    let title = view! { <a href=href>{marked(card.title.clone())}</a> };
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
            <p class="card-summary">{marked(card.summary.clone())}</p>
            <ul class="card-topics" aria-label="Topics">
                {topics}
            </ul>
            <div class="card-foot">
                <p class="card-meta">
                    <time datetime=card.published.clone()>{card.published_label.clone()}</time>
                    " · "
                    {format!("{} min read", card.reading_minutes)}
                    <OfflineMark slug=card.slug.clone()/>
                </p>
                <BookmarkButton slug=card.slug.clone() title=card.title.clone()/>
            </div>
            <ReadingProgress slug=card.slug.clone()/>
        </article>
    }
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
