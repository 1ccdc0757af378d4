//! The TOML front matter between `+++` lines: splitting it from the body, reading it into
//! one typed struct and validating every field, with the line each problem is on (from the
//! TOML parser's spans).

use super::date::Date;
use super::error::ErrorSink;
use super::field_checks::Check;
use super::written::{Field, Lines};
use crate::model::{Reviewer, Source};
use serde::Deserialize;
use std::collections::HashSet;
use toml::value::Datetime;

const MAX_SUMMARY_CHARS: usize = 300;

/// How long a review holds when `next_review` is left out and no site.toml says otherwise
/// (its `review_interval_months`; the one home of the default is app/src/site.rs).
pub const REVIEW_INTERVAL_MONTHS: u32 = crate::site::DEFAULT_REVIEW_INTERVAL_MONTHS as u32;

/// Every field an article may set: a new field is one edit here (and its check in `parse`).
/// Each holds what the file wrote and where, so one wrong type does not hide the others.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fields {
    /// The article's heading, card title and page title.
    title: Field<String>,
    /// One or two sentences under the title and on the card.
    summary: Field<String>,
    /// 1 to 3 topic slugs from content/topics.toml.
    topics: Field<Vec<String>>,
    /// When the article first appeared; orders the library.
    published: Field<Datetime>,
    /// When its text last changed in substance, shown as "Updated …".
    updated: Field<Datetime>,
    /// Who wrote it, shown under the title.
    author: Field<String>,
    /// When an editor last checked it against its sources; required unless a draft.
    reviewed: Field<Datetime>,
    /// When it must be checked again; by default `review_interval_months` of site.toml
    /// (`REVIEW_INTERVAL_MONTHS` without one) after `reviewed`.
    next_review: Field<Datetime>,
    /// Who reviewed it: `{ name = "…", role = "…" }`.
    reviewer: Field<Reviewer>,
    /// The public pages it relies on: `[{ title = "…", url = "https://…" }]`.
    sources: Field<Vec<Source>>,
    /// `true` keeps the article off the site while it is being written.
    draft: Field<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    pub topics: Vec<String>,
    pub published: Date,
    pub updated: Option<Date>,
    pub author: Option<String>,
    /// `None` only for a draft not yet reviewed.
    pub review: Option<Review>,
    pub reviewer: Option<Reviewer>,
    pub sources: Vec<Source>,
    pub draft: bool,
}

/// An article's review dates, and the line and field `server check` points at when the
/// next review is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Review {
    pub reviewed: Date,
    pub next_review: Date,
    pub line: usize,
    pub field: &'static str,
}

/// A file cut into front matter and body, with the line numbers each starts on.
pub struct Split<'a> {
    pub front: &'a str,
    pub front_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// Cuts `src` (with `\n` line ends) at its `+++` lines.
pub fn split<'a>(src: &'a str, sink: &mut ErrorSink) -> Option<Split<'a>> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let Some(rest) = src
        .strip_prefix("+++\n")
        .or_else(|| (src.trim_end() == "+++").then_some(""))
    else {
        sink.push(
            1,
            "front matter",
            "the file must start with a `+++` line that opens the TOML front matter",
        );
        return None;
    };
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "+++" {
            return Some(Split {
                front: &rest[..offset],
                front_line: 2,
                body: &rest[offset + line.len()..],
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    sink.push(
        1,
        "front matter",
        "no closing `+++` line: did you forget to close the front matter?",
    );
    None
}

/// Validates the front matter; every problem goes to `sink`.
/// `review_months`: how long after `reviewed` the next review falls due by default.
pub fn parse(
    split: &Split,
    topics: &HashSet<&str>,
    review_months: u32,
    sink: &mut ErrorSink,
) -> Option<FrontMatter> {
    let lines = Lines::new(split.front, split.front_line);
    let fields = match toml::from_str::<Fields>(split.front) {
        Ok(f) => f,
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            let line = lines.line(at);
            let field = lines.key_on(line).unwrap_or_else(|| "front matter".into());
            let message = e.message().trim();
            let message = if message.starts_with("unknown field") {
                message.to_string()
            } else {
                format!("this is not valid TOML: {message}")
            };
            sink.push(line, &field, message);
            return None;
        }
    };
    let before = sink.errors.len();
    let mut check = Check { lines, sink };
    let draft = check.value(&fields.draft, "draft", "must be `true` or `false`");
    let draft = draft.unwrap_or(false);
    let title = check.text(&fields.title, "title", true);
    let summary = check.text(&fields.summary, "summary", true);
    if let (Some(s), Some(field)) = (&summary, &fields.summary) {
        if s.chars().count() > MAX_SUMMARY_CHARS {
            let msg = format!("keep the summary under {MAX_SUMMARY_CHARS} characters");
            check.push(field.span().start, "summary", msg);
        }
    }
    let topic_list = check.topics(&fields.topics, topics);
    let published = check.date(&fields.published, "published", true);
    let updated = check.date(&fields.updated, "updated", false);
    let author = check.text(&fields.author, "author", false);
    let reviewed = check.date(&fields.reviewed, "reviewed", !draft);
    let next_review = check.date(&fields.next_review, "next_review", false);
    let review = reviewed.map(|reviewed| {
        // A due review points at next_review, or at reviewed when the default applies.
        let (field, key) = match &fields.next_review {
            Some(f) => (Some(f), "next_review"),
            None => (fields.reviewed.as_ref(), "reviewed"),
        };
        let line = field.map_or(1, |f| check.lines.line(f.span().start));
        let next_review = next_review.unwrap_or_else(|| reviewed.add_months(review_months));
        if next_review <= reviewed {
            let msg = format!("must come after reviewed ({})", reviewed.iso());
            check.sink.push(line, "next_review", msg);
        }
        Review {
            reviewed,
            next_review,
            line,
            field: key,
        }
    });
    let reviewer = check.reviewer(&fields.reviewer);
    let sources = check.sources(&fields.sources, !draft);
    if check.sink.errors.len() > before {
        return None;
    }
    Some(FrontMatter {
        title: title?,
        summary: summary?,
        topics: topic_list?,
        published: published?,
        updated,
        author,
        review,
        reviewer,
        sources: sources?,
        draft,
    })
}
