//! `content/help.toml`: the crisis and support services, read and checked like the articles.
//! Every problem is reported at once, each with the line and field the TOML parser's spans
//! point at; a `verified` date that is missing or over a year old is a warning, not an error.

use super::date::Date;
use super::error::{ContentError, ErrorSink};
use crate::help::{Audience, HelpDirectory, Region, Service, TextLine, INTERNATIONAL};
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::value::Datetime;
use toml::Spanned;

/// What loading help.toml gives: the directory, and the entries due for another check.
#[derive(Debug)]
pub struct LoadedHelp {
    pub directory: HelpDirectory,
    pub warnings: Vec<ContentError>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    code: Spanned<String>,
    name: Spanned<String>,
    emergency: Spanned<String>,
}

type Strings = Spanned<Vec<Spanned<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    name: Spanned<String>,
    regions: Strings,
    audiences: Strings,
    description: Spanned<String>,
    hours: Spanned<String>,
    languages: Strings,
    verified: Option<Spanned<Datetime>>,
    url: Spanned<String>,
    call: Option<Spanned<String>>,
    text: Option<Spanned<RawText>>,
    chat: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    number: Spanned<String>,
    keyword: Option<Spanned<String>>,
}

/// Reads and checks `path`; `today` dates the staleness warnings.
pub fn load(path: &Path, today: Date) -> Result<LoadedHelp, Vec<ContentError>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let mut sink = ErrorSink::new(path);
        let why = "every Wellspring needs its crisis and support services";
        sink.push(1, "file", format!("cannot be read ({e}): {why}"));
        sink.errors
    })?;
    parse(path, &text, today)
}

/// Checks the text of a help.toml at `path` (named in errors).
pub fn parse(path: &Path, text: &str, today: Date) -> Result<LoadedHelp, Vec<ContentError>> {
    let mut check = Check {
        text,
        errors: ErrorSink::new(path),
        warnings: ErrorSink::new(path),
        region_lines: HashMap::new(),
    };
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let line = check.line(e.span().map_or(0, |s| s.start));
            let message = format!("this is not valid TOML: {}", e.message().trim());
            check.errors.push(line, "file", message);
            return Err(check.errors.errors);
        }
    };
    for (key, _) in doc.get_ref().iter() {
        if !["region", "service"].contains(&key.get_ref().as_ref()) {
            let message = "unknown section (known: [[region]], [[service]])";
            check
                .errors
                .push(check.line(key.span().start), key.get_ref(), message);
        }
    }
    let regions: Vec<Region> = check
        .entries::<RawRegion>(doc.get_ref(), "region")
        .into_iter()
        .filter_map(|(raw, _)| check.region(raw))
        .collect();
    let codes: Vec<&str> = regions.iter().map(|r| r.code.as_str()).collect();
    let services: Vec<Service> = check
        .entries::<RawService>(doc.get_ref(), "service")
        .into_iter()
        .filter_map(|(raw, span)| check.service(raw, span, &codes, today))
        .collect();
    if !doc.get_ref().iter().any(|(k, _)| k.get_ref() == "region") {
        let message = "add at least one [[region]] with its code, name and emergency number";
        check.errors.push(1, "region", message);
    }
    if !check.errors.errors.is_empty() {
        // In file order, so an author can work down the file.
        let mut errors = check.errors.errors;
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    let default_code = regions[0].code.clone();
    Ok(LoadedHelp {
        directory: HelpDirectory {
            regions,
            services,
            default_code,
        },
        warnings: check.warnings.errors,
    })
}

struct Check<'a> {
    text: &'a str,
    errors: ErrorSink<'a>,
    warnings: ErrorSink<'a>,
    /// The line each region code was first given on.
    region_lines: HashMap<String, usize>,
}

impl Check<'_> {
    fn line(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count()
            + 1
    }

    fn error<T>(&mut self, at: &Spanned<T>, field: &str, message: impl Into<String>) {
        let line = self.line(at.span().start);
        self.errors.push(line, field, message);
    }

    /// Each `[[name]]` table as `T`; a table that does not fit is reported and left out,
    /// so one broken entry does not hide the problems of the others.
    fn entries<T: for<'de> Deserialize<'de>>(
        &mut self,
        doc: &DeTable,
        name: &str,
    ) -> Vec<(T, Range<usize>)> {
        let Some((_, value)) = doc.iter().find(|(k, _)| k.get_ref().as_ref() == name) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            let message = format!("write each entry as a [[{name}]] table");
            self.error(value, name, message);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match T::deserialize(ValueDeserializer::from(item.clone())) {
                Ok(raw) => out.push((raw, item.span())),
                Err(e) => {
                    let at = e.span().unwrap_or_else(|| item.span());
                    let (field, message) = explain(&e, item.get_ref(), at.start);
                    self.errors.push(self.line(at.start), &field, message);
                }
            }
        }
        out
    }

    fn region(&mut self, raw: RawRegion) -> Option<Region> {
        let before = self.errors.errors.len();
        if !is_lower_code(raw.code.get_ref(), 2) {
            let message = format!(
                "\"{}\" is not a region code: use the ISO 3166-1 code in two lower-case letters, such as \"gb\"",
                raw.code.get_ref()
            );
            self.error(&raw.code, "code", message);
        }
        let line = self.line(raw.code.span().start);
        if let Some(first) = self.region_lines.get(raw.code.get_ref()) {
            let message = format!(
                "region \"{}\" is listed twice (first on line {first})",
                raw.code.get_ref()
            );
            self.errors.push(line, "code", message);
        } else {
            self.region_lines.insert(raw.code.get_ref().clone(), line);
        }
        self.required(&raw.name, "name");
        self.number(&raw.emergency, "emergency");
        (self.errors.errors.len() == before).then(|| Region {
            code: raw.code.into_inner(),
            name: raw.name.into_inner().trim().to_string(),
            emergency: raw.emergency.into_inner(),
        })
    }

    fn service(
        &mut self,
        raw: RawService,
        span: Range<usize>,
        codes: &[&str],
        today: Date,
    ) -> Option<Service> {
        let before = self.errors.errors.len();
        let name = raw.name.get_ref().trim().to_string();
        self.required(&raw.name, "name");
        self.required(&raw.description, "description");
        if raw.description.get_ref().contains('\n') {
            self.error(
                &raw.description,
                "description",
                "keep it to one sentence on one line",
            );
        }
        self.required(&raw.hours, "hours");
        self.link(&raw.url, "url");
        let mut known = codes.to_vec();
        known.push(INTERNATIONAL);
        self.list(&raw.regions, "regions", |code| {
            (!known.contains(&code))
                .then(|| format!("unknown region \"{code}\" (known: {})", known.join(", ")))
        });
        self.list(&raw.audiences, "audiences", |id| {
            Audience::from_id(id).is_none().then(|| {
                let known: Vec<_> = Audience::ALL.iter().map(|a| a.id()).collect();
                format!("unknown audience \"{id}\" (known: {})", known.join(", "))
            })
        });
        self.list(&raw.languages, "languages", |code| {
            (!is_lower_code(code, 2)).then(|| {
                format!("\"{code}\" is not an ISO 639-1 language code (two lower-case letters, such as \"en\")")
            })
        });
        if let Some(call) = &raw.call {
            self.number(call, "call");
        }
        if let Some(text) = &raw.text {
            self.number(&text.get_ref().number, "text");
            if let Some(word) = &text.get_ref().keyword {
                if word.get_ref().is_empty() || !word.get_ref().chars().all(|c| c.is_alphanumeric())
                {
                    self.error(word, "text", "the keyword is one word of letters or digits");
                }
            }
        }
        if let Some(chat) = &raw.chat {
            self.link(chat, "chat");
        }
        if raw.call.is_none() && raw.text.is_none() && raw.chat.is_none() {
            let message =
                format!("\"{name}\": give at least one way to reach it: call, text or chat");
            self.errors.push(self.line(span.start), "call", message);
        }
        let verified = raw
            .verified
            .as_ref()
            .and_then(|v| self.verified(v, &name, today));
        if raw.verified.is_none() {
            let message = format!("\"{name}\" was never verified: check it against the service's own page, then set `verified` to that day");
            self.warnings
                .push(self.line(span.start), "verified", message);
        }
        if self.errors.errors.len() > before {
            return None;
        }
        let strings = |list: Strings| {
            list.into_inner()
                .into_iter()
                .map(Spanned::into_inner)
                .collect()
        };
        Some(Service {
            name,
            audiences: raw
                .audiences
                .get_ref()
                .iter()
                .filter_map(|a| Audience::from_id(a.get_ref()))
                .collect(),
            regions: strings(raw.regions),
            description: raw.description.into_inner().trim().to_string(),
            hours: raw.hours.into_inner().trim().to_string(),
            languages: strings(raw.languages),
            verified: verified.map(|d| d.iso()),
            url: raw.url.into_inner(),
            call: raw.call.map(Spanned::into_inner),
            text: raw.text.map(|t| {
                let t = t.into_inner();
                TextLine {
                    number: t.number.into_inner(),
                    keyword: t.keyword.map(Spanned::into_inner),
                }
            }),
            chat: raw.chat.map(Spanned::into_inner),
        })
    }

    fn required(&mut self, value: &Spanned<String>, field: &str) {
        if value.get_ref().trim().is_empty() {
            self.error(value, field, "is empty");
        }
    }

    fn link(&mut self, value: &Spanned<String>, field: &str) {
        if !value.get_ref().starts_with("https://") && !value.get_ref().starts_with("http://") {
            self.error(value, field, "must be a web address starting with https://");
        }
    }

    fn number(&mut self, value: &Spanned<String>, field: &str) {
        if let Some(problem) = number_problem(value.get_ref()) {
            let message = format!("\"{}\" {problem}", value.get_ref());
            self.error(value, field, message);
        }
    }

    /// A list of at least one item, each checked by `problem`.
    fn list(&mut self, list: &Strings, field: &str, problem: impl Fn(&str) -> Option<String>) {
        if list.get_ref().is_empty() {
            self.error(list, field, "list at least one");
        }
        for item in list.get_ref() {
            if let Some(message) = problem(item.get_ref()) {
                self.error(item, field, message);
            }
        }
    }

    fn verified(&mut self, value: &Spanned<Datetime>, name: &str, today: Date) -> Option<Date> {
        let dt = value.get_ref();
        let date = match (dt.date, dt.time) {
            (Some(d), None) => Date::new(d.year, d.month, d.day),
            _ => None,
        };
        let Some(date) = date else {
            self.error(
                value,
                "verified",
                "give the day without a time, such as 2026-12-06",
            );
            return None;
        };
        if date > today {
            self.error(value, "verified", format!("{} is after today", date.iso()));
        } else if date < today.a_year_before() {
            let message = format!(
                "\"{name}\" was last verified on {}, more than a year ago: check it against the service's own page again",
                date.iso()
            );
            self.warnings
                .push(self.line(value.span().start), "verified", message);
        }
        Some(date)
    }
}

/// Why `number` is not a phone number as readers dial it, if it is not: 3 to 15 digits,
/// single spaces or hyphens between them, and perhaps a leading `+`.
pub fn number_problem(number: &str) -> Option<&'static str> {
    let body = number.strip_prefix('+').unwrap_or(number);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    let allowed = body
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
    let ends = body.starts_with(|c: char| c.is_ascii_digit())
        && body.ends_with(|c: char| c.is_ascii_digit());
    let doubled =
        body.contains("  ") || body.contains("--") || body.contains(" -") || body.contains("- ");
    if !allowed || !ends || doubled {
        Some("is not a phone number: write digits with single spaces or hyphens, and a leading + if needed")
    } else if !(3..=15).contains(&digits) {
        Some("is not a phone number: it needs 3 to 15 digits")
    } else {
        None
    }
}

fn is_lower_code(code: &str, len: usize) -> bool {
    code.len() == len && code.chars().all(|c| c.is_ascii_lowercase())
}

/// The field and an author's message for a table that does not fit its struct.
fn explain(e: &toml::de::Error, table: &DeValue, at: usize) -> (String, String) {
    let message = e.message().trim();
    let quoted = message.split('`').nth(1).map(str::to_string);
    if message.starts_with("missing field") {
        let field = quoted.unwrap_or_default();
        return (
            field.clone(),
            format!("missing: add `{field} = ...` to this entry"),
        );
    }
    if message.starts_with("unknown field") {
        let known = message.split_once("expected ").map_or("", |(_, k)| k);
        let field = quoted.unwrap_or_default();
        return (field, format!("unknown field (expected {known})"));
    }
    let field = table
        .as_table()
        .and_then(|t| t.iter().find(|(_, v)| v.span().contains(&at)))
        .map_or_else(|| "entry".to_string(), |(k, _)| k.get_ref().to_string());
    (field, message.to_string())
}

/// A small help.toml for tests: regions gb (the default) and au, one service in gb.
#[cfg(test)]
pub(crate) const FIXTURE: &str = r#"[[region]]
code = "gb"
name = "United Kingdom"
emergency = "999"

[[region]]
code = "au"
name = "Australia"
emergency = "000"

[[service]]
name = "Listening line"
regions = ["gb"]
audiences = ["everyone"]
description = "Someone to listen."
hours = "24/7"
languages = ["en"]
verified = 2026-12-01
url = "https://example.org"
call = "116 123"
text = { number = "85258", keyword = "SHOUT" }
"#;

/// [`FIXTURE`], loaded.
#[cfg(test)]
pub(crate) fn fixture() -> HelpDirectory {
    let today = Date::new(2026, 12, 6).unwrap();
    parse(Path::new("help.toml"), FIXTURE, today)
        .unwrap()
        .directory
}

#[cfg(test)]
#[path = "help_tests.rs"]
mod tests;
