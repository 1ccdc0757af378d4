//! How well search serves the library it was built from, measured the same way by the tests
//! (which hold it to its bars) and by bench/search.sh (which prints it): recall of body
//! words, and the reviewed precision fixture (app/tests/search-precision.toml).

use super::Library;
use crate::search::words;
use serde::Deserialize;

/// Shortest word the recall measure picks: shorter words are mostly "about", "their".
pub const RECALL_MIN_LETTERS: usize = 5;

/// What a recall run found.
#[derive(Debug, Default)]
pub struct Recall {
    pub asked: usize,
    pub found: usize,
    /// (article slug, word) of every word whose search missed its article.
    pub misses: Vec<(String, String)>,
}

impl Recall {
    pub fn share(&self) -> f64 {
        self.found as f64 / self.asked.max(1) as f64
    }
}

/// For every article, `per_article` words of its body (of [`RECALL_MIN_LETTERS`] or more,
/// picked with a seeded generator, so runs agree), each searched alone: is the article found?
pub fn recall(lib: &Library, per_article: usize, seed: u64) -> Recall {
    let mut rng = seed | 1;
    let mut out = Recall::default();
    for (i, article) in lib.articles().iter().enumerate() {
        let body: Vec<String> = words(&body_text(&article.page.body_html))
            .into_iter()
            .filter(|w| w.chars().count() >= RECALL_MIN_LETTERS)
            .collect();
        for _ in 0..per_article.min(body.len()) {
            // xorshift64: a fixed sequence for a fixed seed, no crate needed.
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let word = &body[(rng % body.len() as u64) as usize];
            out.asked += 1;
            if lib
                .search_index()
                .search(word)
                .is_some_and(|found| found.contains(&i))
            {
                out.found += 1;
            } else {
                out.misses
                    .push((article.page.card.slug.clone(), word.clone()));
            }
        }
    }
    out
}

/// The text of an article body's HTML as a reader reads it, without the help boxes (their
/// text is the help directory's, not the article's): tags and character references dropped.
fn body_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<aside class=\"help-box\"") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("</aside>")
            .map_or("", |end| &rest[start + end..]);
    }
    text.push_str(rest);
    let mut plain = String::with_capacity(text.len());
    let mut skip: Option<char> = None;
    for c in text.chars() {
        match (skip, c) {
            (None, '<') => skip = Some('>'),
            (None, '&') => skip = Some(';'),
            (None, c) => plain.push(c),
            (Some(end), c) if c == end => {
                skip = None;
                plain.push(' ');
            }
            _ => {}
        }
    }
    plain
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    query: Vec<Expected>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    q: String,
    expect: String,
}

/// One reviewed query: where its expected article ranked (1-based), if it was found.
#[derive(Debug)]
pub struct Ranked {
    pub q: String,
    pub expect: String,
    pub rank: Option<usize>,
}

/// Ranks of the precision fixture's expected articles.
pub fn precision(lib: &Library, fixture: &str) -> Result<Vec<Ranked>, String> {
    let fixture: Fixture = toml::from_str(fixture).map_err(|e| e.to_string())?;
    fixture
        .query
        .into_iter()
        .map(|Expected { q, expect }| {
            let at = lib
                .articles()
                .iter()
                .position(|a| a.page.card.slug == expect)
                .ok_or_else(|| format!("\"{expect}\" is not an article: update the fixture"))?;
            let order = lib.search_index().search(&q).unwrap_or_default();
            let rank = order.iter().position(|&i| i == at).map(|r| r + 1);
            Ok(Ranked { q, expect, rank })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn library() -> Library {
        Library::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")).unwrap()
    }

    #[test]
    fn searching_a_body_word_finds_its_article() {
        let lib = library();
        let r = recall(&lib, 20, 2026);
        assert!(r.asked >= lib.articles().len(), "every article gives words");
        assert!(
            r.share() >= 0.99,
            "recall {:.3}; missed {:?}",
            r.share(),
            r.misses
        );
    }

    #[test]
    fn reviewed_queries_find_their_article_in_the_first_three() {
        let lib = library();
        let ranked = precision(&lib, include_str!("../../tests/search-precision.toml")).unwrap();
        assert!(!ranked.is_empty());
        let misses: Vec<&Ranked> = ranked
            .iter()
            .filter(|r| r.rank.is_none_or(|n| n > 3))
            .collect();
        assert!(misses.is_empty(), "{misses:#?}");
    }

    #[test]
    fn the_body_text_leaves_out_markup_and_help_boxes() {
        let html =
            "<p>Rest &amp; sleep</p><aside class=\"help-box\"><p>Samaritans</p></aside><p>well</p>";
        assert_eq!(words(&body_text(html)), ["rest", "sleep", "well"]);
    }
}
