//! Which cards the library shows for some filters, as plain Rust (no signals), so every rule
//! of it is unit tested: the first render answers from the server's first page of cards;
//! once the shelf has come (after hydration), from that: every article's slug and topics,
//! and the search index's chunks fetched so far.

use crate::api::FirstPage;
use crate::filters::Filters;
use crate::model::{ArticleCard, Catalog};
use crate::search::{Answer, LoadedIndex, Marks, Missing};
use crate::shelf::{LoadedCards, Shelf};

/// What the library can filter at a given moment.
pub enum Source<'a> {
    /// The server's first page for the URL the page was opened with.
    First(&'a FirstPage),
    /// Every article's slug and topics, and the search index's chunks fetched so far.
    Whole(&'a Shelf, &'a LoadedIndex),
}

/// The cards some filters keep, best first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// Indices into the source's articles: the first page's cards, or the library.
    pub order: Vec<usize>,
    /// How many articles match in the whole library: the server counted the first URL's;
    /// any other is counted here.
    pub matched: usize,
    /// Whether `order` numbers the whole library (else the first page).
    pub whole: bool,
    /// The search as read when a word was taken for a typo.
    pub corrected: Option<String>,
    pub marks: Marks,
    /// Chunks of the index the search needs and does not have yet: until they come, the
    /// last search's articles stay (`found`), filtered by the new topics.
    pub missing: Vec<usize>,
    /// The search's own order, before topics and reader state (`None`: no search).
    found: Option<Vec<usize>>,
}

impl Results {
    /// The cards of the first `n` results: from the first page, or from the cards the
    /// browser holds, which may not have come yet (`Err`: the library numbers missing).
    pub fn first_n(
        &self,
        first: &FirstPage,
        cards: Option<&LoadedCards>,
        n: usize,
    ) -> Result<Vec<ArticleCard>, Vec<usize>> {
        let ids = &self.order[..self.order.len().min(n)];
        match (self.whole, cards) {
            (true, Some(cards)) => cards.cards(ids),
            (true, None) => Err(ids.to_vec()),
            (false, _) => Ok(ids.iter().map(|&i| first.cards[i].clone()).collect()),
        }
    }
}

impl Source<'_> {
    fn len(&self) -> usize {
        match self {
            Source::First(page) => page.cards.len(),
            Source::Whole(shelf, _) => shelf.len(),
        }
    }

    fn slug(&self, i: usize) -> &str {
        match self {
            Source::First(page) => &page.cards[i].slug,
            Source::Whole(shelf, _) => &shelf.slugs[i],
        }
    }

    fn has_topic(&self, i: usize, topic: &str) -> bool {
        match self {
            Source::First(page) => page.cards[i].has_topic(topic),
            Source::Whole(shelf, _) => shelf.has_topic(i, topic),
        }
    }
}

/// The results of `filters`. `known` says whether a topic exists: an unknown topic (an old
/// link, a typo) narrows nothing. `keep` is the reader-state filter, by slug. `last` is what
/// was shown before, kept while the index's chunks for a new search are on their way.
pub fn results(
    source: &Source,
    filters: &Filters,
    known: impl Fn(&str) -> bool,
    keep: impl Fn(&str) -> bool,
    last: Option<&Results>,
) -> Results {
    let mut f = filters.clone();
    f.topics.retain(|t| known(t));
    let mut missing = Vec::new();
    let (answer, whole) = match source {
        Source::Whole(_, index) => match index.answer(&f.q) {
            Ok(answer) => (answer, true),
            Err(Missing(chunks)) => {
                missing = chunks;
                let last = last.filter(|l| l.whole);
                let answer = last.map(|l| Answer {
                    order: l
                        .found
                        .clone()
                        .unwrap_or_else(|| (0..source.len()).collect()),
                    corrected: l.corrected.clone(),
                    marks: l.marks.clone(),
                });
                (answer, true)
            }
        },
        // The server's first page already answers the URL it was made for, in its order.
        Source::First(page) if answers(page, filters) => (
            Some(Answer {
                order: (0..source.len()).collect(),
                corrected: page.corrected.clone(),
                marks: page.marks.clone(),
            }),
            false,
        ),
        Source::First(page) => {
            let index = Catalog {
                topics: Vec::new(),
                articles: page.cards.clone(),
            }
            .card_index();
            (index.answer(&f.q), false)
        }
    };
    let searched = !f.q.trim().is_empty() && answer.is_some();
    let Answer {
        order: found,
        corrected,
        marks,
    } = answer.unwrap_or_else(|| Answer {
        order: (0..source.len()).collect(),
        ..Answer::default()
    });
    // An index a moment newer than the shelf (a new library is taken one signal at a time,
    // data.rs) may name articles the shelf has not: left out, never a panic.
    let order: Vec<usize> = found
        .iter()
        .copied()
        .filter(|&i| i < source.len())
        .filter(|&i| f.matches_topics_by(|t| source.has_topic(i, t)) && keep(source.slug(i)))
        .collect();
    let matched = match source {
        Source::First(page) if answers(page, filters) && filters.show.is_none() => page.total,
        _ => order.len(),
    };
    Results {
        order,
        matched,
        whole,
        corrected,
        marks,
        missing,
        found: searched.then_some(found),
    }
}

/// Whether the server's first page was made for these filters' topics and search.
fn answers(page: &FirstPage, filters: &Filters) -> bool {
    page.asked.topics == filters.topics && page.asked.q == filters.q
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::Show;
    use crate::model::{ArticleCard, Topic, TopicRef};

    fn card(slug: &str, title: &str, topic: &str) -> ArticleCard {
        ArticleCard {
            slug: slug.into(),
            title: title.into(),
            summary: format!("About {title}."),
            topics: vec![TopicRef {
                slug: topic.into(),
                name: topic.into(),
            }],
            published: "2026-01-01".into(),
            published_label: "1 January 2026".into(),
            reading_minutes: 3,
        }
    }

    fn catalog() -> Catalog {
        let topic = |slug: &str| Topic {
            slug: slug.into(),
            name: slug.into(),
            description: String::new(),
        };
        Catalog {
            topics: vec![topic("rest"), topic("stress")],
            articles: vec![
                card("a", "Sleep well", "rest"),
                card("b", "Stress at work", "stress"),
                card("c", "Sleep and stress", "stress"),
            ],
        }
    }

    fn first(asked: Filters, cards: Vec<ArticleCard>, total: usize) -> FirstPage {
        FirstPage {
            topics: Vec::new(),
            numbers: (0..cards.len() as u32).collect(),
            cards,
            total,
            asked,
            corrected: None,
            marks: Marks::default(),
        }
    }

    /// The browser's index of `catalog` with every chunk fetched.
    fn whole_index(catalog: &Catalog) -> LoadedIndex {
        let index = catalog.card_index();
        LoadedIndex {
            meta: index.meta.clone(),
            loaded: index.chunks.into_iter().enumerate().collect(),
        }
    }

    /// Every card of `catalog`, as the browser holds them once they came.
    fn all_cards(catalog: &Catalog) -> LoadedCards {
        let mut cards = LoadedCards::new(Shelf::of(catalog));
        cards.add(catalog.articles.iter().cloned().enumerate());
        cards
    }

    fn slugs(cards: Vec<ArticleCard>) -> Vec<String> {
        cards.into_iter().map(|c| c.slug).collect()
    }

    #[test]
    fn while_chunks_are_on_their_way_the_last_results_stay_under_new_topics() {
        let catalog = catalog();
        let shelf = Shelf::of(&catalog);
        let full = whole_index(&catalog);
        let source = Source::Whole(&shelf, &full);
        let sleep = Filters::default().with_q("sleep".into());
        let before = results(&source, &sleep, ANY, ANY, None);
        assert_eq!(before.matched, 2);
        let empty = LoadedIndex {
            meta: full.meta.clone(),
            ..LoadedIndex::default()
        };
        let waiting = Source::Whole(&shelf, &empty);
        let stress = Filters::from_topic_list("stress", "sleepy".into());
        let r = results(&waiting, &stress, ANY, ANY, Some(&before));
        assert!(!r.missing.is_empty());
        let page = first(Filters::default(), Vec::new(), 0);
        let shown = r.first_n(&page, Some(&all_cards(&catalog)), 10).unwrap();
        assert_eq!(slugs(shown), ["c"], "sleep's articles, of the topic");
        assert_eq!(r.matched, 1);
    }

    const ANY: fn(&str) -> bool = |_| true;

    #[test]
    fn the_first_page_answers_its_own_url_with_the_servers_count() {
        let asked = Filters::from_topic_list("stress", String::new());
        let page = first(asked.clone(), catalog().articles[1..].to_vec(), 40);
        let r = results(&Source::First(&page), &asked, ANY, ANY, None);
        assert_eq!(r.order, [0, 1]);
        assert_eq!(r.matched, 40, "the server counted the whole library");
        assert!(!r.whole);
        // A reader-state filter is the browser's own: counted here.
        let saved_only = asked.with_show(Some(Show::Saved));
        let r = results(&Source::First(&page), &saved_only, ANY, |s| s == "c", None);
        assert_eq!((r.order.as_slice(), r.matched), (&[1][..], 1));
    }

    #[test]
    fn other_filters_are_answered_from_the_first_page_until_the_shelf_comes() {
        let page = first(Filters::default(), catalog().articles, 3);
        let sleep = Filters::default().with_q("sleep".into());
        let r = results(&Source::First(&page), &sleep, ANY, ANY, None);
        assert_eq!(r.matched, 2);
        let mut shown = slugs(r.first_n(&page, None, 10).unwrap());
        shown.sort();
        assert_eq!(shown, ["a", "c"]);
    }

    #[test]
    fn the_whole_library_is_searched_with_its_index_and_shows_the_cards_that_came() {
        let catalog = catalog();
        let shelf = Shelf::of(&catalog);
        let index = whole_index(&catalog);
        let source = Source::Whole(&shelf, &index);
        let f = Filters::from_topic_list("stress", "sleep".into());
        let r = results(&source, &f, ANY, ANY, None);
        assert!(r.whole);
        assert_eq!(r.matched, 1);
        let page = first(Filters::default(), Vec::new(), 0);
        // The card of the one result has not come: its library number is asked for.
        let none = LoadedCards::new(shelf.clone());
        assert_eq!(r.first_n(&page, Some(&none), 10), Err(vec![2]));
        assert_eq!(r.first_n(&page, None, 10), Err(vec![2]));
        let cards = all_cards(&catalog);
        assert_eq!(slugs(r.first_n(&page, Some(&cards), 10).unwrap()), ["c"]);
        // Paging: never more than asked for.
        let all = results(&source, &Filters::default(), ANY, ANY, None);
        assert_eq!(all.matched, catalog.articles.len());
        assert_eq!(all.first_n(&page, Some(&cards), 2).unwrap().len(), 2);
    }

    #[test]
    fn an_index_newer_than_the_shelf_leaves_out_what_the_shelf_lacks() {
        let catalog = catalog();
        let mut older = catalog.clone();
        older.articles.truncate(1);
        let shelf = Shelf::of(&older);
        let index = whole_index(&catalog);
        let r = results(
            &Source::Whole(&shelf, &index),
            &Filters::default().with_q("sleep".into()),
            ANY,
            ANY,
            None,
        );
        assert_eq!(r.order, [0]);
    }

    #[test]
    fn an_unknown_topic_narrows_nothing() {
        let catalog = catalog();
        let shelf = Shelf::of(&catalog);
        let index = whole_index(&catalog);
        let source = Source::Whole(&shelf, &index);
        let f = Filters::from_topic_list("no-such-topic", String::new());
        let r = results(&source, &f, |t| t != "no-such-topic", ANY, None);
        assert_eq!(r.matched, catalog.articles.len());
        let f = Filters::from_topic_list("no-such-topic,rest", String::new());
        let r = results(&source, &f, |t| t != "no-such-topic", ANY, None);
        assert_eq!(r.matched, 1);
    }
}
