//! The index cut into chunks of neighbouring words, so the browser fetches only what a query
//! needs (as Pagefind does). The meta, sent first, lists where each chunk starts and a version
//! that changes with its content, so a chunk's URL can be kept as long as it is valid.

use super::{Chunk, SearchIndex, Synonyms, Term};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;

/// About how many (word, article) pairs a chunk holds: some 30 KB of JSON before
/// compression. A word is never split, so a word in every article is a chunk of its own.
const CHUNK_POSTINGS: usize = 4000;

/// What the browser needs before any chunk: how many articles, where each chunk starts, and
/// the synonyms.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexMeta {
    pub docs: u32,
    pub chunks: Vec<ChunkRef>,
    pub synonyms: Synonyms,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkRef {
    /// The chunk's first word ("" for the first chunk): chunk i holds the words from its
    /// `first` up to the next chunk's.
    pub first: String,
    /// A hash of the chunk's content, in its URL: a new version is a new URL.
    pub version: String,
}

impl IndexMeta {
    /// The chunks that can hold words starting with `prefix`.
    pub fn chunks_for(&self, prefix: &str) -> Range<usize> {
        if self.chunks.is_empty() {
            return 0..0;
        }
        let start = self
            .chunks
            .partition_point(|c| c.first.as_str() <= prefix)
            .saturating_sub(1);
        let more = self.chunks[start + 1..].partition_point(|c| c.first.starts_with(prefix));
        start..start + 1 + more
    }

    /// The one chunk that holds `word` if any does.
    pub fn chunk_holding(&self, word: &str) -> Range<usize> {
        let at = self.chunks.partition_point(|c| c.first.as_str() <= word);
        at.saturating_sub(1)..at
    }
}

/// Where a query finds chunks: all of them on the server and in the static build, the ones
/// fetched so far in the browser.
pub trait Chunks {
    fn meta(&self) -> &IndexMeta;
    fn chunk(&self, i: usize) -> Option<&Chunk>;
}

impl Chunks for SearchIndex {
    fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    fn chunk(&self, i: usize) -> Option<&Chunk> {
        self.chunks.get(i)
    }
}

/// The browser's index: the meta, and the chunks fetched so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadedIndex {
    pub meta: IndexMeta,
    pub loaded: HashMap<usize, Chunk>,
}

impl Chunks for LoadedIndex {
    fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    fn chunk(&self, i: usize) -> Option<&Chunk> {
        self.loaded.get(&i)
    }
}

impl Chunk {
    /// The words of this chunk that start with `prefix`.
    pub fn starting_with(&self, prefix: &str) -> &[Term] {
        let from = self.terms.partition_point(|t| t.word.as_str() < prefix);
        let len = self.terms[from..].partition_point(|t| t.word.starts_with(prefix));
        &self.terms[from..from + len]
    }
}

impl SearchIndex {
    /// The index of `terms` (sorted, distinct) over `docs` articles, cut into chunks.
    pub(super) fn from_terms(terms: Vec<Term>, docs: u32, synonyms: Synonyms) -> Self {
        let mut chunks: Vec<Chunk> = Vec::new();
        let mut size = 0;
        for term in terms {
            if chunks.is_empty() || size >= CHUNK_POSTINGS {
                chunks.push(Chunk::default());
                size = 0;
            }
            size += term.docs.len() + 1;
            chunks.last_mut().expect("pushed above").terms.push(term);
        }
        let refs = chunks
            .iter()
            .enumerate()
            .map(|(i, c)| ChunkRef {
                first: if i == 0 {
                    String::new()
                } else {
                    c.terms[0].word.clone()
                },
                version: version_of(c),
            })
            .collect();
        SearchIndex {
            meta: IndexMeta {
                docs,
                chunks: refs,
                synonyms,
            },
            chunks,
        }
    }
}

/// A short hash of `value` that tells versions of it apart: FNV-1a (64 bits) over what
/// `Hash` feeds it. The same on every replica built from the same code.
pub fn version_of(value: &impl std::hash::Hash) -> String {
    struct Fnv(u64);
    impl std::hash::Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    let mut hasher = Fnv(0xcbf2_9ce4_8422_2325);
    value.hash(&mut hasher);
    format!("{:016x}", std::hash::Hasher::finish(&hasher))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(word: &str, docs: usize) -> Term {
        Term {
            word: word.into(),
            docs: (0..docs as u32).collect(),
            weights: vec![1; docs],
            forms: Vec::new(),
        }
    }

    #[test]
    fn chunks_cover_the_words_in_order_and_prefixes_find_them() {
        let words = [
            "alpha", "beta", "sleep", "sleeping", "sleepy", "slow", "zeta",
        ];
        let terms = words.iter().map(|w| term(w, CHUNK_POSTINGS)).collect();
        let index = SearchIndex::from_terms(terms, CHUNK_POSTINGS as u32, Synonyms::default());
        assert_eq!(index.chunks.len(), words.len(), "one big word per chunk");
        for (i, w) in words.iter().enumerate() {
            let found = index.meta.chunks_for(w);
            assert!(found.contains(&i), "{w} in {found:?}");
        }
        let sl = index.meta.chunks_for("sl");
        let found: Vec<&str> = sl
            .flat_map(|i| index.chunks[i].starting_with("sl"))
            .map(|t| t.word.as_str())
            .collect();
        assert_eq!(found, ["sleep", "sleeping", "sleepy", "slow"]);
        assert_eq!(index.meta.chunks_for("a"), 0..1);
        assert_eq!(index.meta.chunks_for("zz"), 6..7);
        assert_eq!(index.meta.chunks_for(""), 0..1 + 6);
    }

    #[test]
    fn small_words_share_a_chunk_and_versions_follow_content() {
        let index =
            SearchIndex::from_terms(vec![term("a", 1), term("b", 1)], 1, Synonyms::default());
        assert_eq!(index.chunks.len(), 1);
        let other = SearchIndex::from_terms(vec![term("a", 1)], 1, Synonyms::default());
        assert_ne!(index.meta.chunks[0].version, other.meta.chunks[0].version);
        assert_eq!(SearchIndex::default().meta.chunks_for("x"), 0..0);
    }
}
