//! Which site settings (site.toml) a render uses, wherever it runs. A component of its own
//! so the settings themselves (`crate::site`) stay a model that names no page or server part.

use crate::site::SiteSettings;
use std::sync::Arc;

/// The settings this render or build uses: the server provides them with the library
/// (`SharedLibrary`); the static build has them compiled in. The hydrating build never
/// renders the parts that read them (they are not islands), so it gets the defaults.
pub fn use_site() -> Arc<SiteSettings> {
    #[cfg(feature = "ssr")]
    if let Some(lib) = leptos::prelude::use_context::<crate::api::SharedLibrary>() {
        return lib.site().clone();
    }
    #[cfg(feature = "csr")]
    {
        static SITE: std::sync::OnceLock<Arc<SiteSettings>> = std::sync::OnceLock::new();
        SITE.get_or_init(|| Arc::new(crate::embedded::library().site.clone()))
            .clone()
    }
    #[cfg(not(feature = "csr"))]
    Arc::new(SiteSettings::default())
}
