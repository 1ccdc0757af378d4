//! Search over the library, shared by the server (first render of `?q=`) and the browser
//! (every keystroke after that): accent- and case-insensitive word prefixes, every query
//! word required, title matches ranked first.
//!
//! The index is compact: one sorted vocabulary, and per article the ids of its distinct
//! words. Because ids follow the sorted vocabulary, all words starting with a prefix form
//! one id range, so matching a query word against an article is a binary search.

mod build;
mod highlight;
mod normalize;
mod query;
mod wire;

pub use highlight::highlight;
pub use normalize::{fold, words};
use serde::{Deserialize, Serialize};

/// Weight of a query word found in the title, against 1 for the other fields.
const TITLE_WEIGHT: u32 = 10;
/// Body words kept per article: its most distinctive ones (tf-idf). Titles, summaries and
/// topic names are kept whole. This bounds the index at about 100 ids an article however
/// long the bodies are, so it stays small for a library of 10,000.
pub const BODY_TERMS: usize = 64;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchIndex {
    /// Sorted, distinct, normalised words.
    pub words: Vec<String>,
    /// Per article, in library order: sorted word ids of the title, then of everything
    /// else (summary, topic names, distinctive body words). Sent as gaps between ids,
    /// which are small numbers.
    #[serde(with = "wire::gaps")]
    pub docs: Vec<(Vec<u32>, Vec<u32>)>,
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
    fn the_index_survives_json_and_keeps_distinctive_body_words() {
        let filler = "the and a to of ".repeat(200);
        let idx = SearchIndex::build_with_bodies(
            [
                (
                    "One",
                    "first".to_string(),
                    format!("{filler} microbiome").as_str().to_owned(),
                ),
                ("Two", "second".to_string(), filler.clone()),
            ]
            .iter()
            .map(|(t, c, b)| (*t, c.clone(), b.as_str())),
        );
        let back: SearchIndex =
            serde_json::from_str(&serde_json::to_string(&idx).unwrap()).unwrap();
        assert_eq!(back, idx);
        assert_eq!(back.search("microb"), Some(vec![0]));
        assert_eq!(back.search("secon"), Some(vec![1]));
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
