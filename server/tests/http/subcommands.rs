//! `server check` and `server export` on good and bad content, and a library with an
//! article added, as an author adds one.

use super::{assert_lists, cards};
use crate::common::{
    self, check, check_with, content_dir, copy_dir, export, get_at, published, published_with,
    LIBRARY,
};
use app::content::Library;
use std::path::PathBuf;

#[test]
fn check_passes_on_the_real_content() {
    let out = check(&content_dir());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = format!(
        "{} articles, {} topics",
        published(),
        LIBRARY.catalog().topics.len()
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(&summary), "{stdout} lacks {summary}");
}

/// A content folder with the real topics and help services and one article whose topic is
/// unknown (line 4).
fn bad_content(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wellspring-{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    for file in ["topics.toml", "help.toml"] {
        std::fs::copy(content_dir().join(file), dir.join(file)).unwrap();
    }
    std::fs::write(
        dir.join("articles/bad.md"),
        "+++\ntitle = \"Bad\"\nsummary = \"x\"\ntopics = [\"nope\"]\npublished = 2026-01-01\nreviewed = 2026-12-06\nsources = [{ title = \"NHS\", url = \"https://www.nhs.uk/\" }]\n+++\nBody\n",
    )
    .unwrap();
    dir
}

#[test]
fn check_names_file_line_and_field_of_bad_content() {
    let dir = bad_content("check");
    let out = check(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("bad.md:4: topics: unknown topic \"nope\""),
        "{stderr}"
    );
}

/// An overdue review fails `check`, and `--allow-overdue` makes it a warning; neither
/// stops the library loading, as serving does.
#[test]
fn an_overdue_review_fails_check_unless_allowed() {
    let dir = std::env::temp_dir().join(format!("wellspring-overdue-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    for file in ["topics.toml", "help.toml"] {
        std::fs::copy(content_dir().join(file), dir.join(file)).unwrap();
    }
    let article = one_more_article().replace("reviewed = 2026-12-06", "reviewed = 2000-01-01");
    std::fs::write(dir.join(format!("articles/{ADDED}.md")), article).unwrap();
    let strict = check_with(&dir, &[]);
    let allowed = check_with(&dir, &["--allow-overdue"]);
    let loads = Library::load(&dir).is_ok();
    std::fs::remove_dir_all(&dir).unwrap();
    let expected = format!("{ADDED}.md:6: reviewed: the review was due on 1 January 2001");
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr).contains(&expected));
    assert!(allowed.status.success());
    let warning = format!("warning: {}", dir.join("articles").display());
    assert!(String::from_utf8_lossy(&allowed.stderr).contains(&warning));
    assert!(loads);
}

#[test]
fn export_writes_the_library_once_and_leaves_an_unchanged_file_alone() {
    let out_dir = std::env::temp_dir().join(format!("wellspring-export-{}", std::process::id()));
    let file = out_dir.join("nested/library.json");
    let first = export(&content_dir(), &file);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let written = std::fs::metadata(&file).unwrap().modified().unwrap();
    // The round trip is app::embedded's unit test; here, that every page is in it.
    let json = std::fs::read_to_string(&file).unwrap();
    assert_eq!(json.matches("\"body_html\":").count(), published());
    // Rewriting the same bytes would make cargo rebuild the static build's WASM.
    let again = export(&content_dir(), &file);
    assert!(again.status.success());
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        written
    );
    std::fs::remove_dir_all(&out_dir).unwrap();
}

#[test]
fn export_fails_on_bad_content_like_check() {
    let dir = bad_content("export");
    let file = dir.join("library.json");
    let out = export(&dir, &file);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let exists = file.exists();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!exists, "nothing is written from bad content");
    assert!(
        stderr.contains("bad.md:4: topics: unknown topic \"nope\""),
        "{stderr}"
    );
}

/// A copy of content/ in a new temporary folder, removed when dropped, a failing test's too.
struct ContentCopy(PathBuf);

impl ContentCopy {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("wellspring-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&content_dir(), &dir);
        Self(dir)
    }
}

impl Drop for ContentCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The slug of the article [`an_added_article_is_listed_and_served`] adds.
const ADDED: &str = "one-more-article";

/// A valid article as an author would add it: front matter, one known topic, and 600
/// words of plain text. Published last of all, so it is the first card however many come.
fn one_more_article() -> String {
    // 12 words, 5 times a paragraph, 10 paragraphs.
    let paragraph = "Noticing your breath for a minute can calm a busy mind today. ".repeat(5);
    let body = [paragraph.trim_end(); 10].join("\n\n");
    format!(
        "+++\ntitle = \"One More Article\"\nsummary = \"Added by a test: a new article needs no \
         change to any test.\"\ntopics = [\"mindfulness\"]\npublished = 2999-12-31\nreviewed = 2026-12-06\n\
         reviewer = {{ name = \"Sam Lee\", role = \"Clinical psychologist\" }}\nsources = [{{ title = \"NHS\", url = \"https://www.nhs.uk/\" }}]\n+++\n\n{body}\n"
    )
}

/// What the README tells authors to do, adding a Markdown file to content/articles, breaks
/// nothing: the library lists one card more, the topic too, and the article is served.
#[test]
fn an_added_article_is_listed_and_served() {
    let copy = ContentCopy::new("one-more");
    std::fs::write(
        copy.0.join(format!("articles/{ADDED}.md")),
        one_more_article(),
    )
    .unwrap();
    let (before, in_topic) = (published(), published_with("mindfulness"));
    let added = common::load(&copy.0);
    assert_eq!(added.articles().len(), before + 1);
    let article = added
        .article(ADDED)
        .expect("the added article is published");
    assert!(article.word_count >= 500, "{} words", article.word_count);

    let out = check(&copy.0);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!(": {} articles,", before + 1)),
        "{stdout}"
    );

    let dir = copy.0.clone();
    let addr = common::start_with(
        common::config_for(dir.clone()),
        std::sync::Arc::new(common::load(&dir)),
    );
    let href = format!("href=\"/articles/{ADDED}\"");
    let (status, html) = get_at(addr, "/");
    assert_eq!(status, 200);
    assert_lists(&html, before + 1);
    assert!(
        cards(&html)[0].contains(&href),
        "the newest card is not first"
    );
    let (status, html) = get_at(addr, "/?topic=mindfulness");
    assert_eq!(status, 200);
    assert_lists(&html, in_topic + 1);
    assert!(html.contains(&href));

    let (status, html) = get_at(addr, &format!("/articles/{ADDED}"));
    assert_eq!(status, 200);
    assert!(html.contains("<title>One More Article · Wellspring</title>"));
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(html.contains("Noticing your breath for a minute can calm a busy mind today."));
    assert!(html.contains("Reviewed by Sam Lee, Clinical psychologist."));
    let (status, text) = get_at(addr, "/readyz");
    assert_eq!(
        (status, text),
        (200, format!("ready: {} articles\n", before + 1))
    );
}
