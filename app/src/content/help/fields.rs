//! The checks of each region's and service's fields: codes, numbers, links, lists, the
//! `verified` date. Each problem is pushed with the line of the value it is about.

use super::{Check, RawRegion, RawService, Strings};
use crate::content::date::Date;
use crate::help::{Audience, Region, Service, TextLine, INTERNATIONAL};
use std::ops::Range;
use toml::value::Datetime;
use toml::Spanned;

impl Check<'_> {
    pub(super) fn region(&mut self, raw: RawRegion) -> Option<Region> {
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

    pub(super) fn service(
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
