//! Marking what matched: the words of a card's text that a query word starts, found with the
//! same tokenizer as the index, so what is marked is exactly what matched.

use super::normalize::{each_word, words};

/// Cuts `text` into runs, marking the words that start with a word of `query`, so a card
/// can highlight what matched.
pub fn highlight(text: &str, query: &str) -> Vec<(String, bool)> {
    let terms = words(query);
    // No search (every card of the library as it opens): nothing to mark, no word to fold.
    if terms.is_empty() {
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
        push(
            &text[span.clone()],
            terms.iter().any(|t| word.starts_with(t.as_str())),
        );
        done = span.end;
    });
    push(&text[done..], false);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_exactly_the_words_the_index_reads() {
        let text = "‘Don’t’ lose 'sleep' over well-being";
        let parts = highlight(text, "dont sleep being");
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
    }
}
