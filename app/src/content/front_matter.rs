//! The TOML front matter between `+++` lines: splitting it from the body and validating
//! every field, with the line each problem is on.

use super::date::Date;
use super::error::ErrorSink;
use std::collections::HashSet;
use toml::Value;

const FIELDS: &[&str] = &[
    "title",
    "summary",
    "topics",
    "published",
    "updated",
    "author",
    "draft",
];
const MAX_TOPICS: usize = 3;
const MAX_SUMMARY_CHARS: usize = 300;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    pub topics: Vec<String>,
    pub published: Date,
    pub updated: Option<Date>,
    pub author: Option<String>,
    pub draft: bool,
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
pub fn parse(split: &Split, topics: &HashSet<&str>, sink: &mut ErrorSink) -> Option<FrontMatter> {
    let table = match toml::from_str::<toml::Table>(split.front) {
        Ok(t) => t,
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            let line_idx = split.front[..at.min(split.front.len())]
                .matches('\n')
                .count();
            let field = split
                .front
                .lines()
                .nth(line_idx)
                .and_then(|l| l.split_once('='))
                .map(|(k, _)| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .unwrap_or_else(|| "front matter".into());
            let message = format!("this is not valid TOML: {}", e.message().trim());
            sink.push(split.front_line + line_idx, &field, message);
            return None;
        }
    };
    let line_of = |key: &str| key_line(split, key);
    let before = sink.errors.len();

    for key in table.keys() {
        if !FIELDS.contains(&key.as_str()) {
            let known = FIELDS.join(", ");
            sink.push(line_of(key), key, format!("unknown field (known: {known})"));
        }
    }
    let title = required_string(&table, "title", split, sink);
    let summary = required_string(&table, "summary", split, sink);
    if let Some(s) = &summary {
        if s.chars().count() > MAX_SUMMARY_CHARS {
            let msg = format!("keep the summary under {MAX_SUMMARY_CHARS} characters");
            sink.push(line_of("summary"), "summary", msg);
        }
    }
    let topic_list = parse_topics(&table, split, topics, sink);
    let published = match table.get("published") {
        None => {
            sink.push(
                1,
                "published",
                "missing: add a date such as `published = 2026-03-10`",
            );
            None
        }
        Some(v) => parse_date(v, "published", split, sink),
    };
    let updated = table
        .get("updated")
        .and_then(|v| parse_date(v, "updated", split, sink));
    let author = match table.get("author") {
        None => None,
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(_) => {
            sink.push(
                line_of("author"),
                "author",
                "must be a non-empty string in quotes",
            );
            None
        }
    };
    let draft = match table.get("draft") {
        None => false,
        Some(Value::Boolean(b)) => *b,
        Some(_) => {
            sink.push(line_of("draft"), "draft", "must be `true` or `false`");
            false
        }
    };
    if sink.errors.len() > before {
        return None;
    }
    Some(FrontMatter {
        title: title?,
        summary: summary?,
        topics: topic_list?,
        published: published?,
        updated,
        author,
        draft,
    })
}

/// The file line a key is set on; the opening `+++` line when the key is absent.
fn key_line(split: &Split, key: &str) -> usize {
    split
        .front
        .lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |i| split.front_line + i)
}

fn required_string(
    table: &toml::Table,
    key: &str,
    split: &Split,
    sink: &mut ErrorSink,
) -> Option<String> {
    match table.get(key) {
        None => sink.push(1, key, format!("missing: every article needs a {key}")),
        Some(Value::String(s)) if !s.trim().is_empty() => return Some(s.trim().to_string()),
        Some(Value::String(_)) => sink.push(key_line(split, key), key, "is empty"),
        Some(_) => sink.push(key_line(split, key), key, "must be a string in quotes"),
    }
    None
}

fn parse_topics(
    table: &toml::Table,
    split: &Split,
    known: &HashSet<&str>,
    sink: &mut ErrorSink,
) -> Option<Vec<String>> {
    let line = key_line(split, "topics");
    let Some(value) = table.get("topics") else {
        sink.push(
            1,
            "topics",
            "missing: list 1 to 3 topic slugs from content/topics.toml",
        );
        return None;
    };
    let Some(items) = value.as_array() else {
        sink.push(
            line,
            "topics",
            "must be a list such as [\"anxiety-stress\"]",
        );
        return None;
    };
    if items.is_empty() || items.len() > MAX_TOPICS {
        let msg = format!("list 1 to {MAX_TOPICS} topics (found {})", items.len());
        sink.push(line, "topics", msg);
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    for item in items {
        match item.as_str() {
            Some(s) if !known.contains(s) => {
                let mut names: Vec<_> = known.iter().copied().collect();
                names.sort_unstable();
                let msg = format!("unknown topic \"{s}\" (known: {})", names.join(", "));
                sink.push(line, "topics", msg);
            }
            Some(s) if out.iter().any(|o| o == s) => {
                sink.push(line, "topics", format!("topic \"{s}\" is listed twice"));
            }
            Some(s) => out.push(s.to_string()),
            None => sink.push(line, "topics", "every topic must be a slug in quotes"),
        }
    }
    (out.len() == items.len()).then_some(out)
}

fn parse_date(value: &Value, key: &str, split: &Split, sink: &mut ErrorSink) -> Option<Date> {
    let line = key_line(split, key);
    let date = match value {
        Value::Datetime(dt) if dt.time.is_none() => {
            dt.date.and_then(|d| Date::new(d.year, d.month, d.day))
        }
        Value::Datetime(_) => {
            sink.push(line, key, "give a date without a time, such as 2026-03-10");
            return None;
        }
        Value::String(s) => {
            let msg = format!("write the date without quotes: `{key} = {s}`");
            sink.push(line, key, msg);
            return None;
        }
        _ => None,
    };
    if date.is_none() {
        sink.push(
            line,
            key,
            "is not a valid date (use YYYY-MM-DD, such as 2026-03-10)",
        );
    }
    date
}
