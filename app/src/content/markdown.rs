//! Markdown body to safe HTML, plus what is derived from it: the table of contents, plain
//! text for search and the word count.

use super::error::ErrorSink;
use super::escape::escape_attr;
use super::help_box;
use crate::help::HelpDirectory;
use crate::model::TocEntry;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::LazyLock;

pub const WORDS_PER_MINUTE: usize = 200;

pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub plain_text: String,
    pub word_count: usize,
}

impl Rendered {
    pub fn reading_minutes(&self) -> u32 {
        reading_minutes(self.word_count)
    }
}

pub fn reading_minutes(words: usize) -> u32 {
    words.div_ceil(WORDS_PER_MINUTE).max(1) as u32
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Raw HTML in an article is not trusted: whatever pulldown-cmark emits goes through
/// ammonia, which drops scripts, frames, event handlers and `javascript:`/`data:` URLs.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // rel is set by us on external links only (below), so ammonia must not rewrite it.
    b.link_rel(None)
        .add_tag_attributes("a", &["rel"])
        .add_generic_attributes(&["id"])
        .add_tag_attributes("sup", &["class"])
        .add_tag_attributes("div", &["class"])
        .add_allowed_classes("td", ALIGNMENTS)
        .add_allowed_classes("th", ALIGNMENTS);
    b
});

/// Table cell alignment as classes: pulldown-cmark writes it as a `style` attribute, which
/// the Content-Security-Policy (no inline styles) would block.
const ALIGNMENTS: &[&str] = &["align-left", "align-center", "align-right"];

fn alignment_as_class(html: String) -> String {
    ["left", "center", "right"].iter().fold(html, |html, side| {
        html.replace(
            &format!(" style=\"text-align: {side}\""),
            &format!(" class=\"align-{side}\""),
        )
    })
}

/// Where help box `i` goes until the sanitised HTML is ready for it: private-use
/// characters, which no article types.
fn box_marker(i: usize) -> String {
    format!("\u{E000}help-box-{i}\u{E000}")
}

/// Renders `body`, which starts on line `first_line` of its file; `{{ help }}` paragraphs
/// become help boxes from `help`.
pub fn render(
    body: &str,
    first_line: usize,
    help: &HelpDirectory,
    sink: &mut ErrorSink,
) -> Rendered {
    let line_at = |offset: usize| first_line + body[..offset].matches('\n').count();
    let mut events: Vec<Event> = Vec::new();
    let mut toc = Vec::new();
    let mut used_ids = HashSet::new();
    let mut plain = String::with_capacity(body.len());
    // Index into `events` of the open heading and its text so far.
    let mut heading: Option<(usize, String)> = None;
    // For each open link: is it external (so its end needs our own `</a>`)?
    let mut links: Vec<bool> = Vec::new();
    // The help boxes, and whether the events are inside a shortcode paragraph.
    let mut boxes: Vec<String> = Vec::new();
    let mut in_shortcode = false;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if in_shortcode {
            in_shortcode = !matches!(event, Event::End(TagEnd::Paragraph));
            continue;
        }
        if matches!(&event, Event::Text(t) if t.contains("{{")) {
            let message = "`{{` starts a shortcode: put `{{ help }}` alone on its line, with a blank line before and after";
            sink.push(line_at(range.start), "body", message);
        }
        match event {
            Event::Start(Tag::Paragraph) if body[range.clone()].trim_start().starts_with("{{") => {
                in_shortcode = true;
                match help_box::parse_shortcode(&body[range.clone()]) {
                    Ok(audience) => {
                        events.push(Event::Start(Tag::Paragraph));
                        events.push(Event::Text(box_marker(boxes.len()).into()));
                        events.push(Event::End(TagEnd::Paragraph));
                        boxes.push(help_box::render(help, audience));
                    }
                    Err(message) => sink.push(line_at(range.start), "body", message),
                }
            }
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => {
                sink.push(
                    line_at(range.start),
                    "body",
                    "use `##` for sections: the title is the page's only top-level heading",
                );
                heading = Some((events.len(), String::new()));
                events.push(event);
            }
            Event::Start(Tag::Heading { .. }) => {
                heading = Some((events.len(), String::new()));
                events.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, text)) = heading.take() {
                    let id = heading_id(&mut events[start], &text, &mut used_ids);
                    if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                        let level = if level == HeadingLevel::H2 { 2 } else { 3 };
                        toc.push(TocEntry {
                            level,
                            id,
                            text: text.trim().to_string(),
                        });
                    }
                }
                plain.push('\n');
                events.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(t);
                }
                plain.push_str(t);
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                plain.push(' ');
                events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                plain.push('\n');
                events.push(event);
            }
            Event::Start(Tag::Link {
                ref dest_url,
                ref title,
                ..
            }) if is_external(dest_url) => {
                links.push(true);
                let title = if title.is_empty() {
                    String::new()
                } else {
                    format!(" title=\"{}\"", escape_attr(title))
                };
                let href = escape_attr(dest_url);
                let a = format!("<a href=\"{href}\" rel=\"noopener noreferrer\"{title}>");
                events.push(Event::InlineHtml(a.into()));
            }
            Event::Start(Tag::Link { .. }) => {
                links.push(false);
                events.push(event);
            }
            Event::End(TagEnd::Link) => {
                if links.pop() == Some(true) {
                    events.push(Event::InlineHtml("</a>".into()));
                } else {
                    events.push(event);
                }
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let mut html = SANITIZER.clean(&alignment_as_class(html)).to_string();
    for (i, help_box) in boxes.iter().enumerate() {
        html = html.replace(&format!("<p>{}</p>", box_marker(i)), help_box);
    }
    // Kept for the life of the server: a large library's spare capacity adds up.
    html.shrink_to_fit();
    let word_count = plain.split_whitespace().count();
    Rendered {
        html,
        toc,
        plain_text: plain,
        word_count,
    }
}

fn is_external(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// Gives the heading at `event` an id (its own `{#id}`, or one made from its text) that is
/// unique in the article, so sections can be linked.
fn heading_id(event: &mut Event, text: &str, used: &mut HashSet<String>) -> String {
    let Event::Start(Tag::Heading { id, .. }) = event else {
        unreachable!("heading index points at a heading start");
    };
    let base = match id {
        Some(given) => given.to_string(),
        None => slugify(text),
    };
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let mut unique = base.clone();
    let mut n = 2;
    while !used.insert(unique.clone()) {
        unique = format!("{base}-{n}");
        n += 1;
    }
    *id = Some(CowStr::from(unique.clone()));
    unique
}

/// "When to get more help?" -> "when-to-get-more-help".
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') && (c.is_whitespace() || c == '-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
