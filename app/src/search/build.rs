//! Building the index: every word of every field counted per article, then one weight per
//! (word, article), worked out here once so that a query only adds weights up.
//!
//! A weight is a rank tier (the best field the word is in: title, then headings, then the
//! card's summary and topics, then the body) times [`TIER`], plus the word's BM25 score in the
//! article scaled below [`TIER`]. So an article with the words in its title comes first, and
//! among equals the one about the subject comes before the one that mentions it once.

use super::normalize::each_word;
use super::{SearchIndex, Synonyms, Term};
use std::collections::HashMap;

/// What is indexed of one article.
pub struct Doc<'a> {
    pub title: &'a str,
    /// The summary and topic names: what the card shows besides the title.
    pub card: String,
    /// The section headings.
    pub headings: String,
    pub body: &'a str,
}

const FIELDS: usize = 4;
/// Each field's rank tier, in the order of [`Doc`]'s fields.
const TIER_OF: [u16; FIELDS] = [3, 2, 1, 0];
/// How much one occurrence in each field counts towards BM25's term frequency (BM25F).
const FIELD_TF: [f64; FIELDS] = [4.0, 2.0, 2.0, 1.0];
/// One rank tier: above any BM25 part.
pub(super) const TIER: u16 = 1000;
/// BM25's usual constants, and the scale from its score (about 0 to 20) to the weight.
const K1: f64 = 1.2;
const B: f64 = 0.75;
const BM25_SCALE: f64 = 40.0;

/// Occurrences of a word in each field of one article.
type Counts = [u16; FIELDS];

/// One share of the articles read into words of its own numbering: per article, (word,
/// counts) and its length in words.
struct Share {
    words: Vec<Box<str>>,
    docs: Vec<(Vec<(u32, Counts)>, u32)>,
}

fn read_share(docs: &[Doc]) -> Share {
    let mut ids: HashMap<Box<str>, u32> = HashMap::new();
    let mut words = Vec::new();
    let docs = docs
        .iter()
        .map(|doc| {
            let mut counts: HashMap<u32, Counts> = HashMap::new();
            let mut len = 0u32;
            let fields = [doc.title, &doc.headings, &doc.card, doc.body];
            for (field, text) in fields.into_iter().enumerate() {
                each_word(text, |_, w| {
                    let id = match ids.get(w) {
                        Some(&id) => id,
                        None => {
                            let id = words.len() as u32;
                            words.push(Box::<str>::from(w));
                            ids.insert(w.into(), id);
                            id
                        }
                    };
                    let c = &mut counts.entry(id).or_default()[field];
                    *c = c.saturating_add(1);
                    len += 1;
                });
            }
            (counts.into_iter().collect(), len)
        })
        .collect();
    Share { words, docs }
}

impl SearchIndex {
    /// The index of `docs`, in library order. Reading the texts is most of the work, so each
    /// core reads a share with words of its own, then the shares' words are merged.
    pub fn build<'a>(docs: impl Iterator<Item = Doc<'a>>, synonyms: Synonyms) -> Self {
        let docs: Vec<Doc> = docs.collect();
        let n = docs.len();
        let mut ids: HashMap<Box<str>, u32> = HashMap::new();
        let mut words: Vec<Box<str>> = Vec::new();
        // Per word: (article, counts), articles ascending as shares come in order.
        let mut postings: Vec<Vec<(u32, Counts)>> = Vec::new();
        let mut lengths = Vec::with_capacity(n);
        for share in crate::parallel::map_shares(&docs, read_share) {
            let global: Vec<u32> = share
                .words
                .into_iter()
                .map(|w| {
                    let next = words.len() as u32;
                    *ids.entry(w.clone()).or_insert_with(|| {
                        words.push(w);
                        postings.push(Vec::new());
                        next
                    })
                })
                .collect();
            for (counts, len) in share.docs {
                let doc = lengths.len() as u32;
                lengths.push(len);
                for (id, c) in counts {
                    postings[global[id as usize] as usize].push((doc, c));
                }
            }
        }
        let average =
            (lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / n.max(1) as f64).max(1.0);
        let mut order: Vec<usize> = (0..words.len()).collect();
        order.sort_unstable_by(|&a, &b| words[a].cmp(&words[b]));
        let terms = order
            .into_iter()
            .map(|i| {
                let mut list = std::mem::take(&mut postings[i]);
                list.sort_unstable_by_key(|&(doc, _)| doc);
                let df = list.len() as f64;
                let idf = (1.0 + (n as f64 - df + 0.5) / (df + 0.5)).ln();
                let weights = list
                    .iter()
                    .map(|&(doc, c)| weight(c, idf, f64::from(lengths[doc as usize]) / average))
                    .collect();
                Term {
                    word: words[i].to_string(),
                    docs: list.into_iter().map(|(doc, _)| doc).collect(),
                    weights,
                }
            })
            .collect();
        Self::from_terms(terms, n as u32, synonyms)
    }
}

/// The weight of a word in an article: its best field's tier, then BM25 with field-weighted
/// term frequency; `relative_len` is the article's length over the average.
fn weight(counts: Counts, idf: f64, relative_len: f64) -> u16 {
    let tier = (0..FIELDS)
        .filter(|&f| counts[f] > 0)
        .map(|f| TIER_OF[f])
        .max()
        .unwrap_or(0);
    let tf: f64 = (0..FIELDS)
        .map(|f| FIELD_TF[f] * f64::from(counts[f]))
        .sum();
    let bm25 = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * relative_len));
    tier * TIER + (bm25 * BM25_SCALE).round().clamp(0.0, f64::from(TIER - 1)) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_word_outweighs_any_body_score() {
        let body_only = weight([0, 0, 0, 50], 10.0, 0.1);
        let title = weight([1, 0, 0, 0], 0.01, 10.0);
        assert!(title > body_only, "{title} > {body_only}");
        assert!(body_only < TIER);
    }

    #[test]
    fn more_mentions_in_a_shorter_article_weigh_more() {
        assert!(weight([0, 0, 0, 5], 2.0, 1.0) > weight([0, 0, 0, 1], 2.0, 1.0));
        assert!(weight([0, 0, 0, 3], 2.0, 0.5) > weight([0, 0, 0, 3], 2.0, 2.0));
        assert!(weight([0, 0, 0, 3], 3.0, 1.0) > weight([0, 0, 0, 3], 1.0, 1.0));
    }
}
