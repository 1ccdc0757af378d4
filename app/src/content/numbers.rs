//! Phone numbers typed into an article: refused, because a number typed in one article goes
//! stale alone. Help lines come from content/help.toml through the `{{ help }}` box.
//!
//! A phone number here is a run of 6 or more digits with single spaces, hyphens, dots or
//! parentheses between them (`1-800-662-4357`, `116 123`, `(877) 565-8860`), or 3 to 5
//! digits right after "call", "text", "dial", "ring", "phone" or "on" (`call 988`). Years,
//! year ranges, dates, decimals, percentages, counts and web addresses are not.

use super::error::ErrorSink;

const TRIGGERS: &[&str] = &["call", "text", "dial", "ring", "phone", "on"];
/// Words that may follow a number given "on" ("on 999 or 112"): any other word makes it
/// a count ("based on 1200 people").
const AFTER_ON: &[&str] = &[
    "or", "and", "to", "for", "at", "if", "any", "anytime", "free",
];

/// Reports each phone number in `body` (which starts on line `first_line`); `known` holds the
/// digits of every number in help.toml.
pub fn check(body: &str, first_line: usize, known: &[String], sink: &mut ErrorSink) {
    for (start, found) in find(body) {
        let line = first_line + body[..start].matches('\n').count();
        let digits: String = found.chars().filter(char::is_ascii_digit).collect();
        let message = if known.iter().any(|k| same_number(k, &digits)) {
            format!("\"{found}\": type {{{{ help }}}} instead: numbers come from content/help.toml")
        } else {
            format!(
                "\"{found}\" is not a number in content/help.toml: add the service there (checked against its own page) and type {{{{ help }}}}, or leave the number out"
            )
        };
        sink.push(line, "body", message);
    }
}

/// Whether two numbers (digits only) are one, written with or without a country code:
/// `877-565-8860` is help.toml's `1-877-565-8860`.
fn same_number(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (short.len() >= 6 && long.len() - short.len() <= 3 && long.ends_with(short))
}

/// Each phone number in `text` with its byte offset.
pub fn find(text: &str) -> Vec<(usize, String)> {
    let masked = mask_links(text);
    let bytes = masked.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_run = bytes[i].is_ascii_digit()
            || (bytes[i] == b'(' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        if !starts_run || joined_before(&masked[..i]) {
            i += 1;
            continue;
        }
        let end = run_end(bytes, i, b" -.()");
        let run = &masked[i..end];
        if joined_after(&masked[end..]) {
            // Part of a word, an amount or a percentage: skip the whole run.
        } else if is_phone_run(run) {
            // "(0800 1111)" is a number in brackets; "(877) 565-8860" an area code.
            let bracketed = run.strip_prefix('(').and_then(|r| r.strip_suffix(')'));
            found.push((i, bracketed.unwrap_or(run).to_string()));
        } else if let Some(short) = short_after_trigger(&masked, i, run) {
            found.push((i, short.to_string()));
        }
        i = end.max(i + 1);
    }
    found
}

/// Whether what comes before a digit makes it part of something else: a word, a code, an
/// amount (`£100000`), or a number with thousands separators (`1,000,000`).
fn joined_before(before: &str) -> bool {
    if before.ends_with("tel:") || before.ends_with("sms:") {
        return false;
    }
    let mut chars = before.chars().rev();
    match chars.next() {
        None => false,
        Some(',' | '.') => chars.next().is_some_and(|d| d.is_ascii_digit()),
        Some(c) => c.is_alphanumeric() || "/_=&#@$£€¥:".contains(c),
    }
}

/// Whether what follows a run makes it something other than a number alone.
fn joined_after(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        None => false,
        Some(',' | '.') => chars.next().is_some_and(|d| d.is_ascii_digit()),
        Some(c) => c.is_alphanumeric() || c == '%' || c == '_',
    }
}

/// The end of a run of digit groups starting at `i`, joined by one separator each (or `) `).
fn run_end(bytes: &[u8], i: usize, separators: &[u8]) -> usize {
    let mut end = i;
    let mut j = i;
    while j < bytes.len() {
        if bytes[j].is_ascii_digit() {
            j += 1;
            end = j;
            continue;
        }
        let mut k = j;
        while k < bytes.len() && separators.contains(&bytes[k]) && k - j < 2 {
            k += 1;
        }
        let pair_ok = k - j == 1 || (k - j == 2 && bytes[j] == b')' && bytes[j + 1] == b' ');
        let opens = bytes.get(k) == Some(&b'(') && bytes.get(k + 1).is_some_and(u8::is_ascii_digit);
        if k > j && pair_ok && (bytes.get(k).is_some_and(u8::is_ascii_digit) || opens) {
            j = if opens { k + 1 } else { k };
        } else {
            break;
        }
    }
    if bytes.get(end) == Some(&b')') && bytes[i] == b'(' {
        end += 1;
    }
    end
}

fn groups(run: &str) -> Vec<&str> {
    run.split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect()
}

fn is_year(g: &str) -> bool {
    g.len() == 4 && g.parse::<u16>().is_ok_and(|y| (1900..=2099).contains(&y))
}

/// Six or more digits that are not years, a date or a decimal.
fn is_phone_run(run: &str) -> bool {
    let groups = groups(run);
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let date = matches!(lens.as_slice(), [4, 2, 2] | [1 | 2, 1 | 2, 4]) && !run.contains(' ');
    let decimal = groups.len() == 2 && run.matches('.').count() == 1 && !run.contains(' ');
    digits >= 6 && !groups.iter().all(|g| is_year(g)) && !date && !decimal
}

/// The 3 to 5 digits (perhaps `9-8-8`) at the start of `run`, if they follow a trigger word.
fn short_after_trigger<'a>(text: &str, start: usize, run: &'a str) -> Option<&'a str> {
    if run.starts_with('(') {
        return None;
    }
    let run = &run[..run_end(run.as_bytes(), 0, b" -")];
    let digits: usize = groups(run).iter().map(|g| g.len()).sum();
    if !(3..=5).contains(&digits) || joined_after(&text[start + run.len()..]) {
        return None;
    }
    // The word, then a space, then the number (bold or quoted, perhaps).
    let before = text[..start].trim_end_matches(['*', '_', '"', '\u{201c}']);
    if !before.ends_with(char::is_whitespace) {
        return None;
    }
    let before = before.trim_end();
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = before[word_start..].to_lowercase();
    if !TRIGGERS.contains(&word.as_str()) {
        return None;
    }
    if word == "on" {
        let next: String = text[start + run.len()..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        let year = groups(run).len() == 1 && is_year(run);
        if year || (!next.is_empty() && !AFTER_ON.contains(&next.as_str())) {
            return None;
        }
    }
    Some(run)
}

/// `text` with web addresses and Markdown link targets blanked out (same length, so offsets
/// still point into the article), except `tel:` and `sms:` links, which are numbers too.
fn mask_links(text: &str) -> String {
    let mut out = text.to_string();
    let mut blank = |from: usize, to: usize| {
        out.replace_range(from..to, &" ".repeat(to - from));
    };
    let stop = |rest: &str| {
        rest.find(|c: char| c.is_whitespace() || c == ')' || c == '>' || c == '"')
            .unwrap_or(rest.len())
    };
    for pattern in ["http://", "https://", "www.", "](/", "](#"] {
        for (at, _) in text.match_indices(pattern) {
            blank(at, at + stop(&text[at..]));
        }
    }
    out
}

#[cfg(test)]
#[path = "numbers_tests.rs"]
mod tests;
