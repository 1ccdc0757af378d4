//! Server functions: how pages get their data. On the server they run in-process while
//! rendering; in the browser (client-side navigation) they are GET requests, so a CDN or
//! the offline cache can keep their answers. The static build (`csr`) has no server: there
//! the same functions, by the same names, answer from the library compiled in (see the
//! `embedded` module below), so the pages never know which build they are in.

use crate::filters::Filters;
use crate::help::HelpDirectory;
use crate::model::{ArticleCard, ArticleContent, Catalog, TopicCount};
#[cfg(any(feature = "ssr", feature = "csr"))]
use crate::search::SearchIndex;
use crate::search::{Chunk, IndexMeta, Marks};
use crate::shelf::Shelf;
#[cfg(any(feature = "ssr", feature = "csr"))]
use crate::shelf::{cards_of, WHOLE_CARDS};
use leptos::prelude::*;
#[cfg(not(feature = "csr"))]
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// Where every server function answers (the `prefix` each `#[server]` below names): the
/// server's layers, the offline cache and public/sw.js key on it. The attribute takes a
/// literal, so a test holds each function to this.
pub const API_PREFIX: &str = "/api";

/// The shared, loaded library, provided to every render and server function by the server.
#[cfg(feature = "ssr")]
pub type SharedLibrary = std::sync::Arc<crate::content::Library>;

#[cfg(feature = "ssr")]
fn library() -> Result<SharedLibrary, ServerFnError> {
    use_context::<SharedLibrary>()
        .ok_or_else(|| ServerFnError::new("the content library is not loaded"))
}

/// What the library page is first rendered and hydrated with: the topics with how many
/// articles carry each, and only the first cards of what the URL asks for. However large
/// the library, the page stays small; the rest comes with [`get_search_index`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FirstPage {
    pub topics: Vec<TopicCount>,
    /// The first [`FIRST_CARDS`] articles matching `asked`, best first.
    pub cards: Vec<ArticleCard>,
    /// Their numbers in the library, so the browser keeps them once the shelf comes.
    pub numbers: Vec<u32>,
    /// How many articles match `asked` in all.
    pub total: usize,
    /// The topics (as given, known or not) and search these cards answer.
    pub asked: Filters,
    /// The search as read when a word was taken for a typo: "Showing results for …".
    pub corrected: Option<String>,
    /// What to mark in the cards.
    pub marks: Marks,
}

/// Cards in the first render of the library: its first page.
pub const FIRST_CARDS: usize = 30;

/// `topics` is a comma-separated list of topic slugs.
#[cfg(not(feature = "csr"))]
#[server(prefix = "/api", endpoint = "library", input = GetUrl)]
pub async fn get_library(
    #[server(default)] topics: String,
    #[server(default)] q: String,
) -> Result<FirstPage, ServerFnError> {
    let lib = library()?;
    Ok(first_page(lib.catalog(), lib.search_index(), topics, q))
}

/// The library page's first cards for `topics` (comma-separated slugs) and search `q`.
/// (The hydrate build only calls the server, so it has no use for this.)
#[cfg(any(feature = "ssr", feature = "csr"))]
fn first_page(catalog: &Catalog, index: &SearchIndex, topics: String, q: String) -> FirstPage {
    let asked = Filters::from_topic_list(&topics, q);
    // An unknown topic (an old link, a typo) narrows nothing; the page says so.
    let mut known = asked.clone();
    known.topics.retain(|t| catalog.knows_topic(t));
    let answer = index
        .answer(&asked.q)
        .unwrap_or_else(|| crate::search::Answer {
            order: (0..catalog.articles.len()).collect(),
            ..Default::default()
        });
    let matching: Vec<usize> = answer
        .order
        .into_iter()
        .filter(|&i| known.matches_topics(&catalog.articles[i]))
        .collect();
    let first = &matching[..matching.len().min(FIRST_CARDS)];
    FirstPage {
        topics: catalog.topic_counts(),
        cards: first.iter().map(|&i| catalog.articles[i].clone()).collect(),
        numbers: first.iter().map(|&i| i as u32).collect(),
        total: matching.len(),
        asked,
        corrected: answer.corrected,
        marks: answer.marks,
    }
}

/// Every card, for pages that pick cards by the reader's own state (`/saved`).
#[cfg(not(feature = "csr"))]
#[server(prefix = "/api", endpoint = "cards", input = GetUrl)]
pub async fn get_cards() -> Result<Catalog, ServerFnError> {
    Ok(library()?.catalog().clone())
}

/// What the library page filters with, fetched once after hydration: where the search
/// index's chunks start ([`get_search_chunk`] sends each), and the shelf (see shelf.rs):
/// every article's slug and topics, with the cards themselves only for a library of up to
/// [`WHOLE_CARDS`] articles. So filtering never waits on the network, a search waits only
/// for the chunks its words need, once, and a large library sends only the cards shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchableCatalog {
    pub index: IndexMeta,
    pub shelf: Shelf,
    /// Every card, in library order, for a library small enough.
    pub cards: Option<Vec<ArticleCard>>,
}

#[cfg(not(feature = "csr"))]
#[server(prefix = "/api", endpoint = "search-index", input = GetUrl)]
pub async fn get_search_index() -> Result<SearchableCatalog, ServerFnError> {
    let lib = library()?;
    Ok(SearchableCatalog::of(
        lib.catalog(),
        lib.shelf(),
        lib.search_index(),
    ))
}

#[cfg(any(feature = "ssr", feature = "csr"))]
impl SearchableCatalog {
    fn of(data: &Catalog, shelf: &Shelf, index: &SearchIndex) -> Self {
        Self {
            index: index.meta.clone(),
            shelf: shelf.clone(),
            cards: (data.articles.len() <= WHOLE_CARDS).then(|| data.articles.clone()),
        }
    }
}

/// The cards numbered `ids` (comma-separated library numbers, at most
/// [`crate::shelf::MAX_CARDS_ASKED`]), in that order. `v` is the shelf's version: an
/// answer for another version is an error, never another library's cards.
#[cfg(not(feature = "csr"))]
#[server(prefix = "/api", endpoint = "cards-of", input = GetUrl)]
pub async fn get_cards_of(ids: String, v: String) -> Result<Vec<ArticleCard>, ServerFnError> {
    let lib = library()?;
    cards_of(lib.catalog(), &lib.shelf().version, &ids, &v).map_err(stale)
}

/// A request for a chunk or cards this library does not have: an open page's, from before a
/// deploy (it then asks for the new shelf), or a made-up one. The client's mistake, not the
/// server's: a 400 (see server/src/security.rs), not an error in the log.
#[cfg(any(feature = "ssr", feature = "csr"))]
fn stale(message: impl std::fmt::Display) -> ServerFnError {
    ServerFnError::Args(message.to_string())
}

/// Chunk `n` of the search index. `v` is the chunk's version (see `ChunkRef`): it changes
/// with the chunk's words, so a URL names one content and caches can keep it; an answer
/// for another version is an error, never a wrong chunk.
#[cfg(not(feature = "csr"))]
#[server(prefix = "/api", endpoint = "search-chunk", input = GetUrl)]
pub async fn get_search_chunk(n: u32, v: String) -> Result<Chunk, ServerFnError> {
    chunk_of(library()?.search_index(), n, &v)
}

#[cfg(any(feature = "ssr", feature = "csr"))]
fn chunk_of(index: &SearchIndex, n: u32, v: &str) -> Result<Chunk, ServerFnError> {
    let n = n as usize;
    match (index.chunks.get(n), index.meta.chunks.get(n)) {
        (Some(chunk), Some(r)) if r.version == v => Ok(chunk.clone()),
        _ => Err(stale("no such chunk of the search index")),
    }
}

#[cfg(not(feature = "csr"))]
#[server(prefix = "/api", endpoint = "article", input = GetUrl)]
pub async fn get_article(
    #[server(default)] slug: String,
) -> Result<Option<ArticleContent>, ServerFnError> {
    let lib = library()?;
    Ok(lib.article(&slug).map(|a| lib.page(a)))
}

/// What an article opened from a search (`?highlight=q`) marks: what `q` finds, as the
/// library's cards mark it. Called while rendering a page: by the server, or by the static
/// build in the browser; the hydrating build never renders a whole page, so it marks nothing.
pub fn marks_for(q: &str) -> Marks {
    #[cfg(feature = "ssr")]
    let index = library().ok();
    #[cfg(feature = "ssr")]
    let index = index.as_ref().map(|lib| lib.search_index());
    #[cfg(feature = "csr")]
    let index = Some(crate::embedded::library().search_index());
    #[cfg(not(any(feature = "ssr", feature = "csr")))]
    let index: Option<&crate::search::SearchIndex> = None;
    index
        .and_then(|index| index.answer(q))
        .map(|answer| answer.marks)
        .unwrap_or_default()
}

/// The crisis and support services of content/help.toml, with the default region.
#[cfg(not(feature = "csr"))]
#[server(prefix = "/api", endpoint = "help", input = GetUrl)]
pub async fn get_help() -> Result<HelpDirectory, ServerFnError> {
    Ok(library()?.help().clone())
}

/// The static build's answers: the same signatures as the server functions above, from the
/// library compiled into the WASM. `async` and `Result` only to match them.
#[cfg(feature = "csr")]
mod embedded {
    use super::*;
    use crate::embedded::library;

    pub async fn get_library(topics: String, q: String) -> Result<FirstPage, ServerFnError> {
        let lib = library();
        Ok(first_page(lib.catalog(), lib.search_index(), topics, q))
    }

    pub async fn get_cards() -> Result<Catalog, ServerFnError> {
        Ok(library().catalog().clone())
    }

    pub async fn get_search_index() -> Result<SearchableCatalog, ServerFnError> {
        let lib = library();
        let shelf = Shelf::of(lib.catalog());
        Ok(SearchableCatalog::of(
            lib.catalog(),
            &shelf,
            lib.search_index(),
        ))
    }

    pub async fn get_cards_of(ids: String, v: String) -> Result<Vec<ArticleCard>, ServerFnError> {
        let catalog = library().catalog();
        let version = Shelf::of(catalog).version;
        cards_of(catalog, &version, &ids, &v).map_err(super::stale)
    }

    pub async fn get_search_chunk(n: u32, v: String) -> Result<Chunk, ServerFnError> {
        chunk_of(library().search_index(), n, &v)
    }

    pub async fn get_article(slug: String) -> Result<Option<ArticleContent>, ServerFnError> {
        Ok(library().page(&slug).cloned())
    }

    pub async fn get_help() -> Result<HelpDirectory, ServerFnError> {
        Ok(library().help().clone())
    }
}
#[cfg(feature = "csr")]
pub use embedded::*;

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use leptos::server_fn::ServerFn;

    #[test]
    fn every_server_function_answers_under_the_api_prefix() {
        for path in [
            GetLibrary::PATH,
            GetCards::PATH,
            GetSearchIndex::PATH,
            GetSearchChunk::PATH,
            GetCardsOf::PATH,
            GetArticle::PATH,
            GetHelp::PATH,
        ] {
            assert!(path.starts_with(&format!("{API_PREFIX}/")), "{path}");
        }
    }
}
