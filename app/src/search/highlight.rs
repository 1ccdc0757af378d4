//! Marking what matched: the words of a card's text, or of an article opened from a search,
//! that the query found, read with the same tokenizer as the index, so what is marked is
//! exactly what matched.

use super::normalize::each_word;
use serde::{Deserialize, Serialize};

/// What a search found, to mark: the words that start with one of the reader's words, and
/// other words found whole (forms, synonyms, a typo's correction).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    /// The query as read (corrected if a word was taken for a typo): what an article opened
    /// from the results is asked to mark (`?highlight=`).
    pub query: String,
    prefixes: Vec<String>,
    /// Sorted.
    words: Vec<String>,
}

impl Marks {
    pub fn new(query: String, prefixes: Vec<String>, mut words: Vec<String>) -> Self {
        words.sort();
        words.dedup();
        Marks {
            query,
            prefixes,
            words,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.prefixes.is_empty() && self.words.is_empty()
    }

    /// Whether a normalised word is marked.
    pub fn marks(&self, word: &str) -> bool {
        self.prefixes.iter().any(|p| word.starts_with(p.as_str()))
            || self
                .words
                .binary_search_by(|w| w.as_str().cmp(word))
                .is_ok()
    }
}

/// Cuts `text` into runs, marking the words `marks` marks, so a card can highlight what
/// matched.
pub fn highlight(text: &str, marks: &Marks) -> Vec<(String, bool)> {
    // No search (every card of the library as it opens): nothing to mark, no word to read.
    if marks.is_empty() {
        return vec![(text.to_string(), false)];
    }
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut push = |s: &str, hit: bool| match out.last_mut() {
        Some((last, h)) if *h == hit => last.push_str(s),
        _ if s.is_empty() => {}
        _ => out.push((s.to_string(), hit)),
    };
    let mut done = 0;
    each_word(text, |span, word| {
        push(&text[done..span.start], false);
        push(&text[span.clone()], marks.marks(word));
        done = span.end;
    });
    push(&text[done..], false);
    out
}

/// `html` (the sanitized article body) with the marked words of its text wrapped in
/// `<mark>`. Tags and character references are copied as they are: only the text between
/// them is read, so no markup can be broken or made.
pub fn highlight_html(html: &str, marks: &Marks) -> String {
    if marks.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while !rest.is_empty() {
        // The next tag or character reference, which is copied untouched.
        let cut = rest.find(['<', '&']).unwrap_or(rest.len());
        for (run, hit) in highlight(&rest[..cut], marks) {
            if hit {
                out.push_str("<mark>");
                out.push_str(&run);
                out.push_str("</mark>");
            } else {
                out.push_str(&run);
            }
        }
        rest = &rest[cut..];
        let end = match rest.as_bytes().first() {
            Some(b'<') => rest.find('>').map_or(rest.len(), |i| i + 1),
            Some(b'&') => rest.find(';').map_or(1, |i| i + 1),
            _ => 0,
        };
        out.push_str(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::words;

    fn marks(prefixes: &str, whole: &[&str]) -> Marks {
        let whole = whole.iter().map(|s| s.to_string()).collect();
        Marks::new(prefixes.to_string(), words(prefixes), whole)
    }

    #[test]
    fn marks_exactly_the_words_the_index_reads() {
        let text = "‘Don’t’ lose 'sleep' over well-being";
        let parts = highlight(text, &marks("dont sleep being", &[]));
        let joined: String = parts.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(joined, text);
        let marked: Vec<&str> = parts
            .iter()
            .filter(|(_, hit)| *hit)
            .map(|(s, _)| s.as_str())
            .collect();
        // Quotes around a word are not part of it; an apostrophe inside it is.
        assert_eq!(marked, ["Don’t", "sleep", "being"]);
        for run in marked {
            assert_eq!(words(run).len(), 1, "{run} is one word of the index");
        }
        assert_eq!(
            highlight("plain", &Marks::default()),
            vec![("plain".to_string(), false)]
        );
    }

    #[test]
    fn whole_words_are_marked_whole() {
        let parts = highlight("I slept; sleepless", &marks("", &["slept"]));
        let marked: Vec<&str> = parts.iter().filter(|p| p.1).map(|p| p.0.as_str()).collect();
        assert_eq!(marked, ["slept"]);
    }

    #[test]
    fn html_keeps_its_markup_and_marks_only_text() {
        let html =
            r#"<p class="sleep">Sleep &amp; rest: <a href="/sleep">sleeping</a> well&#8217;s</p>"#;
        let out = highlight_html(html, &marks("sleep amp", &[]));
        assert_eq!(
            out,
            r#"<p class="sleep"><mark>Sleep</mark> &amp; rest: <a href="/sleep"><mark>sleeping</mark></a> well&#8217;s</p>"#
        );
        assert_eq!(highlight_html(html, &Marks::default()), html);
    }
}
