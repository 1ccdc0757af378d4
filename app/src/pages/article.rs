//! `/articles/:slug`: one article with its contents, topics and related reading.

use super::not_found::NotFound;
use crate::api::{get_article, marks_for};
use crate::components::{
    card::Card,
    listen::Listen,
    meta::PageMeta,
    offline_list::OfflineList,
    reader::{BookmarkButton, ReadingTracker},
    save_offline::SaveOfflineButton,
    structured_data::article_structured_data,
};
use crate::model::{topic_href, ArticleContent, Reviewer, Source, TocEntry};
use crate::search::{highlight_html, Marks};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let article = Resource::new(slug, get_article);
    // Opened from a search (`?highlight=`): what it found is marked in the body too.
    let query = use_query_map();

    view! {
        <Suspense fallback=|| view! { <p class="wrap loading">"Loading the article…"</p> }>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(Some(content)) => {
                        let marks = query.with_untracked(|q| marks_for(&q.get("highlight").unwrap_or_default()));
                        view! { <ArticleView content marks/> }.into_any()
                    }
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Without a connection, an article not saved for offline reading cannot load (in-app
/// navigation): say so kindly and offer what can be read.
#[component]
fn LoadError() -> impl IntoView {
    let offline = crate::offline::use_offline();
    move || {
        if offline.online.get() {
            view! {
                <div class="wrap narrow page">
                    <h1>"This article could not be loaded"</h1>
                    <p>"Please try again in a moment."</p>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="wrap page">
                    <h1>"You're offline"</h1>
                    <p class="lede">"This article isn't saved in this browser. These ones are:"</p>
                    <OfflineList/>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn ArticleView(content: ArticleContent, marks: Marks) -> impl IntoView {
    let structured_data = article_structured_data(&content);
    let card = content.card;
    let topics = card
        .topics
        .iter()
        .map(|t| view! { <li><a class="chip" href=topic_href(&t.slug)>{t.name.clone()}</a></li> })
        .collect_view();
    let toc = (!content.toc.is_empty()).then(|| {
        let items = nest_toc(content.toc)
            .into_iter()
            .map(|(entry, subs)| {
                let subs = (!subs.is_empty()).then(|| {
                    view! { <ol>{subs.into_iter().map(toc_link).collect_view()}</ol> }
                });
                view! { <li>{toc_link_inner(&entry)} {subs}</li> }
            })
            .collect_view();
        view! {
            <nav class="toc" aria-labelledby="toc-title">
                <h2 id="toc-title">"On this page"</h2>
                <ol>{items}</ol>
            </nav>
        }
    });
    let updated = content
        .updated
        .zip(content.updated_label)
        .map(|(iso, label)| {
            view! { " · Updated " <time datetime=iso>{label}</time> }
        });
    let review = ReviewDates {
        reviewed: (content.reviewed, content.reviewed_label),
        next_review: (content.next_review, content.next_review_label),
        reviewer: content.reviewer,
    };
    let related = (!content.related.is_empty()).then(|| {
        let cards = content
            .related
            .into_iter()
            .map(|card| view! { <Card card level=3/> })
            .collect_view();
        view! {
            <section class="related" aria-labelledby="related-title">
                <h2 id="related-title">"Related articles"</h2>
                <div class="cards">{cards}</div>
            </section>
        }
    });

    view! {
        <PageMeta
            title=card.title.clone()
            description=card.summary.clone()
            path=card.href()
            og_type="article"
        />
        {structured_data}
        <div class="wrap page">
            <article class="article">
                <header class="article-header">
                    <p class="crumbs"><a href="/">"Library"</a></p>
                    <h1>{card.title.clone()}</h1>
                    <p class="lede">{card.summary.clone()}</p>
                    <p class="article-meta">
                        <time datetime=card.published.clone()>{card.published_label.clone()}</time>
                        {format!(" · {} min read", card.reading_minutes)}
                        {updated}
                        {content.author.map(|a| format!(" · By {a}"))}
                    </p>
                    <div class="article-actions">
                        <ul class="chips" aria-label="Topics">{topics}</ul>
                        <div class="article-buttons">
                            <BookmarkButton slug=card.slug.clone() title=card.title.clone()/>
                            <SaveOfflineButton slug=card.slug.clone() title=card.title.clone()/>
                            <Listen/>
                        </div>
                    </div>
                </header>
                {toc}
                {(!marks.is_empty()).then(|| view! {
                    <p class="highlight-note">
                        "Words from your search “" {marks.query.clone()} "” are marked. "
                        <a href=card.href()>"Hide the marks"</a>
                    </p>
                })}
                <div class="prose" inner_html=highlight_html(&content.body_html, &marks)></div>
                <aside class="help-callout" aria-label="Support">
                    <p>
                        "If reading this has brought up something heavy, you don't have to carry it alone. "
                        <a href="/help">"Find someone to talk to now"</a>
                        "."
                    </p>
                </aside>
                <ArticleReview review sources=content.sources/>
            </article>
            {related}
            <ReadingTracker slug=card.slug.clone()/>
        </div>
    }
}

/// When the article was checked and is due to be checked again, as `(ISO, label)` pairs.
struct ReviewDates {
    reviewed: (String, String),
    next_review: (String, String),
    reviewer: Option<Reviewer>,
}

/// The article's review trail, as public health sites show it: its sources, then "Page
/// last reviewed … Next review due …", so readers can judge how current it is.
#[component]
fn ArticleReview(review: ReviewDates, sources: Vec<Source>) -> impl IntoView {
    let sources = (!sources.is_empty()).then(|| {
        let items = sources
            .into_iter()
            .map(|s| {
                view! { <li><a href=s.url rel="noopener noreferrer">{s.title}</a></li> }
            })
            .collect_view();
        view! {
            <h2>"Sources"</h2>
            <ul class="sources">{items}</ul>
        }
    });
    let (reviewed, reviewed_label) = review.reviewed;
    let (next, next_label) = review.next_review;
    let reviewer = review
        .reviewer
        .map(|r| view! { <p>{format!("Reviewed by {}, {}.", r.name, r.role)}</p> });
    view! {
        <footer class="article-review">
            {sources}
            <p class="review-dates">
                "Page last reviewed: " <time datetime=reviewed>{reviewed_label}</time>
                ". Next review due: " <time datetime=next>{next_label}</time> "."
            </p>
            {reviewer}
        </footer>
    }
}

/// Groups each h3 under the h2 before it, so the contents list nests like the article.
fn nest_toc(entries: Vec<TocEntry>) -> Vec<(TocEntry, Vec<TocEntry>)> {
    let mut out: Vec<(TocEntry, Vec<TocEntry>)> = Vec::new();
    for e in entries {
        match out.last_mut() {
            Some((_, subs)) if e.level == 3 => subs.push(e),
            _ => out.push((e, Vec::new())),
        }
    }
    out
}

fn toc_link_inner(e: &TocEntry) -> impl IntoView {
    view! { <a href=format!("#{}", e.id)>{e.text.clone()}</a> }
}

fn toc_link(e: TocEntry) -> impl IntoView {
    view! { <li>{toc_link_inner(&e)}</li> }
}
