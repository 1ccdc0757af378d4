//! Server functions: how pages get their data. On the server they run in-process while
//! rendering; in the browser (client-side navigation) they are GET requests, so a CDN or
//! the offline cache can keep their answers.

use crate::model::{ArticlePage, LibraryData};
use crate::search::SearchIndex;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The shared, loaded library, provided to every render and server function by the server.
#[cfg(feature = "ssr")]
pub type SharedLibrary = std::sync::Arc<crate::content::Library>;

#[cfg(feature = "ssr")]
fn library() -> Result<SharedLibrary, ServerFnError> {
    use_context::<SharedLibrary>()
        .ok_or_else(|| ServerFnError::new("the content library is not loaded"))
}

/// The library, and the server's ranking of the search `q` it was asked with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LibraryPayload {
    pub data: LibraryData,
    pub q: String,
    /// Article indices best first, or `None` for an empty search.
    pub ranked: Option<Vec<u32>>,
}

#[server(prefix = "/api", endpoint = "library", input = GetUrl)]
pub async fn get_library(q: String) -> Result<LibraryPayload, ServerFnError> {
    let lib = library()?;
    let ranked = lib
        .search_index()
        .search(&q)
        .map(|r| r.into_iter().map(|i| i as u32).collect());
    Ok(LibraryPayload {
        data: lib.data().clone(),
        q,
        ranked,
    })
}

/// The compact search index (titles, summaries, topics and bodies), fetched once by the
/// library page after hydration.
#[server(prefix = "/api", endpoint = "search-index", input = GetUrl)]
pub async fn get_search_index() -> Result<SearchIndex, ServerFnError> {
    Ok(library()?.search_index().clone())
}

#[server(prefix = "/api", endpoint = "article", input = GetUrl)]
pub async fn get_article(slug: String) -> Result<Option<ArticlePage>, ServerFnError> {
    Ok(library()?.article(&slug).map(|a| a.page.clone()))
}
