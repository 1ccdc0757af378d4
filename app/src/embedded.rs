//! The library as one JSON file, for the static build. `server export FILE` writes it with
//! the content pipeline (so a malformed article fails the static build with the same file,
//! line and field as the server's start-up), and the `csr` build compiles it in and answers
//! every data request from it (see api.rs).

use crate::help::HelpDirectory;
use crate::model::{ArticleContent, Catalog};
use crate::search::SearchIndex;
use crate::site::SiteSettings;
use serde::{Deserialize, Serialize};

/// Everything the pages can ask for, loaded and rendered at build time.
#[derive(Debug, Serialize, Deserialize)]
pub struct EmbeddedLibrary {
    pub data: Catalog,
    pub index: SearchIndex,
    /// Every article page, in `data.articles` order.
    pub pages: Vec<ArticleContent>,
    /// The crisis and support services, with the default region the export was made with.
    pub help: HelpDirectory,
    /// The organisation's settings (site.toml) the export was made with.
    pub site: SiteSettings,
}

impl EmbeddedLibrary {
    pub fn catalog(&self) -> &Catalog {
        &self.data
    }

    pub fn search_index(&self) -> &SearchIndex {
        &self.index
    }

    pub fn help(&self) -> &HelpDirectory {
        &self.help
    }

    /// A linear scan: a library is a few hundred articles, looked up once a navigation.
    pub fn page(&self, slug: &str) -> Option<&ArticleContent> {
        self.pages.iter().find(|p| p.card.slug == slug)
    }
}

#[cfg(feature = "ssr")]
impl From<&crate::content::Library> for EmbeddedLibrary {
    fn from(lib: &crate::content::Library) -> Self {
        Self {
            data: lib.catalog().clone(),
            index: lib.search_index().clone(),
            pages: lib.articles().iter().map(|a| lib.page(a)).collect(),
            help: lib.help().clone(),
            site: lib.site().as_ref().clone(),
        }
    }
}

#[cfg(feature = "ssr")]
impl EmbeddedLibrary {
    pub fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string(self)
    }
}

/// The library compiled into the static build, parsed on first use.
#[cfg(feature = "csr")]
pub fn library() -> &'static EmbeddedLibrary {
    static LIBRARY: std::sync::OnceLock<EmbeddedLibrary> = std::sync::OnceLock::new();
    // Written by `cargo run -p server -- export target/static/library.json` (under target/,
    // so never committed), which `trunk build` runs first; a check of this build alone must
    // run it too.
    const JSON: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../target/static/library.json"
    ));
    LIBRARY.get_or_init(|| {
        serde_json::from_str(JSON).expect("the library exported at build time is valid")
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::content::Library;
    use std::path::Path;

    #[test]
    fn the_export_round_trips_and_finds_every_page() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let lib = Library::load(&dir).expect("the shipped content loads");
        let json = EmbeddedLibrary::from(&lib).to_json().unwrap();
        let back: EmbeddedLibrary = serde_json::from_str(&json).unwrap();
        assert_eq!(back.catalog(), lib.catalog());
        assert_eq!(back.search_index(), lib.search_index());
        assert_eq!(back.help(), lib.help());
        assert_eq!(&back.site, lib.site().as_ref());
        for card in &lib.catalog().articles {
            let page = back.page(&card.slug).expect("every card has its page");
            assert_eq!(
                Some(page),
                lib.article(&card.slug).map(|a| lib.page(a)).as_ref()
            );
        }
        assert!(back.page("no-such-article").is_none());
    }
}
