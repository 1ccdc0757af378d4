//! `/`: every article as a card, newest first, narrowed by `?topic=`.

use crate::api::get_library;
use crate::components::{card::Card, continue_reading::ContinueReading, meta::PageMeta};
use crate::model::{topic_href, LibraryData};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LibraryPage() -> impl IntoView {
    let query = use_query_map();
    let library = Resource::new(|| (), |_| get_library());
    let topic = move || query.read().get("topic");

    view! {
        <div class="wrap page">
            <Suspense fallback=|| view! { <p class="loading">"Loading the library…"</p> }>
                {move || Suspend::new(async move {
                    match library.await {
                        Ok(data) => view! { <Library data topic=topic()/> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Library(data: LibraryData, topic: Option<String>) -> impl IntoView {
    let active = topic
        .as_deref()
        .and_then(|slug| data.topics.iter().find(|t| t.slug == slug))
        .cloned();
    let unknown_topic = topic.filter(|_| active.is_none());
    let chips = data
        .topic_counts()
        .into_iter()
        .map(|(t, n)| {
            let current = active.as_ref().is_some_and(|a| a.slug == t.slug);
            view! {
                <li>
                    <a
                        class="chip"
                        href=topic_href(&t.slug)
                        aria-current=current.then_some("page")
                    >
                        {t.name}
                        <span class="chip-count">{n}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let cards_for_continue = data.articles.clone();
    let cards: Vec<_> = data
        .articles
        .into_iter()
        .filter(|a| active.as_ref().is_none_or(|t| a.has_topic(&t.slug)))
        .collect();
    let count = cards.len();
    let (title, description, path) = match &active {
        Some(t) => (t.name.clone(), t.description.clone(), topic_href(&t.slug)),
        None => (
            "Articles for your wellbeing".to_string(),
            "Kind, practical articles on stress, mood, recovery, mindfulness and more. Private by design."
                .to_string(),
            "/".to_string(),
        ),
    };

    view! {
        <PageMeta title=title.clone() description=description.clone() path/>
        <header class="page-intro">
            <h1>{title}</h1>
            <p class="lede">{description}</p>
        </header>
        <nav class="topics" aria-label="Topics">
            <ul class="chips">
                <li>
                    <a class="chip" href="/" aria-current=active.is_none().then_some("page")>
                        "All topics"
                    </a>
                </li>
                {chips}
            </ul>
        </nav>
        <ContinueReading articles=cards_for_continue/>
        {unknown_topic.map(|slug| view! {
            <p class="notice" role="status">
                {format!("There is no topic called “{slug}”, so here is the whole library.")}
            </p>
        })}
        <p class="result-count">
            {format!("{count} article{}", if count == 1 { "" } else { "s" })}
        </p>
        <div class="cards">
            {cards.into_iter().map(|card| view! { <Card card/> }).collect_view()}
        </div>
    }
}

#[component]
fn LoadError() -> impl IntoView {
    view! {
        <h1>"The library could not be loaded"</h1>
        <p>"Please try again in a moment. If you need help now, " <a href="/help">"see where to get it"</a> "."</p>
    }
}
