//! `/`: every article as a card, newest first, narrowed in the browser by topic, search and
//! reading state. The filters live in the URL; the server renders the same list for it.

use super::filters::{Filters, SHOW};
use crate::api::{get_library, LibraryPayload, FIRST_CARDS};
use crate::components::{
    card::Card,
    continue_reading::ContinueReading,
    meta::{full_title, PageMeta},
};
use crate::model::{topic_href, ArticleCard, LibraryData, Topic};
use crate::reader::use_reader;
use crate::search::SearchIndex;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

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
                            Ok(payload) => {
                                let topics: Vec<Topic> = payload.topics.iter().map(|(t, _)| t.clone()).collect();
                                let (title, description, path) = heading(&topics, &initial);
                                view! {
                                    // The page's head, for the URL it was opened with: outside the
                                    // island, where leptos_meta lives (the island keeps the title).
                                    <PageMeta title description path/>
                                    <Library payload initial/>
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

/// Which cards the filters keep, best first: indices into the whole library once it has
/// come, until then into the server's first page.
#[derive(Clone, Debug, PartialEq)]
enum Results {
    First(Vec<usize>),
    Whole(Vec<usize>),
}

impl Results {
    fn len(&self) -> usize {
        match self {
            Results::First(r) | Results::Whole(r) => r.len(),
        }
    }
}

/// The whole library view: an island, as everything in it answers the reader at once.
/// `initial` are the filters of the URL the page was opened with; from then on the island
/// keeps them, and the URL, itself (see [`show_in_url`]).
// Lazy (split out) in the hydrating build only: the static build has no split WASM.
#[cfg_attr(feature = "hydrate", island(lazy))]
#[cfg_attr(not(feature = "hydrate"), island)]
fn Library(payload: LibraryPayload, initial: Filters) -> impl IntoView {
    let LibraryPayload {
        topics: topic_counts,
        cards,
        total,
        asked,
    } = payload;
    let filters = RwSignal::new(initial);
    follow_history(filters);
    let reader = use_reader();
    let topics = StoredValue::new(
        topic_counts
            .iter()
            .map(|(t, _)| t.clone())
            .collect::<Vec<_>>(),
    );
    let first = StoredValue::new(LibraryData {
        topics: Vec::new(),
        articles: cards,
    });
    // The filters the first page answers, exactly as the URL gave them.
    let asked = StoredValue::new(asked);
    let is_first =
        move |f: &Filters| asked.with_value(|(topics, q)| &f.topics == topics && &f.q == q);
    // Every card and the full index come once, right after hydration (effects never run on
    // the server), so typing and filtering never wait on the network after that. Asked for
    // once every island has hydrated, in the loader's next task: the request and the code
    // that reads its answer then add nothing to the long hydration task (#10).
    let whole = RwSignal::new(None::<(LibraryData, SearchIndex)>);
    #[cfg(feature = "browser")]
    crate::hydration::when_hydrated(move || {
        leptos::task::spawn_local(async move {
            if let Ok(library) = crate::api::get_search_index().await {
                whole.set(Some((library.data, library.index)));
            }
        })
    });
    let results = Memo::new(move |_| {
        let _timing = crate::perf::Measure::start("wellspring:filter");
        let mut f = filters.get();
        let as_first = is_first(&f);
        // An unknown topic (an old link, a typo) narrows nothing; the heading says so.
        topics.with_value(|ts| f.topics.retain(|t| ts.iter().any(|x| &x.slug == t)));
        let keep = |cards: &[ArticleCard], order: Vec<usize>| -> Vec<usize> {
            order
                .into_iter()
                .filter(|&i| {
                    f.matches_topics(&cards[i]) && f.matches_state(&cards[i].slug, &reader)
                })
                .collect()
        };
        whole.with(|w| match w {
            Some((data, index)) => {
                let order = index
                    .search(&f.q)
                    .unwrap_or_else(|| (0..data.articles.len()).collect());
                Results::Whole(keep(&data.articles, order))
            }
            // In the moment before the whole library has come: the server's first page
            // answers the first URL; any other is answered from that page's cards.
            None => first.with_value(|page| {
                let all = || (0..page.articles.len()).collect();
                let order = if as_first {
                    all()
                } else {
                    page.card_index().search(&f.q).unwrap_or_else(all)
                };
                Results::First(keep(&page.articles, order))
            }),
        })
    });
    // How many articles match: the server counted the first URL's over the whole library.
    let matched = Memo::new(move |_| {
        let counted_by_server =
            whole.with(Option::is_none) && filters.with(|f| is_first(f) && f.show.is_none());
        if counted_by_server {
            total
        } else {
            results.with(Results::len)
        }
    });
    let shown = RwSignal::new(PAGE);
    Effect::watch(move || filters.get(), move |_, _, _| shown.set(PAGE), false);
    let visible = move || {
        let n = shown.get();
        results.with(|r| match r {
            Results::First(r) => first.with_value(|p| pick(&p.articles, r, n)),
            Results::Whole(r) => whole.with(|w| {
                w.as_ref()
                    .map(|(data, _)| pick(&data.articles, r, n))
                    .unwrap_or_default()
            }),
        })
    };
    let all_cards = Memo::new(move |_| {
        whole.with(|w| {
            w.as_ref()
                .map(|(d, _)| d.articles.clone())
                .unwrap_or_default()
        })
    });
    let highlight = Signal::derive(move || filters.with(|f| f.q.clone()));

    let chips = topic_counts
        .into_iter()
        .map(|(t, n)| {
            let slug = t.slug.clone();
            let active = move || filters.with(|f| f.topics.contains(&slug)).then_some("true");
            let slug = t.slug.clone();
            let (href, click) = filter_link(filters, move |f| f.toggle_topic(&slug));
            view! {
                <li>
                    <a class="chip" href=href on:click=click aria-current=active>
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
            let (href, click) = filter_link(filters, move |f| {
                f.with_show((f.show.as_deref() != Some(key)).then_some(key))
            });
            view! { <li><a class="chip" href=href on:click=click aria-current=active>{label}</a></li> }
        })
        .collect_view();
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
    let (all_topics_href, all_topics_click) = filter_link(filters, |f| Filters {
        topics: vec![],
        ..f.clone()
    });
    let count = move || {
        let n = matched.get();
        format!("{n} article{}", if n == 1 { "" } else { "s" })
    };

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
        <nav class="topics" aria-label="Topics">
            <ul class="chips">
                <li>
                    <a class="chip" href=all_topics_href on:click=all_topics_click
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
        <ContinueReading articles=all_cards/>
        <p class="result-count" role="status" aria-live="polite">{count}</p>
        <Show when=move || matched.get() == 0>
            <NoResults filters/>
        </Show>
        // Marks when the whole library is here and the browser filters it alone.
        <div class="cards" data-complete=move || whole.with(Option::is_some).then_some("")>
            <For each=visible key=|c| c.slug.clone() let:card>
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
            "Kind, practical articles on stress, mood, recovery, mindfulness and more. Private by design."
                .to_string(),
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

/// A link to other filters. Its href serves a new tab, or a page without JavaScript; a
/// plain click applies them here and now, with no page load, as a new history entry.
fn filter_link(
    filters: RwSignal<Filters>,
    next: impl Fn(&Filters) -> Filters + Clone + Send + Sync + 'static,
) -> (
    impl Fn() -> String + Clone + Send + Sync + 'static,
    impl Fn(leptos::ev::MouseEvent) + 'static,
) {
    let href = {
        let next = next.clone();
        move || filters.with(|f| next(f).href())
    };
    let click = move |ev: leptos::ev::MouseEvent| {
        let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key();
        if ev.button() != 0 || modified {
            return;
        }
        ev.prevent_default();
        let to = filters.with_untracked(|f| next(f));
        show_in_url(&to.href(), false);
        filters.set(to);
    };
    (href, click)
}

/// Puts `href` in the address bar: a new history entry, or (`replace`, while typing) the
/// current one changed.
fn show_in_url(_href: &str, _replace: bool) {
    #[cfg(feature = "browser")]
    if let Ok(history) = window().history() {
        let state = wasm_bindgen::JsValue::NULL;
        let _ = if _replace {
            history.replace_state_with_url(&state, "", Some(_href))
        } else {
            history.push_state_with_url(&state, "", Some(_href))
        };
    }
}

/// Back and forward walk the filters the reader chose.
fn follow_history(_filters: RwSignal<Filters>) {
    #[cfg(feature = "browser")]
    {
        use leptos_router::location::{BrowserUrl, LocationProvider};
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            if let Ok(url) = BrowserUrl::current() {
                _filters.set(Filters::from_query(url.search_params()));
            }
        });
        on_cleanup(move || handle.remove());
    }
}

/// The first `n` of `cards` picked by `order`.
fn pick(cards: &[ArticleCard], order: &[usize], n: usize) -> Vec<ArticleCard> {
    order.iter().take(n).map(|&i| cards[i].clone()).collect()
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
