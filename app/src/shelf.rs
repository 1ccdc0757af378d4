//! The library as the browser filters it, without sending every card: per article (library
//! order) its slug and topics, which is all the topic and reader-state filters look at. The
//! cards come whole with it for a library of up to [`WHOLE_CARDS`] articles, so filtering
//! never waits on the network; a larger library's cards come by result, only those a reader
//! is shown (`/api/cards-of`), as Pagefind fetches a result's fragment.

use crate::model::{ArticleCard, Catalog};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Up to this many articles, the cards come whole with the shelf: some 50–100 KB with
/// brotli, and every filter and search is then answered with no request at all.
pub const WHOLE_CARDS: usize = 500;

/// The most cards one request may ask for: a few pages of results.
pub const MAX_CARDS_ASKED: usize = 200;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shelf {
    /// The topics' slugs: articles name theirs by number in this list.
    pub topics: Vec<String>,
    /// Per article, its slug.
    pub slugs: Vec<String>,
    /// Per article, the numbers of its topics.
    #[serde(rename = "topics_of")]
    pub topics_of: Vec<Vec<u16>>,
    /// A hash of every card, in the URL of each request for cards: an answer is never a
    /// card of another version of the library.
    pub version: String,
}

impl Shelf {
    pub fn of(catalog: &Catalog) -> Self {
        let topics: Vec<String> = catalog.topics.iter().map(|t| t.slug.clone()).collect();
        let number: HashMap<&str, u16> = topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i as u16))
            .collect();
        Self {
            slugs: catalog.articles.iter().map(|a| a.slug.clone()).collect(),
            topics_of: catalog
                .articles
                .iter()
                .map(|a| {
                    a.topics
                        .iter()
                        .filter_map(|t| number.get(t.slug.as_str()).copied())
                        .collect()
                })
                .collect(),
            topics,
            version: crate::search::version_of(&catalog.articles),
        }
    }

    pub fn len(&self) -> usize {
        self.slugs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slugs.is_empty()
    }

    /// Whether article `i` carries the topic `slug`.
    pub fn has_topic(&self, i: usize, slug: &str) -> bool {
        self.topics_of[i]
            .iter()
            .any(|&t| self.topics.get(usize::from(t)).is_some_and(|s| s == slug))
    }
}

/// The cards the browser holds so far, by library number, over a shelf.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadedCards {
    pub shelf: Shelf,
    cards: Vec<Option<ArticleCard>>,
    by_slug: HashMap<String, usize>,
}

impl LoadedCards {
    pub fn new(shelf: Shelf) -> Self {
        Self {
            cards: vec![None; shelf.len()],
            by_slug: shelf
                .slugs
                .iter()
                .enumerate()
                .map(|(i, s)| (s.clone(), i))
                .collect(),
            shelf,
        }
    }

    /// Keeps `cards`, numbered; a number off the shelf, or a card of another slug than the
    /// shelf's there, is left out.
    pub fn add(&mut self, cards: impl IntoIterator<Item = (usize, ArticleCard)>) {
        for (i, card) in cards {
            if self.shelf.slugs.get(i) == Some(&card.slug) {
                self.cards[i] = Some(card);
            }
        }
    }

    /// The library number of the article `slug`.
    pub fn number(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// The cards of `ids`, in order, or the ids among them not here yet.
    pub fn cards(&self, ids: &[usize]) -> Result<Vec<ArticleCard>, Vec<usize>> {
        let missing = self.missing(ids);
        if missing.is_empty() {
            Ok(self.present(ids))
        } else {
            Err(missing)
        }
    }

    /// The ids of `ids` whose cards have not come.
    pub fn missing(&self, ids: &[usize]) -> Vec<usize> {
        let absent = |i: &usize| matches!(self.cards.get(*i), Some(None));
        ids.iter().copied().filter(absent).collect()
    }

    /// The cards of `ids` that have come, in order.
    pub fn present(&self, ids: &[usize]) -> Vec<ArticleCard> {
        ids.iter()
            .filter_map(|&i| self.cards.get(i).cloned().flatten())
            .collect()
    }
}

/// `ids` as the request for cards writes them: "3,17,42".
pub fn ids_param(ids: &[usize]) -> String {
    ids.iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The cards `ids` (as [`ids_param`] writes them) name in `catalog`, if it is the version
/// `v` and every id is a card of it.
pub fn cards_of(
    catalog: &Catalog,
    version: &str,
    ids: &str,
    v: &str,
) -> Result<Vec<ArticleCard>, String> {
    if v != version {
        return Err("the library changed: reload the page".into());
    }
    let ids: Vec<&str> = ids.split(',').filter(|s| !s.is_empty()).collect();
    if ids.len() > MAX_CARDS_ASKED {
        return Err(format!("at most {MAX_CARDS_ASKED} cards at once"));
    }
    ids.into_iter()
        .map(|id| {
            id.parse::<usize>()
                .ok()
                .and_then(|i| catalog.articles.get(i).cloned())
                .ok_or_else(|| format!("no card numbered \"{id}\""))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Topic, TopicRef};

    fn catalog() -> Catalog {
        let topic = |slug: &str| Topic {
            slug: slug.into(),
            name: slug.into(),
            description: String::new(),
        };
        let card = |slug: &str, topics: &[&str]| ArticleCard {
            slug: slug.into(),
            title: slug.into(),
            summary: String::new(),
            topics: topics
                .iter()
                .map(|t| TopicRef {
                    slug: (*t).into(),
                    name: (*t).into(),
                })
                .collect(),
            published: "2026-01-01".into(),
            published_label: "1 January 2026".into(),
            reading_minutes: 3,
        };
        Catalog {
            topics: vec![topic("rest"), topic("work")],
            articles: vec![
                card("a", &["rest"]),
                card("b", &["work", "rest"]),
                card("c", &[]),
            ],
        }
    }

    #[test]
    fn the_shelf_keeps_each_articles_slug_and_topics() {
        let shelf = Shelf::of(&catalog());
        assert_eq!(shelf.len(), 3);
        assert!(shelf.has_topic(0, "rest") && !shelf.has_topic(0, "work"));
        assert!(shelf.has_topic(1, "work") && shelf.has_topic(1, "rest"));
        assert!(!shelf.has_topic(2, "rest"));
        let mut changed = catalog();
        changed.articles[2].title = "c, retitled".into();
        assert_ne!(
            Shelf::of(&changed).version,
            shelf.version,
            "any card's change"
        );
    }

    #[test]
    fn cards_come_by_number_and_say_which_are_missing() {
        let catalog = catalog();
        let shelf = Shelf::of(&catalog);
        let mut loaded = LoadedCards::new(shelf.clone());
        assert_eq!(loaded.cards(&[2, 0]), Err(vec![2, 0]));
        let sent = cards_of(
            &catalog,
            &shelf.version,
            &ids_param(&[2, 0]),
            &shelf.version,
        )
        .unwrap();
        loaded.add([2, 0].into_iter().zip(sent));
        let slugs: Vec<String> = loaded
            .cards(&[2, 0])
            .unwrap()
            .into_iter()
            .map(|c| c.slug)
            .collect();
        assert_eq!(slugs, ["c", "a"]);
        assert_eq!(loaded.cards(&[0, 1]), Err(vec![1]));
        assert_eq!(loaded.number("b"), Some(1));
        // A card put at the wrong number is not kept.
        loaded.add([(1, catalog.articles[0].clone())]);
        assert_eq!(loaded.cards(&[1]), Err(vec![1]));
    }

    #[test]
    fn a_request_for_cards_of_another_version_or_no_card_is_refused() {
        let catalog = catalog();
        let v = Shelf::of(&catalog).version;
        assert!(cards_of(&catalog, &v, "0", "stale").is_err());
        assert!(cards_of(&catalog, &v, "0,9", &v).is_err());
        assert!(cards_of(&catalog, &v, "x", &v).is_err());
        let many = ids_param(&vec![0; MAX_CARDS_ASKED + 1]);
        assert!(cards_of(&catalog, &v, &many, &v).is_err());
        assert_eq!(cards_of(&catalog, &v, "", &v), Ok(Vec::new()));
    }
}
