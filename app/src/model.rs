//! Types shared by the server and the browser: what the pages show.
//!
//! Dates travel as ready-made strings (ISO for machines, a label for people) so the WASM
//! carries no date arithmetic.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub slug: String,
    pub name: String,
    pub description: String,
}

/// A topic as a card or an article names it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TopicRef {
    pub slug: String,
    pub name: String,
}

/// Everything a card in the library shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ArticleCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub topics: Vec<TopicRef>,
    /// `YYYY-MM-DD`, for `<time datetime>` and sorting.
    pub published: String,
    /// "3 March 2026", for readers.
    pub published_label: String,
    pub reading_minutes: u32,
}

impl ArticleCard {
    pub fn href(&self) -> String {
        article_href(&self.slug)
    }

    /// Summary and topic names: what search matches besides the title and body.
    pub fn card_text(&self) -> String {
        let mut text = self.summary.clone();
        for t in &self.topics {
            text.push(' ');
            text.push_str(&t.name);
        }
        text
    }

    pub fn has_topic(&self, slug: &str) -> bool {
        self.topics.iter().any(|t| t.slug == slug)
    }
}

pub fn article_href(slug: &str) -> String {
    format!("/articles/{slug}")
}

pub fn topic_href(slug: &str) -> String {
    format!("/?topic={slug}")
}

/// One entry of an article's table of contents (h2 and h3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Everything the article page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleContent {
    pub card: ArticleCard,
    pub updated: Option<String>,
    pub updated_label: Option<String>,
    pub author: Option<String>,
    /// When an editor last checked the article: ISO and label, like `updated`.
    pub reviewed: String,
    pub reviewed_label: String,
    /// When it is due to be checked again.
    pub next_review: String,
    pub next_review_label: String,
    pub reviewer: Option<Reviewer>,
    /// The public pages the article relies on, shown as its "Sources".
    pub sources: Vec<Source>,
    pub toc: Vec<TocEntry>,
    /// Sanitized HTML rendered from the Markdown body.
    pub body_html: String,
    pub related: Vec<ArticleCard>,
}

impl ArticleContent {
    /// `YYYY-MM-DD` of the article's last change: its update, else its publication. What
    /// the feed, the sitemap and the page's structured data give as its modification date.
    pub fn last_changed(&self) -> &str {
        self.updated.as_deref().unwrap_or(&self.card.published)
    }
}

/// Who last reviewed an article, as front matter writes it: `{ name = "…", role = "…" }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reviewer {
    pub name: String,
    pub role: String,
}

/// A public page an article relies on: `{ title = "…", url = "https://…" }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The page's own title.
    pub title: String,
    pub url: String,
}

/// The library's catalogue: the topics and every published article's card, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub topics: Vec<Topic>,
    pub articles: Vec<ArticleCard>,
}

impl Catalog {
    pub fn knows_topic(&self, slug: &str) -> bool {
        self.topics.iter().any(|t| t.slug == slug)
    }

    /// A search index of what the cards show (no bodies), for searching before the full
    /// index has arrived.
    pub fn card_index(&self) -> crate::search::SearchIndex {
        let docs = self.articles.iter().map(|a| crate::search::Doc {
            title: &a.title,
            card: a.card_text(),
            headings: String::new(),
            body: String::new(),
        });
        crate::search::SearchIndex::build(docs, Default::default())
    }

    /// How many articles carry each topic, in topic order.
    pub fn topic_counts(&self) -> Vec<TopicCount> {
        self.topics
            .iter()
            .map(|t| TopicCount {
                topic: t.clone(),
                articles: self
                    .articles
                    .iter()
                    .filter(|a| a.has_topic(&t.slug))
                    .count(),
            })
            .collect()
    }
}

/// A topic and how many articles carry it: a chip of the library.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicCount {
    pub topic: Topic,
    pub articles: usize,
}

/// Whether `s` can name an article: lower-case ASCII letters, digits and hyphens, at most
/// 120 bytes. The content pipeline holds article file names to it, and reader state drops
/// stored entries that break it, so both sides agree on what a slug is.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SLUG_BYTES
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The longest slug (see [`is_slug`]).
pub const MAX_SLUG_BYTES: usize = 120;

/// "1 article", "3 articles": the one place a count meets a noun.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
