//! `/`: every article as a card, newest first, narrowed in the browser by topic, search and
//! reading state. The filters live in the URL; the server renders the same list for it.

mod chips;
mod data;
mod results;
mod url;

use crate::api::{get_library, FirstPage, FIRST_CARDS};
use crate::components::{
    card::Card,
    continue_reading::{ContinueReading, SHOWN as CONTINUE_SHOWN},
    meta::{full_title, PageMeta, SITE_DESCRIPTION},
};
use crate::filters::Filters;
use crate::history::show_in_url;
use crate::model::{plural, topic_href, ArticleCard, Topic};
use crate::reader::use_reader;
use chips::{StateChips, TopicChips};
use data::LibraryData;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use results::{results, Results, Source};
use url::{filter_link, follow_history};

/// Cards shown at first and added by "Show more": a large library never floods the DOM.
const PAGE: usize = FIRST_CARDS;

#[component]
pub fn LibraryPage() -> impl IntoView {
    // The server sends the first page of cards for the URL the page was opened with, and
    // the browser hydrates with the same; the whole library follows after hydration.
    let first = use_query_map().with_untracked(Filters::from_query);
    let asked = first.clone();
    let library = Resource::new(
        || (),
        move |_| get_library(asked.topics.join(","), asked.q.clone()),
    );
    view! {
        <div class="wrap page">
            <Suspense fallback=|| view! { <p class="loading">"Loading the library…"</p> }>
                {move || {
                    let initial = first.clone();
                    Suspend::new(async move {
                        match library.await {
                            Ok(first) => {
                                let topics: Vec<Topic> = first.topics.iter().map(|c| c.topic.clone()).collect();
                                let (title, description, path) = heading(&topics, &initial);
                                view! {
                                    // The page's head, for the URL it was opened with: outside the
                                    // island, where leptos_meta lives (the island keeps the title).
                                    <PageMeta title description path/>
                                    <LibraryBrowser first initial/>
                                }
                                .into_any()
                            }
                            Err(_) => view! { <LoadError/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

/// The whole library view: an island, as everything in it answers the reader at once.
/// `first` is the server's first page for the URL the page was opened with, and `initial`
/// that URL's filters (with the reader-state one the server ignores); from then on the island
/// keeps the filters, and the URL with them, itself (see url.rs). Which cards show is
/// decided in results.rs; this wires it to signals and the page.
// Lazy (split out) in the hydrating build only: the static build has no split WASM.
#[cfg_attr(feature = "hydrate", island(lazy))]
#[cfg_attr(not(feature = "hydrate"), island)]
fn LibraryBrowser(first: FirstPage, initial: Filters) -> impl IntoView {
    let filters = RwSignal::new(initial);
    follow_history(filters);
    let reader = use_reader();
    let chips = first.topics.clone();
    let topics = StoredValue::new(chips.iter().map(|c| c.topic.clone()).collect::<Vec<_>>());
    let first = StoredValue::new(first);
    // The shelf and the index meta (data.rs) are asked for once every island has hydrated,
    // in the loader's next task (effects never run on the server): the request and the code
    // that reads its answer then add nothing to the long hydration task (#10).
    let data = LibraryData::new(first);
    let LibraryData { index, cards, .. } = data;
    #[cfg(feature = "browser")]
    crate::hydration::when_hydrated(move || data.load());
    // Calls `f` with what the library can filter now.
    let with_source = move |f: &mut dyn FnMut(&Source)| {
        cards.with(|c| match c {
            Some(c) => index.with(|ix| f(&Source::Whole(&c.shelf, ix))),
            None => first.with_value(|page| f(&Source::First(page))),
        })
    };
    let results = Memo::new(move |last: Option<&Results>| {
        let _timing = crate::perf::Measure::start("wellspring:filter");
        let filters = filters.get();
        let known = |t: &str| topics.with_value(|ts| ts.iter().any(|x| x.slug == t));
        let keep = |slug: &str| filters.matches_state(slug, &reader);
        let mut out = None;
        with_source(&mut |source| out = Some(results(source, &filters, known, keep, last)));
        out.unwrap_or_else(|| unreachable!("with_source calls back once"))
    });
    data.fetch_chunks(results);
    let matched = Memo::new(move |_| results.with(|r| r.matched));
    let shown = RwSignal::new(PAGE);
    Effect::watch(move || filters.get(), move |_, _, _| shown.set(PAGE), false);
    // The first `shown` results' cards, or, while some are on their way, the cards shown
    // before (the count is already the new one).
    let page_of = move |n: usize| {
        results.with(|r| first.with_value(|page| cards.with(|c| r.first_n(page, c.as_ref(), n))))
    };
    let visible = Memo::new(move |last: Option<&Vec<ArticleCard>>| {
        page_of(shown.get()).unwrap_or_else(|_| last.cloned().unwrap_or_default())
    });
    // The cards of the articles the reader has not finished, for "Continue reading".
    let reading = Memo::new(move |_| {
        let unfinished = reader.in_progress();
        cards.with(|c| {
            c.as_ref().map_or_else(Vec::new, |c| {
                let ids = unfinished.iter().filter_map(|p| c.number(&p.slug));
                ids.take(CONTINUE_SHOWN).collect::<Vec<usize>>()
            })
        })
    });
    let wanted = Memo::new(move |_| {
        let mut ids = page_of(shown.get()).err().unwrap_or_default();
        cards.with(|c| {
            ids.extend(
                c.as_ref()
                    .map(|c| c.missing(&reading.get()))
                    .unwrap_or_default(),
            )
        });
        ids
    });
    data.fetch_cards(wanted);
    let reading_cards = Signal::derive(move || {
        cards.with(|c| {
            c.as_ref()
                .map(|c| c.present(&reading.get()))
                .unwrap_or_default()
        })
    });
    let highlight = Memo::new(move |_| results.with(|r| r.marks.clone()));
    let corrected = Memo::new(move |_| results.with(|r| r.corrected.clone()));
    let on_input = move |ev| {
        let next = filters.with_untracked(|f| f.with_q(event_target_value(&ev)));
        show_in_url(&next.href(), true);
        filters.set(next);
    };
    // The title follows the filters (the server wrote the first one; see `LibraryPage`).
    Effect::watch(
        move || filters.get(),
        move |f, _, _| {
            let (title, _, _) = topics.with_value(|ts| heading(ts, f));
            document().set_title(&full_title(&title));
        },
        false,
    );
    let count = move || plural(matched.get(), "article", "articles");

    view! {
        {move || view! { <Heading topics filters=filters.get()/> }}
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
        <TopicChips topics=chips filters/>
        <StateChips filters/>
        <ContinueReading articles=reading_cards/>
        // A typo forgiven: said apart from the count, which stays a plain number of articles.
        <p class="search-corrected" role="status" aria-live="polite">
            {move || corrected.get().map(|c| view! { "Showing results for " <strong>{c}</strong> "." })}
        </p>
        <p class="result-count" role="status" aria-live="polite">{count}</p>
        <Show when=move || matched.get() == 0>
            <NoResults filters/>
        </Show>
        // Marks when the shelf is here and the browser filters the whole library alone.
        <div class="cards" data-complete=move || cards.with(Option::is_some).then_some("")>
            <For each=move || visible.get() key=|c| c.slug.clone() let:card>
                <Card card highlight/>
            </For>
        </div>
        <Show when=move || { matched.get() > shown.get() }>
            <button type="button" class="button-quiet more" on:click=move |_| shown.update(|n| *n += PAGE)>
                "Show more articles"
            </button>
        </Show>
    }
}

/// The page's title, description and canonical path for `filters`: the topic's own when
/// exactly one known topic is chosen.
fn heading(topics: &[Topic], filters: &Filters) -> (String, String, String) {
    let topic = match filters.topics.as_slice() {
        [one] => topics.iter().find(|t| &t.slug == one),
        _ => None,
    };
    match topic {
        Some(t) => (t.name.clone(), t.description.clone(), topic_href(&t.slug)),
        None => (
            "Articles for your wellbeing".to_string(),
            SITE_DESCRIPTION.to_string(),
            "/".to_string(),
        ),
    }
}

/// The h1 and lede, and a note on topics that do not exist.
#[component]
fn Heading(topics: StoredValue<Vec<Topic>>, filters: Filters) -> impl IntoView {
    let (title, description, _) = topics.with_value(|ts| heading(ts, &filters));
    let unknown: Vec<String> = topics.with_value(|ts| {
        filters
            .topics
            .iter()
            .filter(|slug| !ts.iter().any(|t| &t.slug == *slug))
            .cloned()
            .collect()
    });
    view! {
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
fn NoResults(filters: RwSignal<Filters>) -> impl IntoView {
    let message = move || {
        filters.with(|f| match f.q.trim() {
            "" => "No articles match these filters.".to_string(),
            q => format!("No articles match “{q}”."),
        })
    };
    let (clear_href, clear) = filter_link(filters, |f| f.with_q(String::new()));
    view! {
        <div class="empty">
            <p>{message}</p>
            <p>
                <a href=clear_href on:click=clear>"Clear the search"</a>
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
