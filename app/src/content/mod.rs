//! The content pipeline: `content/help.toml`, the optional `content/site.toml`,
//! `content/topics.toml` and `content/articles/*.md` in, a validated, rendered [`Library`] out. Runs once at start-up;
//! no web framework in here.

mod article;
mod date;
mod editorial;
mod error;
mod escape;
mod field_checks;
mod front_matter;
pub mod help;
mod help_box;
mod inert;
#[cfg(test)]
mod library_tests;
mod markdown;
mod numbers;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod review_tests;
pub mod search_quality;
#[cfg(test)]
mod shortcode_tests;
pub mod site;
pub mod synonyms;
#[cfg(test)]
mod tests;
mod written;

pub use date::Date;
pub use editorial::{Findings, Overdue};
pub use error::{ContentError, ContentErrors};
pub use front_matter::REVIEW_INTERVAL_MONTHS;
pub use inert::active_html;
pub use markdown::{reading_minutes, slugify, WORDS_PER_MINUTE};

use crate::help::HelpDirectory;
use crate::model::{ArticleContent, Catalog, Topic};
use crate::search::{Doc, Reading, SearchIndex, Synonyms};
use crate::shelf::Shelf;
use crate::site::SiteSettings;
use article::{load_article, read, ArticleContext};
use error::ErrorSink;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How many related articles an article page lists.
const RELATED: usize = 3;

/// One article after loading: what the pages show.
#[derive(Clone, Debug)]
pub struct Article {
    /// The page without its related articles: see [`Library::page`].
    pub page: ArticleContent,
    /// Where the related articles are in the library: numbers, not copies of their cards,
    /// which a large library would hold three times over.
    pub related: Vec<u32>,
    pub word_count: usize,
    /// What `server check`'s editorial rules look at.
    pub editorial: editorial::Facts,
}

/// Every published article, rendered, newest first.
#[derive(Clone, Debug, Default)]
pub struct Library {
    data: Catalog,
    /// What the browser filters with (shelf.rs), made once: hashing every card is not work
    /// for each request.
    shelf: Shelf,
    search: SearchIndex,
    articles: Vec<Article>,
    by_slug: HashMap<String, usize>,
    help: HelpDirectory,
    /// The organisation's settings (site.toml), or Wellspring's own.
    site: Arc<SiteSettings>,
    /// What should be checked soon but does not stop the site: stale help entries.
    warnings: Vec<ContentError>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    topic: Vec<Topic>,
}

impl Library {
    /// Loads `dir/help.toml`, `dir/topics.toml` and `dir/articles/*.md`, with help.toml's
    /// first region as the default one. Drafts are validated but left out.
    pub fn load(dir: &Path) -> Result<Self, ContentErrors> {
        Self::load_with_help_region(dir, None)
    }

    /// As [`Library::load`], with `region` (a code of help.toml) shown in help boxes and on
    /// /help before a reader picks one; `None` for site.toml's `default_help_region`, else
    /// the first region.
    pub fn load_with_help_region(dir: &Path, region: Option<&str>) -> Result<Self, ContentErrors> {
        // First: articles' help boxes are rendered from them.
        let help_path = dir.join("help.toml");
        let loaded = help::load(&help_path, Date::today()).map_err(ContentErrors)?;
        let mut directory = loaded.directory;
        let codes: Vec<&str> = directory.regions.iter().map(|r| r.code.as_str()).collect();
        let site = site::load(dir, &codes).map_err(ContentErrors)?;
        directory.eap = site.eap.clone();
        if let Some(code) = site.default_help_region.as_deref() {
            directory.default_code = code.to_string();
        }
        if let Some(code) = region {
            if directory.region(code).is_none() {
                let known: Vec<_> = directory.regions.iter().map(|r| r.code.as_str()).collect();
                return Err(ContentErrors(vec![ContentError {
                    file: help_path,
                    line: 1,
                    field: "region".into(),
                    message: format!(
                        "the default region \"{code}\" is not a region here (known: {})",
                        known.join(", ")
                    ),
                }]));
            }
            directory.default_code = code.to_string();
        }
        let topics = load_topics(&dir.join("topics.toml")).map_err(|e| ContentErrors(vec![e]))?;
        let articles_dir = dir.join("articles");
        let mut paths = list_markdown(&articles_dir).map_err(|e| ContentErrors(vec![e]))?;
        paths.sort();
        // Each file is read by the worker that renders it, so a large library is never all
        // in memory as source at once.
        let mut lib = Self::build(
            topics,
            directory,
            u32::from(site.review_interval_months),
            paths.into_iter().map(|p| (p, None)).collect(),
        )?;
        lib.warnings = loaded.warnings;
        let synonyms = synonyms::load(dir, &lib.search).map_err(ContentErrors)?;
        lib.search.meta.synonyms = synonyms.synonyms;
        lib.warnings.extend(synonyms.warnings);
        lib.site = Arc::new(site);
        Ok(lib)
    }

    /// Builds a library from topics, the help services and `(path, Markdown source)` pairs.
    pub fn from_sources(
        topics: Vec<Topic>,
        help: HelpDirectory,
        sources: Vec<(PathBuf, String)>,
    ) -> Result<Self, ContentErrors> {
        Self::build(
            topics,
            help,
            REVIEW_INTERVAL_MONTHS,
            sources.into_iter().map(|(p, s)| (p, Some(s))).collect(),
        )
    }

    /// Sources are given, or `None` to be read from their path.
    fn build(
        topics: Vec<Topic>,
        help: HelpDirectory,
        review_months: u32,
        mut sources: Vec<(PathBuf, Option<String>)>,
    ) -> Result<Self, ContentErrors> {
        let numbers = help.numbers();
        let page = ArticleContext {
            known: &topics.iter().map(|t| t.slug.as_str()).collect(),
            names: &topics
                .iter()
                .map(|t| (t.slug.as_str(), t.name.as_str()))
                .collect(),
            help: &help,
            numbers: &numbers,
            review_months,
        };
        // Rendering is most of start-up: every core takes a share, in file order, and reads
        // each article into words for the index as soon as it is rendered, so its plain text
        // (needed for nothing else) is freed at once: a large library's never piles up.
        let shares = crate::parallel::map_shares(&mut sources, |share| {
            let mut reading = Reading::default();
            let loaded = share
                .iter()
                .map(|(path, src)| {
                    let slug = path
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .unwrap_or_default()
                        .to_string();
                    let result = match src {
                        Some(src) => load_article(path, &slug, src, &page),
                        None => read(path)
                            .map_err(|e| vec![e])
                            .and_then(|src| load_article(path, &slug, &src, &page)),
                    };
                    let result = result.map(|loaded| {
                        loaded.map(|(article, plain)| {
                            reading.read(&search_doc(&article, plain));
                            article
                        })
                    });
                    (path.clone(), slug, result)
                })
                .collect::<Vec<_>>();
            (loaded, reading)
        });
        let mut errors = Vec::new();
        // Each article, and where the index read it: (share, number in that share).
        let mut articles: Vec<(Article, (usize, u32))> = Vec::new();
        let mut readings = Vec::with_capacity(shares.len());
        let mut seen: HashMap<String, PathBuf> = HashMap::new();
        for (s, (loaded, reading)) in shares.into_iter().enumerate() {
            readings.push(reading);
            let mut read = 0;
            for (path, slug, result) in loaded {
                if let Some(first) = seen.insert(slug.clone(), path.clone()) {
                    let mut sink = ErrorSink::new(&path);
                    sink.push(
                        1,
                        "file",
                        format!("duplicate slug \"{slug}\" (also {})", first.display()),
                    );
                    errors.append(&mut sink.errors);
                }
                match result {
                    Ok(Some(article)) => {
                        articles.push((article, (s, read)));
                        read += 1;
                    }
                    Ok(None) => {} // a draft
                    Err(mut e) => errors.append(&mut e),
                }
            }
        }
        if !errors.is_empty() {
            return Err(ContentErrors(errors));
        }
        // Newest first; the slug breaks ties so the order never depends on the file system.
        articles.sort_by(|(a, _), (b, _)| {
            (&b.page.card.published, &a.page.card.slug)
                .cmp(&(&a.page.card.published, &b.page.card.slug))
        });
        let mut place: Vec<Vec<u32>> = readings.iter().map(|r| vec![0; r.len()]).collect();
        for (at, (_, (s, read))) in articles.iter().enumerate() {
            place[*s][*read as usize] = at as u32;
        }
        // Synonyms are checked against this index, then added (see `load_with_help_region`).
        let search = SearchIndex::from_readings(readings, Some(place), Synonyms::default());
        let mut articles: Vec<Article> = articles.into_iter().map(|(a, _)| a).collect();
        link_related(&mut articles);
        let by_slug = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.page.card.slug.clone(), i))
            .collect();
        let data = Catalog {
            topics,
            articles: articles.iter().map(|a| a.page.card.clone()).collect(),
        };
        Ok(Self {
            shelf: Shelf::of(&data),
            data,
            search,
            articles,
            by_slug,
            help,
            site: Arc::default(),
            warnings: Vec::new(),
        })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.data
    }

    pub fn shelf(&self) -> &Shelf {
        &self.shelf
    }

    pub fn search_index(&self) -> &SearchIndex {
        &self.search
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.by_slug.get(slug).map(|&i| &self.articles[i])
    }

    /// Everything the page of `article` shows, related articles included.
    pub fn page(&self, article: &Article) -> ArticleContent {
        let mut page = article.page.clone();
        page.related = article
            .related
            .iter()
            .map(|&i| self.data.articles[i as usize].clone())
            .collect();
        page
    }

    /// The crisis and support services of help.toml, with the default region.
    pub fn help(&self) -> &HelpDirectory {
        &self.help
    }

    /// The editorial rules (length, help boxes, review dates) as of `today`: for
    /// `server check` only, so a passed review date never stops a running site.
    pub fn editorial(&self, today: Date, overdue: Overdue) -> Findings {
        editorial::check(&self.articles, today, overdue)
    }

    /// The organisation's settings: site.toml's, or Wellspring's own without one.
    pub fn site(&self) -> &Arc<SiteSettings> {
        &self.site
    }

    /// Problems that do not stop the site but should be fixed soon (`server check` prints
    /// them): help entries never verified, or verified over a year ago.
    pub fn warnings(&self) -> &[ContentError] {
        &self.warnings
    }
}

/// What the index reads of an article: its plain text is given, as pages never need it.
fn search_doc(article: &Article, plain: String) -> Doc<'_> {
    let page = &article.page;
    Doc {
        title: &page.card.title,
        card: page.card.card_text(),
        headings: page
            .toc
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        body: plain,
    }
}

/// Related articles share the most topics, newest first. Candidates come from the newest
/// few of each shared topic, so this stays linear in the size of the library.
fn link_related(articles: &mut [Article]) {
    const CANDIDATES_PER_TOPIC: usize = 24;
    let mut by_topic: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        for t in &a.page.card.topics {
            by_topic.entry(t.slug.clone()).or_default().push(i);
        }
    }
    let related: Vec<Vec<usize>> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut score: HashMap<usize, usize> = HashMap::new();
            for t in &a.page.card.topics {
                for &j in by_topic[&t.slug]
                    .iter()
                    .filter(|&&j| j != i)
                    .take(CANDIDATES_PER_TOPIC)
                {
                    *score.entry(j).or_default() += 1;
                }
            }
            let mut ranked: Vec<(usize, usize)> = score.into_iter().collect();
            // More shared topics first, then newer (a lower index is newer).
            ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            ranked.into_iter().take(RELATED).map(|(j, _)| j).collect()
        })
        .collect();
    for (article, rel) in articles.iter_mut().zip(related) {
        article.related = rel.into_iter().map(|j| j as u32).collect();
    }
}

fn load_topics(path: &Path) -> Result<Vec<Topic>, ContentError> {
    let err = |line: usize, field: &str, message: String| ContentError {
        file: path.to_path_buf(),
        line,
        field: field.into(),
        message,
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| err(1, "file", format!("cannot be read: {e}")))?;
    let file: TopicsFile = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map_or(1, |s| text[..s.start].matches('\n').count() + 1);
        err(line, "topic", e.message().trim().to_string())
    })?;
    let mut seen = HashSet::new();
    for t in &file.topic {
        let line = text
            .lines()
            .position(|l| l.contains(&format!("\"{}\"", t.slug)))
            .map_or(1, |i| i + 1);
        if t.slug != slugify(&t.slug) || t.slug.is_empty() {
            return Err(err(
                line,
                "slug",
                format!(
                    "\"{}\" is not a slug (lower-case words joined by `-`)",
                    t.slug
                ),
            ));
        }
        if !seen.insert(t.slug.as_str()) {
            return Err(err(
                line,
                "slug",
                format!("topic \"{}\" is listed twice", t.slug),
            ));
        }
    }
    Ok(file.topic)
}

fn list_markdown(dir: &Path) -> Result<Vec<PathBuf>, ContentError> {
    let entries = std::fs::read_dir(dir).map_err(|e| ContentError {
        file: dir.to_path_buf(),
        line: 1,
        field: "file".into(),
        message: format!("the articles folder cannot be read: {e}"),
    })?;
    Ok(entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect())
}
