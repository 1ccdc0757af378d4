//! Building the index: every word of every field counted per article, then one weight per
//! (word, article), worked out here once so that a query only adds weights up.
//!
//! A weight is a rank tier (the best field the word is in: title, then headings, then the
//! card's summary and topics, then the body) times [`TIER`], plus the word's BM25 score in the
//! article scaled below [`TIER`]. So an article with the words in its title comes first, and
//! among equals the one about the subject comes before the one that mentions it once.

use super::normalize::each_word;
use super::stem::stem;
use super::{SearchIndex, Synonyms, Term};
use std::collections::HashMap;

/// What is indexed of one article.
pub struct Doc<'a> {
    pub title: &'a str,
    /// The summary and topic names: what the card shows besides the title.
    pub card: String,
    /// The section headings.
    pub headings: String,
    /// Owned, so that it is freed as soon as it is read: a large library's bodies are
    /// never all held at once.
    pub body: String,
}

const FIELDS: usize = 4;
/// Each field's rank tier, in the order of [`Doc`]'s fields.
const TIER_OF: [u8; FIELDS] = [3, 2, 1, 0];
/// How much one occurrence in each field counts towards BM25's term frequency (BM25F).
const FIELD_TF: [u32; FIELDS] = [4, 2, 2, 1];
/// One rank tier: above any BM25 part.
pub(super) const TIER: u16 = 1000;
/// BM25's usual constants, and the scale from its score (about 0 to 20) to the weight.
const K1: f64 = 1.2;
const B: f64 = 0.75;
const BM25_SCALE: f64 = 40.0;
/// Stem terms ("~sleep": every article with a form of "sleep") sort after every word, as
/// words are letters and digits only.
pub(super) const STEM_MARK: char = '~';

/// A word in one article: its field-weighted frequency and its best field's tier, packed
/// in 6 bytes: a library of 10,000 articles has millions.
#[derive(Clone, Copy)]
#[repr(C, packed(2))]
struct Hit {
    doc: u32,
    /// The tier in the top 2 bits, the frequency (at most [`MAX_TF`]) below.
    packed: u16,
}

/// One word's hits in each reading that has it: (reading, hits).
type WordLists = Vec<(usize, Vec<Hit>)>;

/// Frequencies above this count as this: BM25 has long levelled off.
const MAX_TF: u32 = (1 << 14) - 1;

impl Hit {
    fn new(doc: u32, tf: u32, tier: u8) -> Self {
        Hit {
            doc,
            packed: (u16::from(tier) << 14) | tf.min(MAX_TF) as u16,
        }
    }

    fn tf(self) -> u32 {
        u32::from(self.packed) & MAX_TF
    }

    fn tier(self) -> u16 {
        self.packed >> 14
    }
}

/// The words of articles read one at a time, numbered in the order read: per word its hits
/// (ascending article numbers), and each article's length in words. At start-up each core
/// reads the articles it renders as it renders them, so no article's plain text outlives
/// its own rendering.
#[derive(Default)]
pub struct Reading {
    ids: HashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    hits: Vec<Vec<Hit>>,
    lengths: Vec<u32>,
    /// (word, field) of each occurrence in one article: sorted, not hashed, per article.
    seen: Vec<(u32, u8)>,
}

impl Reading {
    /// Reads `doc` as the next article.
    pub fn read(&mut self, doc: &Doc) {
        let n = self.lengths.len() as u32;
        let Self {
            ids,
            words,
            hits,
            seen,
            ..
        } = self;
        seen.clear();
        let fields = [doc.title, &doc.headings, &doc.card, &doc.body];
        for (field, text) in fields.into_iter().enumerate() {
            each_word(text, |_, w| {
                let id = match ids.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = words.len() as u32;
                        words.push(w.into());
                        hits.push(Vec::new());
                        ids.insert(w.into(), id);
                        id
                    }
                };
                seen.push((id, field as u8));
            });
        }
        self.lengths.push(seen.len() as u32);
        seen.sort_unstable();
        for run in seen.chunk_by(|a, b| a.0 == b.0) {
            let tf: u32 = run.iter().map(|&(_, f)| FIELD_TF[f as usize]).sum();
            let tier = run
                .iter()
                .map(|&(_, f)| TIER_OF[f as usize])
                .max()
                .unwrap_or(0);
            hits[run[0].0 as usize].push(Hit::new(n, tf, tier));
        }
    }

    /// How many articles were read.
    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    /// What the lists grew beyond their length goes back now, not after the other readings.
    fn finish(mut self) -> Self {
        self.hits.iter_mut().for_each(Vec::shrink_to_fit);
        self.ids = HashMap::new();
        self.seen = Vec::new();
        self
    }
}

impl SearchIndex {
    /// The index of `docs`, in their order. Each core reads a share.
    pub fn build<'a>(docs: impl Iterator<Item = Doc<'a>>, synonyms: Synonyms) -> Self {
        let mut docs: Vec<Doc> = docs.collect();
        let readings = crate::parallel::map_shares(&mut docs, |share| {
            let mut reading = Reading::default();
            for doc in share {
                reading.read(doc);
                doc.body = String::new();
            }
            reading
        });
        drop(docs);
        Self::from_readings(readings, None, synonyms)
    }

    /// The index of what `readings` read. Article `l` of reading `s` is article
    /// `place[s][l]` of the library, or without `place`, the readings follow one another.
    /// The readings are never merged into a copy: each word's term is made from its lists
    /// in every reading, and those are freed as they are used, so a large library's words
    /// are held once.
    pub fn from_readings(
        readings: Vec<Reading>,
        place: Option<Vec<Vec<u32>>>,
        synonyms: Synonyms,
    ) -> Self {
        let mut shares: Vec<Reading> = readings.into_iter().map(Reading::finish).collect();
        let n: usize = shares.iter().map(Reading::len).sum();
        // Where each reading's articles go in the library.
        let mut start = 0;
        let place: Vec<Vec<u32>> = match place {
            Some(place) => place,
            None => shares
                .iter()
                .map(|s| {
                    let range = start..start + s.len() as u32;
                    start = range.end;
                    range.collect()
                })
                .collect(),
        };
        let mut lengths = vec![0u32; n];
        for (share, place) in shares.iter().zip(&place) {
            for (&len, &at) in share.lengths.iter().zip(place) {
                lengths[at as usize] = len;
            }
        }
        // The global vocabulary: per word, where it is in each reading that has it.
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut parts: Vec<(&str, Vec<(usize, usize)>)> = Vec::new();
        for (s, share) in shares.iter().enumerate() {
            for (local, word) in share.words.iter().enumerate() {
                let id = *ids.entry(word).or_insert_with(|| {
                    parts.push((word, Vec::new()));
                    parts.len() - 1
                });
                parts[id].1.push((s, local));
            }
        }
        drop(ids);
        parts.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let words: Vec<(String, Vec<(usize, usize)>)> =
            parts.into_iter().map(|(w, p)| (w.to_string(), p)).collect();
        let average =
            (lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / n.max(1) as f64).max(1.0);
        // Each word's lists, moved out of the readings (no copy), so that the cores build
        // the terms of disjoint words; each list is freed as it is used.
        let mut lists: Vec<(String, WordLists)> = words
            .into_iter()
            .map(|(word, parts)| {
                let lists = parts
                    .into_iter()
                    .map(|(s, l)| (s, std::mem::take(&mut shares[s].hits[l])))
                    .collect();
                (word, lists)
            })
            .collect();
        drop(shares);
        let (place, lengths) = (&place, &lengths);
        let built = crate::parallel::map_shares(&mut lists, |words| {
            let mut postings: Vec<(u32, u16)> = Vec::new();
            let terms: Vec<Term> = words
                .iter_mut()
                .map(|(word, lists)| {
                    let lists = std::mem::take(lists);
                    let df: usize = lists.iter().map(|(_, hits)| hits.len()).sum();
                    let idf = (1.0 + (n as f64 - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
                    postings.clear();
                    for (s, hits) in lists {
                        for hit in hits {
                            let doc = place[s][hit.doc as usize];
                            let relative = f64::from(lengths[doc as usize]) / average;
                            postings.push((doc, weight(&hit, idf, relative)));
                        }
                    }
                    postings.sort_unstable_by_key(|p| p.0);
                    Term {
                        word: std::mem::take(word),
                        docs: postings.iter().map(|p| p.0).collect(),
                        weights: postings.iter().map(|p| p.1).collect(),
                        forms: Vec::new(),
                    }
                })
                .collect();
            terms
        });
        drop(lists);
        let mut terms: Vec<Term> = built.into_iter().flatten().collect();
        terms.extend(stem_terms(&terms));
        Self::from_terms(terms, n as u32, synonyms)
    }
}

/// For each stem that several words share ("sleep": sleep, sleeping, sleeps), one term
/// "~sleep" with every article holding a form, at the best weight of its forms there, so a
/// query finds a word's forms in one chunk, wherever in the vocabulary they sort.
fn stem_terms(terms: &[Term]) -> Vec<Term> {
    let mut families: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, t) in terms.iter().enumerate() {
        families
            .entry(stem(&t.word).into_owned())
            .or_default()
            .push(i);
    }
    let mut out: Vec<Term> = families
        .into_iter()
        .filter(|(_, members)| members.len() > 1)
        .map(|(s, members)| {
            let mut best: Vec<(u32, u16)> = members
                .iter()
                .flat_map(|&m| {
                    terms[m]
                        .docs
                        .iter()
                        .copied()
                        .zip(terms[m].weights.iter().copied())
                })
                .collect();
            best.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            best.dedup_by_key(|p| p.0);
            Term {
                word: format!("{STEM_MARK}{s}"),
                docs: best.iter().map(|p| p.0).collect(),
                weights: best.iter().map(|p| p.1).collect(),
                forms: members.iter().map(|&m| terms[m].word.clone()).collect(),
            }
        })
        .collect();
    out.sort_unstable_by(|a, b| a.word.cmp(&b.word));
    out
}

/// The weight of a word in an article: its best field's tier, then BM25 with field-weighted
/// term frequency; `relative_len` is the article's length over the average.
fn weight(hit: &Hit, idf: f64, relative_len: f64) -> u16 {
    let tf = f64::from(hit.tf());
    let bm25 = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * relative_len));
    hit.tier() * TIER + (bm25 * BM25_SCALE).round().clamp(0.0, f64::from(TIER - 1)) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(tf: u32, tier: u8) -> Hit {
        Hit::new(0, tf, tier)
    }

    #[test]
    fn a_title_word_outweighs_any_body_score() {
        let body_only = weight(&hit(50, 0), 10.0, 0.1);
        let title = weight(&hit(4, 3), 0.01, 10.0);
        assert!(title > body_only, "{title} > {body_only}");
        assert!(body_only < TIER);
    }

    #[test]
    fn more_mentions_in_a_shorter_article_weigh_more() {
        assert!(weight(&hit(5, 0), 2.0, 1.0) > weight(&hit(1, 0), 2.0, 1.0));
        assert!(weight(&hit(3, 0), 2.0, 0.5) > weight(&hit(3, 0), 2.0, 2.0));
        assert!(weight(&hit(3, 0), 3.0, 1.0) > weight(&hit(3, 0), 1.0, 1.0));
    }

    fn doc<'a>(title: &'a str, body: &str) -> Doc<'a> {
        Doc {
            title,
            card: String::new(),
            headings: String::new(),
            body: body.to_string(),
        }
    }

    #[test]
    fn articles_read_in_any_order_are_placed_where_the_library_puts_them() {
        let mut first = Reading::default();
        first.read(&doc("Sleep", "rest at night"));
        first.read(&doc("Walking", "a walk helps rest"));
        let mut second = Reading::default();
        second.read(&doc("Money", "debt and rest"));
        // The library's order: the second reading's article first, then the first's reversed.
        let place = vec![vec![2, 1], vec![0]];
        let placed =
            SearchIndex::from_readings(vec![first, second], Some(place), Synonyms::default());
        assert_eq!(placed.search("money"), Some(vec![0]));
        assert_eq!(placed.search("walking"), Some(vec![1]));
        assert_eq!(placed.search("sleep"), Some(vec![2]));
        let mut all = placed.search("rest").unwrap();
        all.sort_unstable();
        assert_eq!(all, [0, 1, 2], "each article once, at its place");
        // The same articles indexed in the library's order weigh the same.
        let in_order = SearchIndex::build(
            [
                doc("Money", "debt and rest"),
                doc("Walking", "a walk helps rest"),
                doc("Sleep", "rest at night"),
            ]
            .into_iter(),
            Synonyms::default(),
        );
        assert_eq!(in_order, placed);
    }

    #[test]
    fn forms_of_a_word_share_a_stem_term() {
        let body = "sleeping well; she sleeps; sleep".to_string();
        let docs = [Doc {
            title: "",
            card: String::new(),
            headings: String::new(),
            body,
        }];
        let index = SearchIndex::build(docs.into_iter(), Synonyms::default());
        let all: Vec<&Term> = index.chunks.iter().flat_map(|c| &c.terms).collect();
        let family = all
            .iter()
            .find(|t| t.word == "~sleep")
            .expect("a stem term");
        assert_eq!(family.forms, ["sleep", "sleeping", "sleeps"]);
        assert!(
            !all.iter().any(|t| t.word == "~well"),
            "a word alone is its own family"
        );
        assert_eq!(all.last().unwrap().word, "~sleep", "stem terms sort last");
    }
}
