//! The editorial rules `server check` applies to every published article: length, a help
//! box where the subject needs one, and review dates. They run in `check` only, never at
//! start-up: a deployed site must not stop serving because a review date passed.

use super::date::Date;
use super::error::ContentError;
use super::front_matter::Review;
use super::Article;
use std::ops::RangeInclusive;
use std::path::PathBuf;

/// How long an article's body may be, in words.
pub const WORDS: RangeInclusive<usize> = 500..=1200;
/// Topics whose articles must carry a `{{ help }}` box.
pub const HELP_TOPICS: &[&str] = &["depression-mood", "addiction-recovery"];
/// Words (lower case) that make a body need a `{{ help }}` box wherever they appear.
const SENSITIVE: &[&str] = &["suicid", "self-harm", "self harm"];
/// A review due within this many days is a warning.
pub const DUE_SOON_DAYS: i64 = 30;

/// What the rules look at beyond the page, gathered while the article loads (its source
/// is not kept).
#[derive(Clone, Debug)]
pub struct Facts {
    pub path: PathBuf,
    pub body_line: usize,
    pub help_box: bool,
    /// The first body line that mentions suicide or self-harm.
    pub sensitive_line: Option<usize>,
    pub review: Review,
}

impl Facts {
    pub fn new(path: PathBuf, body: &str, body_line: usize, review: Review) -> Self {
        let mut help_box = false;
        let mut sensitive_line = None;
        for (i, line) in body.lines().enumerate() {
            help_box |= line.trim_start().starts_with("{{ help");
            let lower = line.to_lowercase();
            if sensitive_line.is_none() && SENSITIVE.iter().any(|w| lower.contains(w)) {
                sensitive_line = Some(body_line + i);
            }
        }
        Self {
            path,
            body_line,
            help_box,
            sensitive_line,
            review,
        }
    }
}

/// What an overdue review is: an error (CI, the default) or a warning (`--allow-overdue`,
/// for local work).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overdue {
    Error,
    Warning,
}

/// The rules' findings: errors fail `server check`, warnings are printed.
#[derive(Debug, Default)]
pub struct Findings {
    pub errors: Vec<ContentError>,
    pub warnings: Vec<ContentError>,
}

/// Applies every rule to every article, as of `today`.
pub fn check(articles: &[Article], today: Date, overdue: Overdue) -> Findings {
    let mut out = Findings::default();
    for a in articles {
        let f = &a.editorial;
        let at = |line: usize, field: &str, message: String| ContentError {
            file: f.path.clone(),
            line,
            field: field.into(),
            message,
        };
        if !WORDS.contains(&a.word_count) {
            let msg = format!(
                "{} words: keep an article between {} and {} words",
                a.word_count,
                WORDS.start(),
                WORDS.end()
            );
            out.errors.push(at(f.body_line, "body", msg));
        }
        let topic = a
            .page
            .card
            .topics
            .iter()
            .find(|t| HELP_TOPICS.contains(&t.slug.as_str()));
        if !f.help_box && (topic.is_some() || f.sensitive_line.is_some()) {
            let why = match topic {
                Some(t) => format!("an article on {}", t.name),
                None => "an article that mentions suicide or self-harm".into(),
            };
            let line = f.sensitive_line.unwrap_or(f.body_line);
            let msg = format!("{why} needs a help box: add `{{{{ help }}}}` on its own line");
            out.errors.push(at(line, "body", msg));
        }
        let next = f.review.next_review;
        let days = next.days() - today.days();
        if days < 0 {
            let msg = format!(
                "the review was due on {}: review the article, then update reviewed and next_review",
                next.label()
            );
            let finding = at(f.review.line, f.review.field, msg);
            match overdue {
                Overdue::Error => out.errors.push(finding),
                Overdue::Warning => out.warnings.push(finding),
            }
        } else if days <= DUE_SOON_DAYS {
            let when = match days {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                n => format!("in {n} days"),
            };
            let msg = format!("the review is due on {} ({when})", next.label());
            out.warnings.push(at(f.review.line, f.review.field, msg));
        }
    }
    out
}
