//! Search over the library, shared by the server (first render of `?q=`) and the browser
//! (every keystroke after that): accent- and case-insensitive word prefixes, every query
//! word required, title matches ranked first.
//!
//! The index is compact: one sorted vocabulary, and per article the ids of its distinct
//! words. Because ids follow the sorted vocabulary, all words starting with a prefix form
//! one id range, so matching a query word against an article is a binary search.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Weight of a query word found in the title, against 1 for the other fields.
const TITLE_WEIGHT: u32 = 10;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchIndex {
    /// Sorted, distinct, normalised words.
    pub words: Vec<String>,
    /// Per article, in library order: sorted word ids of the title, then of everything
    /// else (summary, topic names, body).
    pub docs: Vec<(Vec<u32>, Vec<u32>)>,
}

/// Lower case with accents removed, for the Latin letters the library uses.
pub fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => "i",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ś' | 'š' => "s",
        'ź' | 'ż' | 'ž' => "z",
        'ł' => "l",
        'ř' => "r",
        'ť' => "t",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        _ => return None,
    })
}

/// Splits text into normalised words: letters and digits, lower-cased, accents folded.
/// Apostrophes inside words are dropped, so "don't" is "dont" wherever it is typed.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if let Some(f) = fold(c) {
            word.push_str(f);
        } else if c.is_alphanumeric() {
            word.push(c);
        } else if c == '\'' || c == '’' {
            continue;
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

impl SearchIndex {
    /// Builds the index from `(title, other text)` per article, in library order.
    pub fn build<'a>(articles: impl Iterator<Item = (&'a str, String)>) -> Self {
        let docs: Vec<(BTreeSet<String>, BTreeSet<String>)> = articles
            .map(|(title, rest)| {
                (
                    words(title).into_iter().collect(),
                    words(&rest).into_iter().collect(),
                )
            })
            .collect();
        let vocab: BTreeSet<&String> = docs.iter().flat_map(|(t, r)| t.iter().chain(r)).collect();
        let words: Vec<String> = vocab.into_iter().cloned().collect();
        let id = |w: &String| words.binary_search(w).map_or(0, |i| i as u32);
        let docs = docs
            .iter()
            .map(|(t, r)| (t.iter().map(id).collect(), r.iter().map(id).collect()))
            .collect();
        Self { words, docs }
    }

    /// The id range of vocabulary words starting with `prefix`.
    fn range(&self, prefix: &str) -> (u32, u32) {
        let lo = self.words.partition_point(|w| w.as_str() < prefix);
        let len = self.words[lo..].partition_point(|w| w.starts_with(prefix));
        (lo as u32, (lo + len) as u32)
    }

    /// Articles matching every word of `query` as a prefix, best first (title matches
    /// first, then library order, which is newest first). `None` for an empty query.
    pub fn search(&self, query: &str) -> Option<Vec<usize>> {
        let ranges: Vec<(u32, u32)> = words(query).iter().map(|w| self.range(w)).collect();
        if ranges.is_empty() {
            return None;
        }
        let has = |ids: &[u32], (lo, hi): (u32, u32)| {
            let i = ids.partition_point(|&x| x < lo);
            i < ids.len() && ids[i] < hi
        };
        let mut hits: Vec<(usize, u32)> = self
            .docs
            .iter()
            .enumerate()
            .filter_map(|(i, (title, rest))| {
                let mut score = 0;
                for &r in &ranges {
                    score += if has(title, r) {
                        TITLE_WEIGHT
                    } else if has(rest, r) {
                        1
                    } else {
                        return None;
                    };
                }
                Some((i, score))
            })
            .collect();
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Some(hits.into_iter().map(|(i, _)| i).collect())
    }
}

/// Cuts `text` into runs, marking the words that start with a word of `query`, so a card
/// can highlight what matched.
pub fn highlight(text: &str, query: &str) -> Vec<(String, bool)> {
    let terms = words(query);
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut push = |s: &str, hit: bool| match out.last_mut() {
        Some((last, h)) if *h == hit => last.push_str(s),
        _ => out.push((s.to_string(), hit)),
    };
    let mut rest = text;
    while !rest.is_empty() {
        // The next word: a run of alphanumerics and inner apostrophes.
        let start = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
        push(&rest[..start], false);
        rest = &rest[start..];
        let end = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .map_or(rest.len(), |(i, _)| i);
        let word = &rest[..end];
        let normal = words(word).concat();
        let hit = !terms.is_empty() && terms.iter().any(|t| normal.starts_with(t.as_str()));
        push(word, hit);
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex {
        SearchIndex::build(
            [
                ("Sleep and Stress", "Calm evenings help.".to_string()),
                (
                    "Café Culture",
                    "Meeting friends for coffee and stress relief.".to_string(),
                ),
                (
                    "Walking",
                    "Gentle movement outdoors; don't rush.".to_string(),
                ),
            ]
            .into_iter(),
        )
    }

    #[test]
    fn words_are_lowercased_and_accent_folded() {
        assert_eq!(
            words("Café, CRÈME brûlée! Don’t"),
            ["cafe", "creme", "brulee", "dont"]
        );
    }

    #[test]
    fn prefixes_match_and_titles_rank_first() {
        let idx = index();
        assert_eq!(idx.search("stre"), Some(vec![0, 1]));
        assert_eq!(idx.search("STRESS relief"), Some(vec![1]));
        assert_eq!(idx.search("cafe"), Some(vec![1]));
        assert_eq!(idx.search("café"), Some(vec![1]));
        assert_eq!(idx.search("dont"), Some(vec![2]));
        assert_eq!(idx.search("nothing-here"), Some(vec![]));
        assert_eq!(idx.search("  ,  "), None);
    }

    #[test]
    fn title_words_outrank_body_words() {
        let idx = SearchIndex::build(
            [
                ("Older note", "all about sleep".to_string()),
                ("Sleep well", String::new()),
            ]
            .into_iter(),
        );
        assert_eq!(idx.search("sleep"), Some(vec![1, 0]));
    }

    #[test]
    fn highlight_marks_prefix_matches_and_keeps_the_text() {
        let parts = highlight("Stress, and stressful cafés!", "stress CAFE");
        let joined: String = parts.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(joined, "Stress, and stressful cafés!");
        let marked: Vec<_> = parts
            .iter()
            .filter(|(_, h)| *h)
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(marked, ["Stress", "stressful", "cafés"]);
        assert_eq!(highlight("plain", ""), vec![("plain".to_string(), false)]);
    }
}
