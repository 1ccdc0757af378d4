//! Search over the library, shared by the server (the first render of `/?q=`, the article
//! page's `?highlight=`), the static build and the browser (every keystroke after hydration).
//!
//! Every word of every article is indexed: title, summary, topic names, headings and body,
//! accent- and case-folded (normalize.rs). A query word finds the words it starts, the words
//! sharing its stem (stem.rs) and what content/synonyms.toml says it means (synonyms.rs); a
//! word of five letters or more that finds nothing is read as its nearest word one typo away
//! (query.rs). Every query word must be found; title and heading matches rank first, then
//! BM25 (build.rs works the weights out once, so a query only adds them up).
//!
//! The index is cut into chunks of neighbouring words, as Pagefind does (shards.rs): the
//! browser gets a small list of where each chunk starts, then fetches only the chunks a query
//! needs, so even a 10,000-article library sends a few chunks per search, and the article
//! page carries none of it.

mod build;
mod highlight;
mod normalize;
mod query;
mod shards;
mod stem;
mod synonyms;
mod wire;

pub use build::{Doc, Reading};
pub use highlight::{highlight, highlight_html, Marks};
pub use normalize::{each_word, fold, words};
pub use query::{Answer, Missing};
pub use shards::{version_of, ChunkRef, Chunks, IndexMeta, LoadedIndex};
pub use stem::stem;
pub use synonyms::{Synonym, Synonyms};

use serde::{Deserialize, Serialize};

/// One word of the vocabulary and the articles that contain it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Term {
    #[serde(rename = "w")]
    pub word: String,
    /// Article numbers (library order), ascending; sent as gaps, which are small numbers.
    #[serde(rename = "d", with = "wire::gaps")]
    pub docs: Vec<u32>,
    /// Per article of `docs`, how well the word describes it (see build.rs).
    #[serde(rename = "s")]
    pub weights: Vec<u16>,
    /// For a stem term ("~sleep"), the words it stands for, which a search marks.
    #[serde(rename = "f", default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<String>,
}

/// A run of neighbouring words of the sorted vocabulary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Chunk {
    pub terms: Vec<Term>,
}

/// The whole index, as the server and the static build hold it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchIndex {
    pub meta: IndexMeta,
    pub chunks: Vec<Chunk>,
}

impl SearchIndex {
    /// The answer to `query`; `None` for a query with no words. Every chunk is here.
    pub fn answer(&self, query: &str) -> Option<Answer> {
        query::answer(self, query).expect("the whole index holds every chunk")
    }

    /// The articles `query` finds, best first; `None` for a query with no words.
    pub fn search(&self, query: &str) -> Option<Vec<usize>> {
        self.answer(query).map(|a| a.order)
    }
}

impl LoadedIndex {
    /// The answer to `query`, or the chunks it needs first.
    pub fn answer(&self, query: &str) -> Result<Option<Answer>, Missing> {
        query::answer(self, query)
    }
}

#[cfg(test)]
mod tests;
