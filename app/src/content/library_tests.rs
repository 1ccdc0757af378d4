//! The real library in content/, whatever its size: counts are derived from its files.

use super::*;

/// The real library, whatever its size: every Markdown file in content/articles that is
/// not a draft is published under its file's name, with a title of its own, and each topic
/// is used at least twice.
#[test]
fn the_library_publishes_every_article_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let lib = Library::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let known: HashSet<&str> = lib
        .catalog()
        .topics
        .iter()
        .map(|t| t.slug.as_str())
        .collect();
    // Which files are drafts, read apart from the loader: it must drop those and no other.
    let mut files: Vec<String> = list_markdown(&dir.join("articles"))
        .unwrap()
        .into_iter()
        .filter(|path| {
            let src = std::fs::read_to_string(path).unwrap().replace("\r\n", "\n");
            let mut sink = ErrorSink::new(path);
            let front = front_matter::split(&src, &mut sink).and_then(|split| {
                front_matter::parse(&split, &known, REVIEW_INTERVAL_MONTHS, &mut sink)
            });
            !front.unwrap_or_else(|| panic!("{:?}", sink.errors)).draft
        })
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort_unstable();
    assert!(!files.is_empty(), "content/articles publishes no article");
    let mut slugs: Vec<&str> = lib
        .articles()
        .iter()
        .map(|a| a.page.card.slug.as_str())
        .collect();
    slugs.sort_unstable();
    assert_eq!(slugs, files);
    let mut titles = HashSet::new();
    for card in &lib.catalog().articles {
        assert!(!card.title.trim().is_empty(), "{} has no title", card.slug);
        assert!(
            titles.insert(&card.title),
            "two articles are titled {:?}",
            card.title
        );
    }
    for crate::model::TopicCount { topic, articles: n } in lib.catalog().topic_counts() {
        assert!(n >= 2, "topic {} has {n} articles", topic.slug);
    }
    for a in lib.articles() {
        let page = &a.page;
        assert!(
            !page.sources.is_empty(),
            "{} names no sources",
            page.card.slug
        );
        assert!(page.reviewed < page.next_review, "{}", page.card.slug);
        assert!(
            editorial::WORDS.contains(&a.word_count),
            "{}: {} words",
            a.page.card.slug,
            a.word_count
        );
        assert!(
            a.page.body_html.contains("href=\"/help\"")
                || a.page
                    .card
                    .topics
                    .iter()
                    .all(|t| t.slug != "depression-mood"),
            "{} touches depression but does not link to /help",
            a.page.card.slug
        );
    }
}
