//! `content/help.toml`: the crisis and support services, read and checked like the articles.
//! Every problem is reported at once, each with the line and field the TOML parser's spans
//! point at; a `verified` date that is missing or over a year old is a warning, not an error.

use super::date::Date;
use super::error::{line_at, ContentError, ErrorSink};
use crate::help::{HelpDirectory, Region, Service};
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
    if regions.is_empty() {
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
            eap: None,
        },
        warnings: check.warnings.errors,
    })
}

/// The file being checked, and what was found wrong with it so far.
struct Check<'a> {
    text: &'a str,
    errors: ErrorSink<'a>,
    warnings: ErrorSink<'a>,
    /// The line each region code was first given on.
    region_lines: HashMap<String, usize>,
}

impl Check<'_> {
    fn line(&self, offset: usize) -> usize {
        line_at(self.text, offset)
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

// The site settings check an EAP phone number as help.toml's numbers are.
pub(super) mod fields;
#[cfg(test)]
pub(crate) mod tests;
