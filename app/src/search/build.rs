//! Building the index: every article's words numbered in one sorted vocabulary.

use super::normalize::each_word;
use super::{SearchIndex, BODY_TERMS};
use std::collections::HashMap;

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
        each_word(text, |_, w| out.push(self.id(w)));
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
}
