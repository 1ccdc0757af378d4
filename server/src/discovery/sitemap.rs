//! /sitemap.xml (sitemaps.org 0.9): every public page worth a search engine's index, with the
//! day each article last changed. That is the library, each topic's page (its canonical
//! URL is `/?topic=<slug>`), /help and every article. /saved, /my-data and /offline show what
//! one browser keeps, not content, and stay out. quick-xml's writer escapes every address.
//!
//! One file holds 50,000 addresses; a library nearing that needs a sitemap index.

use app::content::Library;
use app::model::topic_href;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// One `<url>`: a page's path, and the day an article last changed.
struct Page<'a> {
    path: String,
    last_changed: Option<&'a str>,
}

/// The sitemap of `library`, with addresses under `public_url`.
pub(super) fn sitemap(library: &Library, public_url: &str) -> Vec<u8> {
    let fixed = ["/".to_string(), "/help".to_string()];
    let topics = library.catalog().topics.iter().map(|t| topic_href(&t.slug));
    let mut pages: Vec<Page> = fixed
        .into_iter()
        .chain(topics)
        .map(|path| Page {
            path,
            last_changed: None,
        })
        .collect();
    pages.extend(library.articles().iter().map(|a| Page {
        path: a.page.card.href(),
        last_changed: Some(a.page.last_changed()),
    }));
    write(&pages, public_url).expect("writing XML to memory cannot fail")
}

fn write(pages: &[Page], public_url: &str) -> std::io::Result<Vec<u8>> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element("urlset")
        .with_attribute(("xmlns", NAMESPACE))
        .write_inner_content(|w| {
            for page in pages {
                w.create_element("url").write_inner_content(|w| {
                    let loc = format!("{public_url}{}", page.path);
                    w.create_element("loc")
                        .write_text_content(BytesText::new(&loc))?;
                    if let Some(day) = page.last_changed {
                        w.create_element("lastmod")
                            .write_text_content(BytesText::new(day))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(writer.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discovery::tests::library;

    /// One `<url>` as the writer lays it out.
    fn url(loc: &str, lastmod: Option<&str>) -> String {
        let lastmod = lastmod.map_or(String::new(), |d| format!("\n  <lastmod>{d}</lastmod>"));
        format!("\n <url>\n  <loc>{loc}</loc>{lastmod}\n </url>")
    }

    /// The whole document, so a change to its shape is seen here. (tests/feeds.rs reads the
    /// served one back with quick-xml's reader.)
    #[test]
    fn the_sitemap_lists_the_pages_then_every_article_escaped() {
        let library = library();
        let xml = String::from_utf8(sitemap(&library, "https://example.org/a&b")).unwrap();
        let base = "https://example.org/a&amp;b";
        let mut expected =
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{NAMESPACE}\">");
        expected += &url(&format!("{base}/"), None);
        expected += &url(&format!("{base}/help"), None);
        for topic in &library.catalog().topics {
            expected += &url(&format!("{base}/?topic={}", topic.slug), None);
        }
        expected += &url(
            &format!("{base}/articles/tea-and-toast"),
            Some("2026-05-01"),
        );
        expected += &url(&format!("{base}/articles/older"), Some("2025-01-02"));
        expected += "\n</urlset>";
        assert_eq!(xml, expected);
    }
}
