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
    #[serde(with = "gaps")]
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

    /// Builds the index from `(title, card text, body)` per article, keeping the
    /// [`BODY_TERMS`] most distinctive words of each body.
    pub fn build_with_bodies<'a>(
        articles: impl Iterator<Item = (&'a str, String, &'a str)>,
    ) -> Self {
        use std::collections::HashMap;
        let items: Vec<(&str, String, HashMap<String, u32>)> = articles
            .map(|(title, card, body)| {
                let mut tf: HashMap<String, u32> = HashMap::new();
                for w in words(body) {
                    *tf.entry(w).or_default() += 1;
                }
                (title, card, tf)
            })
            .collect();
        let mut df: HashMap<&str, u32> = HashMap::new();
        for (_, _, tf) in &items {
            for w in tf.keys() {
                *df.entry(w.as_str()).or_default() += 1;
            }
        }
        let n = items.len().max(1) as f64;
        let docs: Vec<(&str, String)> = items
            .iter()
            .map(|(title, card, tf)| {
                let mut scored: Vec<(&String, f64)> = tf
                    .iter()
                    .map(|(w, &c)| (w, f64::from(c) * (n / f64::from(df[w.as_str()])).ln_1p()))
                    .collect();
                scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
                let mut text = card.clone();
                for (w, _) in scored.into_iter().take(BODY_TERMS) {
                    text.push(' ');
                    text.push_str(w);
                }
                (*title, text)
            })
            .collect();
        Self::build(docs.into_iter())
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

/// Id lists travel as the gaps between sorted ids, which JSON writes in few digits.
mod gaps {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    type Docs = Vec<(Vec<u32>, Vec<u32>)>;

    fn encode(ids: &[u32]) -> Vec<u32> {
        let mut prev = 0;
        ids.iter()
            .map(|&id| std::mem::replace(&mut prev, id).abs_diff(id))
            .collect()
    }

    fn decode(gaps: Vec<u32>) -> Vec<u32> {
        let mut acc = 0u32;
        gaps.into_iter()
            .map(|g| {
                acc = acc.saturating_add(g);
                acc
            })
            .collect()
    }

    pub fn serialize<S: Serializer>(docs: &Docs, s: S) -> Result<S::Ok, S::Error> {
        let encoded: Vec<(Vec<u32>, Vec<u32>)> =
            docs.iter().map(|(t, r)| (encode(t), encode(r))).collect();
        encoded.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Docs, D::Error> {
        let encoded = Docs::deserialize(d)?;
        Ok(encoded
            .into_iter()
            .map(|(t, r)| (decode(t), decode(r)))
            .collect())
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
