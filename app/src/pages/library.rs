//! `/`: every article as a card, newest first, narrowed in the browser by topic, search and
//! reading state. The filters live in the URL; the server renders the same list for it.

use super::filters::{Filters, SHOW};
use crate::api::{get_library, get_search_index, LibraryPayload};
use crate::components::{card::Card, continue_reading::ContinueReading, meta::PageMeta};
use crate::model::{topic_href, LibraryData};
use crate::reader::use_reader;
use crate::search::SearchIndex;
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, hooks::use_query_map, NavigateOptions};

/// Cards shown at first and added by "Show more": a large library never floods the DOM.
const PAGE: usize = 30;

#[component]
pub fn LibraryPage() -> impl IntoView {
    // The server ranks the search the page was opened with, so that the first render in
    // the browser matches the server's HTML before the search index has arrived.
    let first_q = use_query_map().with_untracked(|q| q.get("q").unwrap_or_default());
    let library = Resource::new(|| (), move |_| get_library(first_q.clone()));
    view! {
        <div class="wrap page">
            <Suspense fallback=|| view! { <p class="loading">"Loading the library…"</p> }>
                {move || Suspend::new(async move {
                    match library.await {
                        Ok(payload) => view! { <Library payload/> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Library(payload: LibraryPayload) -> impl IntoView {
    let LibraryPayload {
        data,
        q: server_q,
        ranked: server_ranked,
    } = payload;
    let query = use_query_map();
    let filters = Memo::new(move |_| query.with(Filters::from_query));
    let reader = use_reader();
    let topic_counts = data.topic_counts();
    let data = StoredValue::new(data);
    // The full index (bodies included) comes once, right after hydration, so typing and
    // filtering never wait on the network. Until then: the server's ranking for the
    // first query, and an index of the cards for anything typed sooner.
    let full_index = RwSignal::new(None::<SearchIndex>);
    // Effects run only in the browser, after hydration: the server never waits for this.
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            if let Ok(index) = get_search_index().await {
                full_index.set(Some(index));
            }
        });
    });
    let card_index = StoredValue::new(None::<SearchIndex>);
    let rank = move |q: &str| -> Option<Vec<usize>> {
        if let Some(found) = full_index.with(|i| i.as_ref().map(|i| i.search(q))) {
            return found;
        }
        if q == server_q {
            return server_ranked
                .as_ref()
                .map(|r| r.iter().map(|&i| i as usize).collect());
        }
        if card_index.with_value(Option::is_none) {
            card_index.set_value(Some(data.with_value(LibraryData::card_index)));
        }
        card_index.with_value(|i| i.as_ref().and_then(|i| i.search(q)))
    };
    let results = Memo::new(move |_| {
        let _timing = crate::perf::Measure::start("wellspring:filter");
        let mut f = filters.get();
        // An unknown topic (an old link, a typo) narrows nothing; the heading says so.
        data.with_value(|d| f.topics.retain(|t| d.knows_topic(t)));
        let order =
            rank(&f.q).unwrap_or_else(|| (0..data.with_value(|d| d.articles.len())).collect());
        data.with_value(|d| {
            order
                .into_iter()
                .filter(|&i| {
                    f.matches_topics(&d.articles[i])
                        && f.matches_state(&d.articles[i].slug, &reader)
                })
                .collect::<Vec<usize>>()
        })
    });
    let shown = RwSignal::new(PAGE);
    Effect::watch(move || filters.get(), move |_, _, _| shown.set(PAGE), false);
    let visible = move || {
        let n = shown.get();
        results.with(|r| {
            data.with_value(|d| {
                r.iter()
                    .take(n)
                    .map(|&i| d.articles[i].clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let highlight = Signal::derive(move || filters.with(|f| f.q.clone()));

    let chips = topic_counts
        .into_iter()
        .map(|(t, n)| {
            let slug = t.slug.clone();
            let active = move || filters.with(|f| f.topics.contains(&slug)).then_some("true");
            let slug = t.slug.clone();
            view! {
                <li>
                    <a class="chip" href=move || filters.with(|f| f.toggle_topic(&slug).href()) aria-current=active>
                        {t.name}
                        <span class="chip-count">{n}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let state_chips = SHOW
        .iter()
        .map(|&(key, label)| {
            let active = move || {
                filters
                    .with(|f| f.show.as_deref() == Some(key))
                    .then_some("true")
            };
            let href = move || {
                filters.with(|f| {
                    f.with_show((f.show.as_deref() != Some(key)).then_some(key))
                        .href()
                })
            };
            view! { <li><a class="chip" href=href aria-current=active>{label}</a></li> }
        })
        .collect_view();
    let navigate = use_navigate();
    let on_input = move |ev| {
        let href = filters.with_untracked(|f| f.with_q(event_target_value(&ev)).href());
        navigate(
            &href,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let count = move || {
        let n = results.with(Vec::len);
        format!("{n} article{}", if n == 1 { "" } else { "s" })
    };

    view! {
        {move || view! { <Heading data filters=filters.get()/> }}
        <form class="search" role="search" method="get" action="/" on:submit=|ev| ev.prevent_default()>
            <label for="search-input">"Search articles"</label>
            <div class="search-row">
                <input
                    id="search-input"
                    type="search"
                    name="q"
                    autocomplete="off"
                    placeholder="Try “sleep”, “anxious” or “teen”"
                    prop:value=move || filters.with(|f| f.q.clone())
                    value=move || filters.with(|f| f.q.clone())
                    on:input=on_input
                />
                {move || filters.with(|f| f.topics.iter().map(|t| view! { <input type="hidden" name="topic" value=t.clone()/> }).collect_view())}
                <button type="submit" class="button">"Search"</button>
            </div>
        </form>
        <nav class="topics" aria-label="Topics">
            <ul class="chips">
                <li>
                    <a class="chip" href=move || filters.with(|f| Filters { topics: vec![], ..f.clone() }.href())
                        aria-current=move || filters.with(|f| f.topics.is_empty()).then_some("true")>
                        "All topics"
                    </a>
                </li>
                {chips}
            </ul>
        </nav>
        <nav class="topics" aria-label="Your reading">
            <ul class="chips">{state_chips}</ul>
        </nav>
        <ContinueReading articles=data.with_value(|d| d.articles.clone())/>
        <p class="result-count" role="status" aria-live="polite">{count}</p>
        <Show when=move || results.with(Vec::is_empty)>
            <NoResults filters/>
        </Show>
        <div class="cards">
            <For each=visible key=|c| c.slug.clone() let:card>
                <Card card highlight/>
            </For>
        </div>
        <Show when=move || { results.with(Vec::len) > shown.get() }>
            <button type="button" class="button-quiet more" on:click=move |_| shown.update(|n| *n += PAGE)>
                "Show more articles"
            </button>
        </Show>
    }
}

/// The h1 and page meta: the topic's own when exactly one topic is chosen.
#[component]
fn Heading(data: StoredValue<LibraryData>, filters: Filters) -> impl IntoView {
    let topic = match filters.topics.as_slice() {
        [one] => data.with_value(|d| d.topics.iter().find(|t| &t.slug == one).cloned()),
        _ => None,
    };
    let unknown: Vec<String> = filters
        .topics
        .iter()
        .filter(|t| data.with_value(|d| !d.knows_topic(t)))
        .cloned()
        .collect();
    let (title, description, path) = match &topic {
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
        {(!unknown.is_empty()).then(|| view! {
            <p class="notice" role="status">
                {format!("There is no topic called “{}”, so it is left out.", unknown.join("”, “"))}
            </p>
        })}
    }
}

#[component]
fn NoResults(filters: Memo<Filters>) -> impl IntoView {
    let message = move || {
        filters.with(|f| match f.q.trim() {
            "" => "No articles match these filters.".to_string(),
            q => format!("No articles match “{q}”."),
        })
    };
    view! {
        <div class="empty">
            <p>{message}</p>
            <p>
                <a href=move || filters.with(|f| f.with_q(String::new()).href())>"Clear the search"</a>
                " or "
                <a href="/">"show every article"</a>
                ". If you need help now, "
                <a href="/help">"see who you can talk to"</a>
                "."
            </p>
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
