//! Server functions: how pages get their data. On the server they run in-process while
//! rendering; in the browser (client-side navigation) they are GET requests, so a CDN or
//! the offline cache can keep their answers. The static build (`csr`) has no server: there
//! the same functions, by the same names, answer from the library compiled in (see the
//! `embedded` module below), so the pages never know which build they are in.

use crate::help::HelpDirectory;
use crate::model::{ArticleCard, ArticlePage, LibraryData, Topic};
use crate::search::SearchIndex;
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
pub struct LibraryPayload {
    pub topics: Vec<(Topic, usize)>,
    /// The first [`FIRST_CARDS`] articles matching `asked`, best first.
    pub cards: Vec<ArticleCard>,
    /// How many articles match `asked` in all.
    pub total: usize,
    /// The topics (as given, known or not) and search these cards answer.
    pub asked: (Vec<String>, String),
}

/// Cards in the first render of the library: its first page.
pub const FIRST_CARDS: usize = 30;

/// `topics` is a comma-separated list of topic slugs.
#[cfg(not(feature = "csr"))]
#[server(prefix = "/api", endpoint = "library", input = GetUrl)]
pub async fn get_library(
    #[server(default)] topics: String,
    #[server(default)] q: String,
) -> Result<LibraryPayload, ServerFnError> {
    let lib = library()?;
    Ok(library_payload(lib.data(), lib.search_index(), topics, q))
}

/// The library page's first cards for `topics` (comma-separated slugs) and search `q`.
/// (The hydrate build only calls the server, so it has no use for this.)
#[cfg(any(feature = "ssr", feature = "csr"))]
fn library_payload(
    data: &LibraryData,
    index: &SearchIndex,
    topics: String,
    q: String,
) -> LibraryPayload {
    use crate::pages::filters::Filters;
    let asked: Vec<String> = topics
        .split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    let filters = Filters {
        topics: asked
            .iter()
            .filter(|t| data.knows_topic(t))
            .cloned()
            .collect(),
        q: q.clone(),
        show: None,
    };
    let order = index
        .search(&q)
        .unwrap_or_else(|| (0..data.articles.len()).collect());
    let matching: Vec<&ArticleCard> = order
        .into_iter()
        .map(|i| &data.articles[i])
        .filter(|card| filters.matches_topics(card))
        .collect();
    LibraryPayload {
        topics: data.topic_counts(),
        cards: matching
            .iter()
            .take(FIRST_CARDS)
            .map(|&c| c.clone())
            .collect(),
        total: matching.len(),
        asked: (asked, q),
    }
}

/// Every card, for pages that pick cards by the reader's own state (`/saved`).
#[cfg(not(feature = "csr"))]
#[server(prefix = "/api", endpoint = "cards", input = GetUrl)]
pub async fn get_cards() -> Result<LibraryData, ServerFnError> {
    Ok(library()?.data().clone())
}

/// The whole library for filtering in the browser: every card, and the compact search
/// index (titles, summaries, topics and bodies' distinctive words). Fetched once by the
/// library page after hydration, so filtering and typing never wait on the network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LibraryIndex {
    pub data: LibraryData,
    pub index: SearchIndex,
}

#[cfg(not(feature = "csr"))]
#[server(prefix = "/api", endpoint = "search-index", input = GetUrl)]
pub async fn get_search_index() -> Result<LibraryIndex, ServerFnError> {
    let lib = library()?;
    Ok(LibraryIndex::of(lib.data(), lib.search_index()))
}

#[cfg(any(feature = "ssr", feature = "csr"))]
impl LibraryIndex {
    fn of(data: &LibraryData, index: &SearchIndex) -> Self {
        Self {
            data: data.clone(),
            index: index.clone(),
        }
    }
}

#[cfg(not(feature = "csr"))]
#[server(prefix = "/api", endpoint = "article", input = GetUrl)]
pub async fn get_article(
    #[server(default)] slug: String,
) -> Result<Option<ArticlePage>, ServerFnError> {
    Ok(library()?.article(&slug).map(|a| a.page.clone()))
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

    pub async fn get_library(topics: String, q: String) -> Result<LibraryPayload, ServerFnError> {
        let lib = library();
        Ok(library_payload(lib.data(), lib.search_index(), topics, q))
    }

    pub async fn get_cards() -> Result<LibraryData, ServerFnError> {
        Ok(library().data().clone())
    }

    pub async fn get_search_index() -> Result<LibraryIndex, ServerFnError> {
        let lib = library();
        Ok(LibraryIndex::of(lib.data(), lib.search_index()))
    }

    pub async fn get_article(slug: String) -> Result<Option<ArticlePage>, ServerFnError> {
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
            GetArticle::PATH,
            GetHelp::PATH,
        ] {
            assert!(path.starts_with(&format!("{API_PREFIX}/")), "{path}");
        }
    }
}
