//! One article file to an [`Article`]: front matter, the number check and the body, with
//! every problem in it.

use super::editorial::Facts;
use super::error::{ContentError, ErrorSink};
use super::{front_matter, markdown, numbers, slugify, Article};
use crate::help::HelpDirectory;
use crate::model::{ArticleCard, ArticleContent, TopicRef};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What every article is checked and rendered against.
pub(super) struct ArticleContext<'a> {
    pub known: &'a HashSet<&'a str>,
    pub names: &'a HashMap<&'a str, &'a str>,
    pub help: &'a HelpDirectory,
    /// Digits of every number in help.toml.
    pub numbers: &'a [String],
    /// How long after `reviewed` a review falls due when `next_review` is left out
    /// (site.toml's `review_interval_months`).
    pub review_months: u32,
}

pub(super) fn read(path: &Path) -> Result<String, ContentError> {
    std::fs::read_to_string(path).map_err(|e| ContentError {
        file: path.to_path_buf(),
        line: 1,
        field: "file".into(),
        message: format!("cannot be read: {e}"),
    })
}

/// One article and its plain text from its source: `Ok(None)` for a draft, or every error
/// found in it.
pub(super) fn load_article(
    path: &Path,
    slug: &str,
    src: &str,
    page: &ArticleContext,
) -> Result<Option<(Article, String)>, Vec<ContentError>> {
    let mut sink = ErrorSink::new(path);
    // The reader stores only ASCII slugs of up to 120 bytes: see `model::is_slug`.
    if slug != slugify(slug) || !crate::model::is_slug(slug) {
        sink.push(
            1,
            "file",
            "name the file with its slug: lower-case words joined by `-`, ending in .md",
        );
    }
    let src = src.replace("\r\n", "\n");
    let article = front_matter::split(&src, &mut sink).and_then(|split| {
        let fm = front_matter::parse(&split, page.known, page.review_months, &mut sink);
        numbers::check(split.body, split.body_line, page.numbers, &mut sink);
        let body = markdown::render(split.body, split.body_line, page.help, &mut sink);
        let facts = fm
            .as_ref()
            .and_then(|fm| fm.review)
            .map(|review| Facts::new(path.to_path_buf(), split.body, split.body_line, review));
        fm.map(|fm| (fm, body, facts))
    });
    if !sink.errors.is_empty() {
        return Err(sink.errors);
    }
    let Some((fm, body, facts)) = article else {
        return Ok(None);
    };
    // The front matter requires `reviewed` of every article that is not a draft.
    let (false, Some(review), Some(facts)) = (fm.draft, fm.review, facts) else {
        return Ok(None);
    };
    let card = ArticleCard {
        slug: slug.to_string(),
        title: fm.title,
        summary: fm.summary,
        topics: fm
            .topics
            .iter()
            .map(|t| TopicRef {
                slug: t.clone(),
                name: page.names[t.as_str()].to_string(),
            })
            .collect(),
        published: fm.published.iso(),
        published_label: fm.published.label(),
        reading_minutes: body.reading_minutes(),
    };
    let article = Article {
        page: ArticleContent {
            card,
            updated: fm.updated.map(|d| d.iso()),
            updated_label: fm.updated.map(|d| d.label()),
            author: fm.author,
            reviewed: review.reviewed.iso(),
            reviewed_label: review.reviewed.label(),
            next_review: review.next_review.iso(),
            next_review_label: review.next_review.label(),
            reviewer: fm.reviewer,
            sources: fm.sources,
            toc: body.toc,
            body_html: body.html,
            related: Vec::new(),
        },
        related: Vec::new(),
        word_count: body.word_count,
        editorial: facts,
    };
    Ok(Some((article, body.plain_text)))
}
