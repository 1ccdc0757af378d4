//! schema.org data (JSON-LD) that lets search engines show an article as one: its headline,
//! dates, author and publisher.

use super::meta::site_origin;
use super::settings::use_site;
use crate::model::ArticleContent;
use leptos::prelude::*;
use serde_json::{json, Value};

/// The article's `Article` data as a `<script type="application/ld+json">`.
///
/// A script element whose type is not JavaScript is a data block: the browser never prepares
/// it as a script, so the page's `script-src` is never consulted for it (HTML's "prepare the
/// script element" stops at the type, before the CSP check, and Chromium's ScriptLoader
/// does the same), and it causes no violation with or without a nonce. It carries the
/// response's nonce all the same, so that every `<script>` of a page has it, as
/// server/tests/headers.rs checks, with no exception to argue about.
pub fn article_structured_data(content: &ArticleContent) -> impl IntoView {
    let json = script_json(&article_data(content, &site_origin()));
    view! {
        <script type="application/ld+json" nonce=leptos::nonce::use_nonce() inner_html=json></script>
    }
}

/// schema.org `Article` data for `content`, its URL under `origin`, published by the site
/// (site.toml's name).
pub fn article_data(content: &ArticleContent, origin: &str) -> Value {
    let card = &content.card;
    let url = format!("{origin}{}", card.href());
    let mut data = json!({
        "@context": "https://schema.org",
        // schema.org gives "lastReviewed" and "reviewedBy" to WebPage, not Article, so the
        // page is both (not MedicalWebPage: Wellspring makes no clinical claim).
        "@type": ["Article", "WebPage"],
        "headline": card.title,
        "description": card.summary,
        "datePublished": card.published,
        "dateModified": content.last_changed(),
        "url": url,
        "mainEntityOfPage": url,
        "publisher": { "@type": "Organization", "name": use_site().name },
    });
    if let Some(author) = &content.author {
        data["author"] = json!({ "@type": "Person", "name": author });
    }
    data["lastReviewed"] = json!(content.reviewed);
    if let Some(reviewer) = &content.reviewer {
        data["reviewedBy"] =
            json!({ "@type": "Person", "name": reviewer.name, "jobTitle": reviewer.role });
    }
    data["citation"] = content.sources.iter().map(|s| json!(s.url)).collect();
    data
}

/// `data` as JSON that cannot end the script element it sits in: every `<`, `>` and `&`
/// written as a JSON escape, so neither `</script>` nor `<!--` (which changes how the HTML
/// parser reads the rest of a script) can appear. Outside strings, JSON has none of them.
pub fn script_json(data: &Value) -> String {
    let mut out = String::new();
    for c in data.to_string().chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleCard, TopicRef};

    fn content(title: &str, author: Option<&str>, updated: Option<&str>) -> ArticleContent {
        ArticleContent {
            card: ArticleCard {
                slug: "tea-and-toast".into(),
                title: title.into(),
                summary: "A summary with \"quotes\" & <angles>.".into(),
                topics: vec![TopicRef {
                    slug: "sleep".into(),
                    name: "Sleep".into(),
                }],
                published: "2026-03-10".into(),
                published_label: "10 March 2026".into(),
                reading_minutes: 4,
            },
            updated: updated.map(Into::into),
            updated_label: None,
            author: author.map(Into::into),
            reviewed: "2026-05-01".into(),
            reviewed_label: "1 May 2026".into(),
            next_review: "2027-05-01".into(),
            next_review_label: "1 May 2027".into(),
            reviewer: Some(crate::model::Reviewer {
                name: "R. Viewer".into(),
                role: "Editor".into(),
            }),
            sources: vec![crate::model::Source {
                title: "A source".into(),
                url: "https://example.org/source".into(),
            }],
            toc: Vec::new(),
            body_html: String::new(),
            related: Vec::new(),
        }
    }

    #[test]
    fn the_data_names_the_article_its_dates_and_publisher() {
        let article = content("Tea & Toast", Some("A. Writer"), Some("2026-04-01"));
        let data = article_data(&article, "https://wellspring.example");
        assert_eq!(data["@type"], json!(["Article", "WebPage"]));
        assert_eq!(data["lastReviewed"], "2026-05-01");
        assert_eq!(data["reviewedBy"]["jobTitle"], "Editor");
        assert_eq!(data["citation"], json!(["https://example.org/source"]));
        assert_eq!(data["headline"], "Tea & Toast");
        assert_eq!(data["datePublished"], "2026-03-10");
        assert_eq!(data["dateModified"], "2026-04-01");
        assert_eq!(
            data["url"],
            "https://wellspring.example/articles/tea-and-toast"
        );
        assert_eq!(
            data["publisher"]["name"],
            crate::site::SiteSettings::default().name
        );
        assert_eq!(data["author"]["name"], "A. Writer");
    }

    #[test]
    fn without_an_update_or_author_the_data_says_only_what_is_known() {
        let data = article_data(&content("Tea", None, None), "");
        assert_eq!(data["dateModified"], "2026-03-10");
        assert!(data.get("author").is_none());
    }

    #[test]
    fn the_script_text_cannot_close_its_element_and_parses_back() {
        let title = "</script><script>alert(1)</script><!-- & \"quoted\"";
        let data = article_data(&content(title, None, None), "");
        let text = script_json(&data);
        for forbidden in ['<', '>', '&'] {
            assert!(!text.contains(forbidden), "{text}");
        }
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, data);
        assert_eq!(back["headline"], title);
    }
}
