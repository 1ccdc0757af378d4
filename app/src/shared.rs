//! State every interactive part of a page shares: reader state and offline state.
//!
//! The server-rendered site hydrates its interactive parts as separate islands, each its own
//! reactive root, so a context provided by one is not seen by the others. In the browser the
//! state therefore lives once per page under a root owner of its own, which no island or route
//! outlives; on the server (which renders every page without reader state) each render makes
//! its own.

use leptos::prelude::*;

/// The page's one `T`, made by `make` on first use.
pub fn page_state<T: Clone + Send + Sync + 'static>(make: fn() -> T) -> T {
    #[cfg(feature = "browser")]
    {
        thread_local! {
            static ROOT: leptos::reactive::owner::Owner = leptos::reactive::owner::Owner::new_root(None);
        }
        ROOT.with(|root| root.with(|| from_context(make)))
    }
    #[cfg(not(feature = "browser"))]
    from_context(make)
}

fn from_context<T: Clone + Send + Sync + 'static>(make: fn() -> T) -> T {
    use_context::<T>().unwrap_or_else(|| {
        let state = make();
        provide_context(state.clone());
        state
    })
}
