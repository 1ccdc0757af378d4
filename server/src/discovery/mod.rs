//! What lets feed readers and search engines find the articles: the Atom feed, the sitemap
//! and robots.txt. They change only with the library, so they are made once, when it has
//! loaded, and served as they are (`routes`); the static build writes the same bytes into
//! its output (`write_to`, run by `server discovery`).
//!
//! - `feed.rs`: /feed.xml, the newest articles in full summary;
//! - `sitemap.rs`: /sitemap.xml, every public page worth indexing.

mod feed;
mod sitemap;

pub use app::components::meta::FEED_PATH;
pub use feed::FEED_ENTRIES;

use app::content::Library;
use axum::{body::Bytes, http::header, routing::get, Router};
use std::path::Path;

pub const SITEMAP_PATH: &str = "/sitemap.xml";
pub const ROBOTS_PATH: &str = "/robots.txt";

/// Whether `path` is one of the documents here (security.rs gives them their cache policy,
/// api_cache.rs their validators).
pub fn is_discovery(path: &str) -> bool {
    [FEED_PATH, SITEMAP_PATH, ROBOTS_PATH].contains(&path)
}

/// One document, ready to send.
#[derive(Clone, Debug)]
pub struct Document {
    pub path: &'static str,
    pub content_type: &'static str,
    pub body: Bytes,
}

/// The feed, the sitemap and robots.txt of one library at one public URL.
#[derive(Clone, Debug)]
pub struct Discovery {
    documents: Vec<Document>,
}

impl Discovery {
    /// The documents of `library`, with absolute URLs under `public_url` (scheme, host and
    /// port, without a trailing slash, as `Config::public_url` has it).
    pub fn new(library: &Library, public_url: &str) -> Self {
        let documents = vec![
            Document {
                path: FEED_PATH,
                content_type: "application/atom+xml; charset=utf-8",
                body: feed::feed(library, public_url).into(),
            },
            Document {
                path: SITEMAP_PATH,
                content_type: "application/xml; charset=utf-8",
                body: sitemap::sitemap(library, public_url).into(),
            },
            Document {
                path: ROBOTS_PATH,
                content_type: "text/plain; charset=utf-8",
                body: robots(public_url).into(),
            },
        ];
        Self { documents }
    }

    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The document served at `path`.
    pub fn get(&self, path: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.path == path)
    }

    /// A route for each document. Each answer shares the bytes made at start-up.
    pub fn routes<S: Clone + Send + Sync + 'static>(&self) -> Router<S> {
        self.documents
            .iter()
            .fold(Router::new(), |router, document| {
                let (content_type, body) = (document.content_type, document.body.clone());
                router.route(
                    document.path,
                    get(move || async move { ([(header::CONTENT_TYPE, content_type)], body) }),
                )
            })
    }

    /// Writes each document into `dir` under its path's name (feed.xml, sitemap.xml,
    /// robots.txt), as a static host serves them from the site's root.
    pub fn write_to(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        for document in &self.documents {
            std::fs::write(
                dir.join(document.path.trim_start_matches('/')),
                &document.body,
            )?;
        }
        Ok(())
    }
}

/// Every crawler may read everything; the sitemap says where the articles are.
fn robots(public_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {public_url}{SITEMAP_PATH}\n")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use app::help::HelpDirectory;
    use app::model::Topic;
    use std::path::PathBuf;

    /// An article file: `updated` is empty or a whole `updated = ...` line.
    fn source(
        slug: &str,
        title: &str,
        topics: &str,
        published: &str,
        updated: &str,
    ) -> (PathBuf, String) {
        let summary = format!("Summary of {title}, <em>not</em> markup.");
        let src = format!(
            "+++\ntitle = {title:?}\nsummary = {summary:?}\n\
             topics = [{topics}]\npublished = {published}\n{updated}\
             reviewed = {published}\n\
             sources = [{{ title = \"A source\", url = \"https://example.org/\" }}]\n\
             +++\n\nA body.\n"
        );
        (format!("{slug}.md").into(), src)
    }

    fn build(sources: Vec<(PathBuf, String)>) -> Library {
        let topics = ["sleep", "stress"]
            .map(|slug| Topic {
                slug: slug.into(),
                name: format!("{slug} & more"),
                description: String::new(),
            })
            .to_vec();
        Library::from_sources(topics, HelpDirectory::default(), sources).unwrap()
    }

    /// A small library whose newest article's title and summary carry every character XML
    /// and HTML treat specially, for the documents' own tests.
    pub(crate) fn library() -> Library {
        build(vec![
            source(
                "tea-and-toast",
                "Tea & <Toast>: \"quoted\" 'too' </script>",
                "\"sleep\", \"stress\"",
                "2026-03-10",
                "updated = 2026-05-01\n",
            ),
            source("older", "Older", "\"stress\"", "2025-01-02", ""),
        ])
    }

    /// `n` articles, one a day from 2025-01-01 (`article-1` the oldest), the last two
    /// (`article-<n-1>` and `updated-later`) published the same day and only the second
    /// updated since.
    pub(crate) fn library_of(n: usize) -> Library {
        let day = |i: usize| format!("2025-{:02}-{:02}", 1 + i / 28, 1 + i % 28);
        let mut sources: Vec<_> = (1..n)
            .map(|i| {
                source(
                    &format!("article-{i}"),
                    &format!("Article {i}"),
                    "\"sleep\"",
                    &day(i),
                    "",
                )
            })
            .collect();
        sources.push(source(
            "updated-later",
            "Updated later",
            "\"sleep\"",
            &day(n - 1),
            "updated = 2026-01-01\n",
        ));
        build(sources)
    }

    #[test]
    fn robots_allows_all_and_names_the_sitemap() {
        let discovery = Discovery::new(&library(), "https://wellspring.example");
        let robots = &discovery.get(ROBOTS_PATH).unwrap().body;
        let robots = std::str::from_utf8(robots).unwrap();
        assert!(robots.starts_with("User-agent: *\nAllow: /\n"), "{robots}");
        assert!(robots.contains("\nSitemap: https://wellspring.example/sitemap.xml\n"));
    }

    #[test]
    fn the_documents_are_written_under_their_paths() {
        let dir = std::env::temp_dir().join(format!("wellspring-discovery-{}", std::process::id()));
        let discovery = Discovery::new(&library(), "https://wellspring.example");
        discovery.write_to(&dir.join("dist")).unwrap();
        for (name, path) in [
            ("feed.xml", FEED_PATH),
            ("sitemap.xml", SITEMAP_PATH),
            ("robots.txt", ROBOTS_PATH),
        ] {
            let written = std::fs::read(dir.join("dist").join(name)).unwrap();
            assert_eq!(written, discovery.get(path).unwrap().body, "{name}");
            assert!(is_discovery(path));
        }
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(!is_discovery("/feed.xml/x"));
    }
}
