//! The checks of each front matter field, in the words an author needs to fix it. A field
//! that is missing is reported on line 1 (the opening `+++`), since it has no line.

use super::date::Date;
use super::error::ErrorSink;
use super::written::{Field, Lines, Mismatch};
use crate::model::{Reviewer, Source};
use std::collections::HashSet;
use toml::value::Datetime;

const MAX_TOPICS: usize = 3;

pub struct Check<'s, 'f, 't> {
    pub lines: Lines<'t>,
    pub sink: &'s mut ErrorSink<'f>,
}

impl Check<'_, '_, '_> {
    /// An error on the line of byte `offset` of the front matter.
    pub fn push(&mut self, offset: usize, field: &str, message: impl Into<String>) {
        let line = self.lines.line(offset);
        self.sink.push(line, field, message);
    }

    /// The value if it has the right type; otherwise `wrong` is reported.
    pub fn value<T: Clone>(&mut self, field: &Field<T>, key: &str, wrong: &str) -> Option<T> {
        let field = field.as_ref()?;
        match &field.get_ref().0 {
            Ok(v) => Some(v.clone()),
            Err(_) => {
                self.push(field.span().start, key, wrong);
                None
            }
        }
    }

    /// A non-empty string, trimmed.
    pub fn text(&mut self, field: &Field<String>, key: &str, required: bool) -> Option<String> {
        let Some(spanned) = field else {
            if required {
                self.sink
                    .push(1, key, format!("missing: every article needs a {key}"));
            }
            return None;
        };
        let text = self.value(field, key, "must be a string in quotes")?;
        if text.trim().is_empty() {
            self.push(spanned.span().start, key, "is empty");
            return None;
        }
        Some(text.trim().to_string())
    }

    pub fn topics(
        &mut self,
        field: &Field<Vec<String>>,
        known: &HashSet<&str>,
    ) -> Option<Vec<String>> {
        let Some(spanned) = field else {
            self.sink.push(
                1,
                "topics",
                "missing: list 1 to 3 topic slugs from content/topics.toml",
            );
            return None;
        };
        let at = spanned.span().start;
        let items = self.value(
            field,
            "topics",
            "must be a list of slugs such as [\"anxiety-stress\"]",
        )?;
        if items.is_empty() || items.len() > MAX_TOPICS {
            let msg = format!("list 1 to {MAX_TOPICS} topics (found {})", items.len());
            self.push(at, "topics", msg);
            return None;
        }
        let mut out: Vec<String> = Vec::new();
        for s in &items {
            if !known.contains(s.as_str()) {
                let mut names: Vec<_> = known.iter().copied().collect();
                names.sort_unstable();
                let msg = format!("unknown topic \"{s}\" (known: {})", names.join(", "));
                self.push(at, "topics", msg);
            } else if out.contains(s) {
                self.push(at, "topics", format!("topic \"{s}\" is listed twice"));
            } else {
                out.push(s.clone());
            }
        }
        (out.len() == items.len()).then_some(out)
    }

    /// A date without a time, such as `2026-03-10`.
    pub fn date(&mut self, field: &Field<Datetime>, key: &str, required: bool) -> Option<Date> {
        let Some(spanned) = field else {
            if required {
                let msg = format!("missing: add a date such as `{key} = 2026-03-10`");
                self.sink.push(1, key, msg);
            }
            return None;
        };
        let at = spanned.span().start;
        let message = match &spanned.get_ref().0 {
            Ok(dt) if dt.time.is_some() || dt.offset.is_some() => {
                "give a date without a time, such as 2026-03-10".to_string()
            }
            Ok(dt) => match dt.date.and_then(|d| Date::new(d.year, d.month, d.day)) {
                Some(date) => return Some(date),
                None => "is not a valid date (use YYYY-MM-DD, such as 2026-03-10)".to_string(),
            },
            Err(Mismatch {
                value: toml::Value::String(s),
                ..
            }) => format!("write the date without quotes: `{key} = {s}`"),
            Err(_) => "is not a valid date (use YYYY-MM-DD, such as 2026-03-10)".to_string(),
        };
        self.push(at, key, message);
        None
    }

    /// An optional `{ name = "…", role = "…" }`, both filled in.
    pub fn reviewer(&mut self, field: &Field<Reviewer>) -> Option<Reviewer> {
        let spanned = field.as_ref()?;
        let at = spanned.span().start;
        match &spanned.get_ref().0 {
            Err(m) => {
                let msg = format!("write `{{ name = \"…\", role = \"…\" }}`: {}", m.message);
                self.push(at, "reviewer", msg);
                None
            }
            Ok(r) if r.name.trim().is_empty() || r.role.trim().is_empty() => {
                self.push(at, "reviewer", "give both a name and a role");
                None
            }
            Ok(r) => Some(r.clone()),
        }
    }

    /// `[{ title = "…", url = "https://…" }, …]`: at least one when `required`, each
    /// with a title and an https address.
    pub fn sources(&mut self, field: &Field<Vec<Source>>, required: bool) -> Option<Vec<Source>> {
        let needed = "list the public pages the article relies on, such as \
                      `sources = [{ title = \"Depression - NHS\", url = \"https://www.nhs.uk/…\" }]`";
        let Some(spanned) = field else {
            if required {
                self.sink.push(1, "sources", format!("missing: {needed}"));
                return None;
            }
            return Some(Vec::new());
        };
        let at = spanned.span().start;
        let sources = match &spanned.get_ref().0 {
            Ok(s) => s,
            Err(m) => {
                let msg = format!(
                    "must be a list of `{{ title = \"…\", url = \"https://…\" }}`: {}",
                    m.message
                );
                self.push(at, "sources", msg);
                return None;
            }
        };
        if sources.is_empty() && required {
            self.push(at, "sources", format!("is empty: {needed}"));
            return None;
        }
        let before = self.sink.errors.len();
        for s in sources {
            if s.title.trim().is_empty() {
                self.push(at, "sources", format!("the source {} has no title", s.url));
            }
            let host = s.url.strip_prefix("https://").unwrap_or_default();
            if host.split('/').next().is_none_or(|h| !h.contains('.')) {
                let msg = format!("\"{}\" must be a full https:// address", s.url);
                self.push(at, "sources", msg);
            }
        }
        (self.sink.errors.len() == before).then(|| sources.clone())
    }
}
