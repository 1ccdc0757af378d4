//! Search over the library, shared by the server (first render of `?q=`) and the browser
//! (every keystroke after that): accent- and case-insensitive word prefixes, every query
//! word required, title matches ranked first.
//!
//! The index is compact: one sorted vocabulary, and per article the ids of its distinct
//! words. Because ids follow the sorted vocabulary, all words starting with a prefix form
//! one id range, so matching a query word against an article is a binary search.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each normalised word of `text` (see [`words`]), reusing one buffer: this
/// runs over every body at start-up, millions of words for a large library.
fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut take = |c: char, word: &mut String| {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if let Some(folded) = fold(c) {
            word.push_str(folded);
        } else if c.is_alphanumeric() {
            word.push(c);
        } else if c != '\'' && c != '’' && !word.is_empty() {
            f(word);
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            take(c, &mut word);
        } else {
            c.to_lowercase().for_each(|c| take(c, &mut word));
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// Words met while an index is built, each stored and hashed once and known by a
/// provisional id; `finish` renumbers the ones kept into sorted order.
#[derive(Default)]
struct Vocab {
    ids: HashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
}

impl Vocab {
    fn id(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(w.into());
        self.ids.insert(w.into(), id);
        id
    }

    fn ids(&mut self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        each_word(text, |w| out.push(self.id(w)));
        out
    }

    /// The index of `docs` (provisional ids of the title and of the rest, in any order,
    /// repeats allowed), keeping only the words some article uses.
    fn finish(self, docs: Vec<(Vec<u32>, Vec<u32>)>) -> SearchIndex {
        let mut used: Vec<u32> = docs
            .iter()
            .flat_map(|(t, r)| t.iter().chain(r))
            .copied()
            .collect();
        used.sort_unstable();
        used.dedup();
        used.sort_unstable_by(|&a, &b| self.words[a as usize].cmp(&self.words[b as usize]));
        let mut renumbered = vec![0; self.words.len()];
        for (new, &old) in used.iter().enumerate() {
            renumbered[old as usize] = new as u32;
        }
        let sorted = |ids: &[u32]| {
            let mut ids: Vec<u32> = ids.iter().map(|&i| renumbered[i as usize]).collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        SearchIndex {
            docs: docs.iter().map(|(t, r)| (sorted(t), sorted(r))).collect(),
            words: used
                .iter()
                .map(|&i| self.words[i as usize].to_string())
                .collect(),
        }
    }
}

/// One share of the articles read into word ids of its own vocabulary: per article the
/// title's ids, the card's ids, and (id, count) of each distinct body word.
struct Tokenized {
    vocab: Vocab,
    docs: Vec<TokenizedDoc>,
}

/// Title ids, card ids, and (id, count) of each distinct body word.
type TokenizedDoc = (Vec<u32>, Vec<u32>, Vec<(u32, u32)>);

fn tokenize(articles: &[(&str, String, &str)]) -> Tokenized {
    let mut vocab = Vocab::default();
    let docs = articles
        .iter()
        .map(|(title, card, body)| {
            let mut body = vocab.ids(body);
            body.sort_unstable();
            let tf = body
                .chunk_by(|a, b| a == b)
                .map(|run| (run[0], run.len() as u32))
                .collect();
            (vocab.ids(title), vocab.ids(card), tf)
        })
        .collect();
    Tokenized { vocab, docs }
}

impl SearchIndex {
    /// Builds the index from `(title, other text)` per article, in library order.
    pub fn build<'a>(articles: impl Iterator<Item = (&'a str, String)>) -> Self {
        let mut vocab = Vocab::default();
        let docs = articles
            .map(|(title, rest)| (vocab.ids(title), vocab.ids(&rest)))
            .collect();
        vocab.finish(docs)
    }

    /// Builds the index from `(title, card text, body)` per article, keeping the
    /// [`BODY_TERMS`] most distinctive words of each body (tf-idf). Reading the bodies is
    /// most of the work, so each core reads a share with words of its own, then the shares'
    /// words are merged.
    pub fn build_with_bodies<'a>(
        articles: impl Iterator<Item = (&'a str, String, &'a str)>,
    ) -> Self {
        let articles: Vec<_> = articles.collect();
        let shares = crate::parallel::map_shares(&articles, tokenize);
        let mut vocab = Vocab::default();
        // Per article: title ids, card ids, and (id, count) of each distinct body word.
        let mut items = Vec::with_capacity(articles.len());
        for share in shares {
            let global: Vec<u32> = share.vocab.words.iter().map(|w| vocab.id(w)).collect();
            let remap = |ids: Vec<u32>| -> Vec<u32> {
                ids.into_iter().map(|i| global[i as usize]).collect()
            };
            items.extend(share.docs.into_iter().map(|(title, card, tf)| {
                let tf: Vec<(u32, u32)> = tf
                    .into_iter()
                    .map(|(i, c)| (global[i as usize], c))
                    .collect();
                (remap(title), remap(card), tf)
            }));
        }
        // How many bodies each word occurs in.
        let mut df = vec![0u32; vocab.words.len()];
        for (_, _, tf) in &items {
            tf.iter().for_each(|&(id, _)| df[id as usize] += 1);
        }
        let n = items.len().max(1) as f64;
        let docs = items
            .into_iter()
            .map(|(title, mut rest, tf)| {
                let mut scored: Vec<(u32, f64)> = tf
                    .iter()
                    .map(|&(id, c)| (id, f64::from(c) * (n / f64::from(df[id as usize])).ln_1p()))
                    .collect();
                // Best first; ties go to the word, so the choice never depends on the order
                // in which words were met.
                let best_first = |a: &(u32, f64), b: &(u32, f64)| {
                    b.1.total_cmp(&a.1)
                        .then_with(|| vocab.words[a.0 as usize].cmp(&vocab.words[b.0 as usize]))
                };
                if scored.len() > BODY_TERMS {
                    scored.select_nth_unstable_by(BODY_TERMS, best_first);
                    scored.truncate(BODY_TERMS);
                }
                rest.extend(scored.iter().map(|&(id, _)| id));
                (title, rest)
            })
            .collect();
        vocab.finish(docs)
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
    // No search (every card of the library as it opens): nothing to mark, no word to fold.
    if terms.is_empty() {
        return vec![(text.to_string(), false)];
    }
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
        let hit = terms.iter().any(|t| normal.starts_with(t.as_str()));
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
