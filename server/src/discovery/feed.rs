//! /feed.xml: the newest articles as an Atom feed (RFC 4287), each with its whole summary,
//! so a feed reader shows what an article is about before it is opened. atom_syndication
//! writes it from its own model of the format, escaping every text and attribute.

use super::FEED_PATH;
use app::components::meta::SITE_DESCRIPTION;
use app::content::{Article, Date, Library};
use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text};

/// How many articles the feed lists: readers poll it for what is new, not for the archive.
pub const FEED_ENTRIES: usize = 20;

/// The feed of `library`'s newest articles, with links under `public_url`.
pub(super) fn feed(library: &Library, public_url: &str) -> Vec<u8> {
    let newest = newest(library.articles());
    // The feed changed when its newest entry did; computed, not the clock's time, so every
    // replica and every start-up makes the same bytes (and the same ETag).
    let updated = newest
        .iter()
        .map(|a| a.page.last_changed())
        .max()
        .map_or_else(|| date_time(&Date::today().iso()), date_time);
    let feed = Feed {
        title: Text::plain(library.site().name.clone()),
        subtitle: Some(Text::plain(SITE_DESCRIPTION)),
        id: format!("{public_url}/"),
        updated,
        // RFC 4287 wants an author for every entry: the site's stands in for an entry
        // without its own.
        authors: vec![person(&library.site().name)],
        links: vec![
            link(format!("{public_url}/"), "alternate", "text/html"),
            link(
                format!("{public_url}{FEED_PATH}"),
                "self",
                "application/atom+xml",
            ),
        ],
        lang: Some("en".into()),
        entries: newest.iter().map(|a| entry(a, public_url)).collect(),
        ..Feed::default()
    };
    feed.write_to(Vec::new())
        .expect("writing a feed to memory cannot fail")
}

/// The [`FEED_ENTRIES`] newest articles: by publication, then by update, newest first.
fn newest(articles: &[Article]) -> Vec<&Article> {
    let mut newest: Vec<&Article> = articles.iter().collect();
    newest.sort_by(|a, b| {
        let (a, b) = (&a.page, &b.page);
        (&b.card.published, &b.updated, &a.card.slug).cmp(&(
            &a.card.published,
            &a.updated,
            &b.card.slug,
        ))
    });
    newest.truncate(FEED_ENTRIES);
    newest
}

fn entry(article: &Article, public_url: &str) -> Entry {
    let card = &article.page.card;
    let url = format!("{public_url}{}", card.href());
    Entry {
        title: Text::plain(card.title.as_str()),
        // The article's address is its permanent, unique name.
        id: url.clone(),
        updated: date_time(article.page.last_changed()),
        published: Some(date_time(&card.published)),
        authors: article.page.author.iter().map(|a| person(a)).collect(),
        categories: card
            .topics
            .iter()
            .map(|t| Category {
                term: t.slug.clone(),
                label: Some(t.name.clone()),
                ..Category::default()
            })
            .collect(),
        links: vec![link(url, "alternate", "text/html")],
        summary: Some(Text::plain(card.summary.as_str())),
        ..Entry::default()
    }
}

/// Midnight UTC of a `YYYY-MM-DD` date: Atom's dates are date-times (RFC 3339).
fn date_time(iso: &str) -> FixedDateTime {
    format!("{iso}T00:00:00Z")
        .parse()
        .expect("the content pipeline writes only valid YYYY-MM-DD dates")
}

fn person(name: &str) -> Person {
    Person {
        name: name.to_string(),
        ..Person::default()
    }
}

fn link(href: String, rel: &str, mime_type: &str) -> Link {
    Link {
        href,
        rel: rel.into(),
        mime_type: Some(mime_type.into()),
        ..Link::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discovery::tests::library;

    const URL: &str = "https://wellspring.example";

    fn parsed(library: &Library) -> Feed {
        Feed::read_from(&feed(library, URL)[..]).expect("the feed parses")
    }

    #[test]
    fn the_feed_parses_and_lists_the_articles_newest_first() {
        let library = library();
        let feed = parsed(&library);
        assert_eq!(feed.title().value, library.site().name);
        assert_eq!(feed.id(), format!("{URL}/"));
        let entries = feed.entries();
        assert_eq!(entries.len(), library.articles().len().min(FEED_ENTRIES));
        assert!(entries
            .windows(2)
            .all(|w| w[0].published() >= w[1].published()));
        let self_link = feed.links().iter().find(|l| l.rel() == "self").unwrap();
        assert_eq!(self_link.href(), format!("{URL}/feed.xml"));
        // The feed changed when its most recently changed entry did.
        assert_eq!(
            feed.updated(),
            entries.iter().map(|e| e.updated()).max().unwrap()
        );
    }

    #[test]
    fn an_entry_carries_its_article_whole_and_escaped() {
        let library = library();
        let feed = parsed(&library);
        let article = &library.article("tea-and-toast").unwrap().page;
        let entry = feed
            .entries()
            .iter()
            .find(|e| e.id() == format!("{URL}/articles/tea-and-toast"))
            .expect("the article is listed under its absolute URL");
        assert_eq!(entry.title().value, article.card.title);
        assert!(article.card.title.contains(['&', '<', '"', '\'']));
        assert_eq!(entry.summary().unwrap().value, article.card.summary);
        assert_eq!(entry.links()[0].href(), entry.id());
        assert_eq!(
            entry.published().unwrap().to_rfc3339(),
            "2026-03-10T00:00:00+00:00"
        );
        assert_eq!(entry.updated().to_rfc3339(), "2026-05-01T00:00:00+00:00");
        let topics: Vec<_> = entry.categories().iter().map(|c| c.term()).collect();
        let expected: Vec<_> = article
            .card
            .topics
            .iter()
            .map(|t| t.slug.as_str())
            .collect();
        assert_eq!(topics, expected);
        assert_eq!(
            entry.categories()[0].label(),
            Some(article.card.topics[0].name.as_str())
        );
    }

    #[test]
    fn only_the_newest_are_listed_with_updates_breaking_ties() {
        // More articles than the feed lists, two of them published on the newest day.
        let library = crate::discovery::tests::library_of(FEED_ENTRIES + 3);
        let feed = parsed(&library);
        assert_eq!(feed.entries().len(), FEED_ENTRIES);
        let ids: Vec<_> = feed.entries().iter().map(|e| e.id()).collect();
        assert_eq!(ids[0], format!("{URL}/articles/updated-later"));
        assert!(!ids.contains(&format!("{URL}/articles/article-1").as_str()));
    }
}
