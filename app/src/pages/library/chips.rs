//! The library's chips: topics (with how many articles carry each) and reader-state
//! filters. Each is a real link (see url.rs), marked `aria-current` while it applies.

use super::url::filter_link;
use crate::filters::{Filters, Show};
use crate::model::TopicCount;
use leptos::prelude::*;

#[component]
pub fn TopicChips(topics: Vec<TopicCount>, filters: RwSignal<Filters>) -> impl IntoView {
    let chips = topics
        .into_iter()
        .map(|TopicCount { topic, articles }| {
            let slug = topic.slug.clone();
            let active = move || filters.with(|f| f.topics.contains(&slug)).then_some("true");
            let slug = topic.slug;
            let (href, click) = filter_link(filters, move |f| f.toggle_topic(&slug));
            view! {
                <li>
                    <a class="chip" href=href on:click=click aria-current=active>
                        {topic.name}
                        <span class="chip-count">{articles}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let (all_href, all_click) = filter_link(filters, |f| Filters {
        topics: vec![],
        ..f.clone()
    });
    let all_active = move || filters.with(|f| f.topics.is_empty()).then_some("true");
    view! {
        <nav class="topics" aria-label="Topics">
            <ul class="chips">
                <li>
                    <a class="chip" href=all_href on:click=all_click aria-current=all_active>
                        "All topics"
                    </a>
                </li>
                {chips}
            </ul>
        </nav>
    }
}

#[component]
pub fn StateChips(filters: RwSignal<Filters>) -> impl IntoView {
    let chips = Show::ALL
        .into_iter()
        .map(|show| {
            let active = move || filters.with(|f| f.show == Some(show)).then_some("true");
            let (href, click) = filter_link(filters, move |f| f.toggle_show(show));
            view! { <li><a class="chip" href=href on:click=click aria-current=active>{show.label()}</a></li> }
        })
        .collect_view();
    view! {
        <nav class="topics" aria-label="Your reading">
            <ul class="chips">{chips}</ul>
        </nav>
    }
}
