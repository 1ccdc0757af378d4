//! Server functions: how pages get their data. On the server they run in-process while
//! rendering; in the browser (client-side navigation) they are GET requests, so a CDN or
//! the offline cache can keep their answers.

use crate::model::{ArticlePage, LibraryData};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The shared, loaded library, provided to every render and server function by the server.
#[cfg(feature = "ssr")]
pub type SharedLibrary = std::sync::Arc<crate::content::Library>;

#[cfg(feature = "ssr")]
fn library() -> Result<SharedLibrary, ServerFnError> {
    use_context::<SharedLibrary>()
        .ok_or_else(|| ServerFnError::new("the content library is not loaded"))
}

#[server(prefix = "/api", endpoint = "library", input = GetUrl)]
pub async fn get_library() -> Result<LibraryData, ServerFnError> {
    Ok(library()?.data().clone())
}

#[server(prefix = "/api", endpoint = "article", input = GetUrl)]
pub async fn get_article(slug: String) -> Result<Option<ArticlePage>, ServerFnError> {
    Ok(library()?.article(&slug).map(|a| a.page.clone()))
}
