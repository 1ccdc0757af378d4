//! `/history`: a private, gentle summary of the reader's own reading (#26): minutes read and
//! articles finished each week for the last twelve weeks, the topics read most and what was
//! finished lately. Worked out in the browser from the sessions reader state keeps
//! (reader/schema/reading_log.rs); nothing is sent anywhere. No streaks, no goals.

use crate::api::get_cards;
use crate::components::{meta::PageMeta, reader::StorageNotice};
use crate::model::{plural, ArticleCard, Catalog};
use crate::reader::schema::reading_log::{weekly, Week};
use crate::reader::{now, schema::Session, use_reader};
use leptos::prelude::*;
use std::collections::HashMap;

pub const HISTORY_PATH: &str = "/history";
/// How many weeks the summary covers.
pub const WEEKS: usize = 12;

#[component]
pub fn ReadingHistoryPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Your reading"
            description="A private summary of what you read on Wellspring, worked out in this browser. Nothing leaves your device."
            path=HISTORY_PATH
        />
        <div class="wrap narrow page">
            <h1>"Your reading"</h1>
            <p class="lede">
                "A private look back at what you have read here, for you alone. It is worked "
                "out in this browser from what it keeps, and never sent anywhere."
            </p>
            <StorageNotice/>
            <ReadingSummary/>
            <p>"It is part of " <a href="/my-data">"your data"</a> ", exported, imported and cleared with it."</p>
        </div>
    }
}

/// Everything below the page's head depends on this browser's history: rendered by the
/// browser alone. Lazy (split out) in the hydrating build: only this page has it.
#[cfg_attr(feature = "hydrate", island(lazy))]
#[cfg_attr(not(feature = "hydrate"), island)]
fn ReadingSummary() -> impl IntoView {
    let reader = use_reader();
    let library = LocalResource::new(get_cards);
    let loading = || view! { <p class="loading">"Reading what is stored…"</p> };
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                let data: Catalog = library.await.unwrap_or_default();
                let cards = StoredValue::new(data.articles);
                view! {
                    <Show when=move || reader.ready.get() fallback=loading>
                        {move || cards.with_value(|c| summary(&reader.history(), c))}
                    </Show>
                }
            })}
        </Suspense>
    }
}

fn summary(sessions: &[Session], cards: &[ArticleCard]) -> impl IntoView {
    let reader = use_reader();
    let weeks = weekly(sessions, now(), WEEKS);
    let minutes: u32 = weeks.iter().map(|w| w.minutes).sum();
    let finished: u32 = weeks.iter().map(|w| w.finished).sum();
    if sessions.is_empty() {
        return view! {
            <p class="history-empty">
                "Nothing here yet. As you read, a private summary of your reading will appear here."
            </p>
        }
        .into_any();
    }
    let text = format!(
        "In the last {WEEKS} weeks you spent about {} reading and finished {}.",
        plural(minutes as usize, "minute", "minutes"),
        plural(finished as usize, "article", "articles"),
    );
    let by_slug: HashMap<&str, &ArticleCard> = cards.iter().map(|c| (c.slug.as_str(), c)).collect();
    let topics = top_topics(sessions, &by_slug, weeks[0].start);
    let recent = sessions
        .iter()
        .filter(|s| s.finished)
        .filter_map(|s| by_slug.get(s.slug.as_str()))
        .take(5)
        .map(|c| view! { <li><a href=c.href()>{c.title.clone()}</a></li> })
        .collect_view();
    view! {
        <p class="history-summary">{text}</p>
        <WeekChart id="minutes" title="Minutes read each week" weeks=weeks.clone() value=|w: &Week| w.minutes/>
        <WeekChart id="finished" title="Articles finished each week" weeks=weeks.clone() value=|w: &Week| w.finished/>
        <details class="history-table">
            <summary>"Show the weeks as a table"</summary>
            <table>
                <caption>{format!("Your reading, the last {WEEKS} weeks")}</caption>
                <thead>
                    <tr><th scope="col">"Week of"</th><th scope="col">"Minutes read"</th><th scope="col">"Articles finished"</th></tr>
                </thead>
                <tbody>
                    {weeks.iter().map(|w| view! {
                        <tr><th scope="row">{day_label(w.start)}</th><td>{w.minutes}</td><td>{w.finished}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
        <h2>"Topics you read most"</h2>
        {if topics.is_empty() {
            view! { <p>"None in these weeks."</p> }.into_any()
        } else {
            view! { <ol class="history-topics">{topics.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ol> }.into_any()
        }}
        <h2>"Finished lately"</h2>
        <ul class="history-finished">{recent}</ul>
        <button type="button" class="button-quiet danger" on:click=move |_| reader.forget_history()>
            "Forget my reading history"
        </button>
    }
    .into_any()
}

/// The three topics with the most reading since `since`, with their minutes.
fn top_topics(
    sessions: &[Session],
    cards: &HashMap<&str, &ArticleCard>,
    since: f64,
) -> Vec<String> {
    let mut seconds: HashMap<&str, f64> = HashMap::new();
    for s in sessions.iter().filter(|s| s.at >= since) {
        for t in cards
            .get(s.slug.as_str())
            .map(|c| c.topics.as_slice())
            .unwrap_or_default()
        {
            *seconds.entry(t.name.as_str()).or_default() += s.seconds.max(1.0);
        }
    }
    let mut list: Vec<(&str, f64)> = seconds.into_iter().collect();
    list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    list.into_iter()
        .take(3)
        .map(|(name, s)| {
            format!(
                "{name} ({})",
                plural((s / 60.0).round() as usize, "minute", "minutes")
            )
        })
        .collect()
}

/// A bar a week, drawn by the app: an image with a title and a description for screen
/// readers (the table above holds the same numbers).
#[component]
fn WeekChart(
    id: &'static str,
    title: &'static str,
    weeks: Vec<Week>,
    value: fn(&Week) -> u32,
) -> impl IntoView {
    const W: f64 = 480.0;
    const H: f64 = 160.0;
    const BASE: f64 = 130.0;
    let max = weeks.iter().map(value).max().unwrap_or(0).max(1) as f64;
    let slot = W / weeks.len() as f64;
    let desc = weeks
        .iter()
        .map(|w| format!("week of {}: {}", day_label(w.start), value(w)))
        .collect::<Vec<_>>()
        .join("; ");
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let v = value(w);
            let h = (v as f64 / max * 100.0).max(if v > 0 { 2.0 } else { 0.0 });
            let x = i as f64 * slot + slot * 0.15;
            let centre = x + slot * 0.35;
            // Every fourth week is named, counting back from this one.
            // The last ends at the chart's edge, so a phone's width never cuts it off.
            let last = i + 1 == weeks.len();
            let (label_x, anchor) = if last { (W, "end") } else { (centre, "middle") };
            let label = (weeks.len() - 1 - i).is_multiple_of(4).then(|| {
                view! { <text class="chart-label" x=label_x y=BASE + 22.0 text-anchor=anchor>{day_label(w.start)}</text> }
            });
            let number = (v > 0).then(|| {
                view! { <text class="chart-value" x=centre y=BASE - h - 6.0 text-anchor="middle">{v}</text> }
            });
            view! {
                <rect class="chart-bar" x=x y=BASE - h width=slot * 0.7 height=h rx="3"/>
                {number}
                {label}
            }
        })
        .collect_view();
    let (title_id, desc_id) = (format!("chart-{id}-title"), format!("chart-{id}-desc"));
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="history-chart">
            <svg role="img" viewBox=format!("0 0 {W} {H}") aria-labelledby=labelled_by>
                <title id=title_id>{title}</title>
                <desc id=desc_id>{desc}</desc>
                <line class="chart-axis" x1="0" x2=W y1=BASE y2=BASE/>
                {bars}
            </svg>
            <figcaption aria-hidden="true">{title}</figcaption>
        </figure>
    }
}

/// "6 Oct": the UTC day of `ms` (days-to-civil, after Howard Hinnant).
fn day_label(ms: f64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let z = (ms / 86_400_000.0).floor() as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    format!("{day} {}", MONTHS[(month - 1) as usize])
}

#[cfg(test)]
mod tests {
    use super::day_label;

    #[test]
    fn days_are_labelled_in_utc() {
        assert_eq!(day_label(0.0), "1 Jan");
        assert_eq!(day_label(1_800_000_000_000.0), "15 Jan");
        assert_eq!(day_label(951_782_400_000.0), "29 Feb");
    }
}
