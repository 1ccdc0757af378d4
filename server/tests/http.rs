//! The server end to end in-process: status codes, titles, 404s, compression, and the
//! `check` and `export` subcommands on good and bad content, and a library with an article
//! added, as an author adds one.

mod common;

use app::api::FIRST_CARDS;
use common::{
    check, content_dir, copy_dir, export, get, get_at, published, published_with, request, LIBRARY,
};
use std::path::PathBuf;

/// The cards a library page shows.
fn cards(html: &str) -> Vec<&str> {
    html.split("<article class=\"card\">").skip(1).collect()
}

/// The library page's count of what matches, as it words it.
fn result_count(n: usize) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("class=\"result-count\">{n} article{s}</p>")
}

/// That a library page matching `n` articles says so and shows its first page of them.
fn assert_lists(html: &str, n: usize) {
    assert!(
        html.contains(&result_count(n)),
        "the page does not count {n}"
    );
    assert_eq!(cards(html).len(), n.min(FIRST_CARDS));
}

#[test]
fn library_lists_every_article() {
    let (status, html) = get("/");
    assert_eq!(status, 200);
    assert!(html.contains("<title>Articles for your wellbeing · Wellspring</title>"));
    assert_lists(&html, published());
    assert!(
        html.contains(r#"<link href="https://wellspring.example/" rel="canonical">"#),
        "canonical link"
    );
}

#[test]
fn library_filters_by_topic_on_the_server() {
    let (status, html) = get("/?topic=inclusion-belonging");
    assert_eq!(status, 200);
    // Every card shown carries the topic.
    assert_lists(&html, published_with("inclusion-belonging"));
    for card in cards(&html) {
        assert!(card.contains("<li>Inclusion and belonging</li>"), "{card}");
    }
    assert!(html.contains(r#"aria-current="true" class="chip">Inclusion and belonging"#));
    // The page carries only the cards it shows, not the library in its hydration data: the
    // whole library comes after hydration, so the page stays small at 10,000 articles.
    let others: Vec<_> = LIBRARY
        .catalog()
        .articles
        .iter()
        .filter(|a| !a.has_topic("inclusion-belonging"))
        .collect();
    assert!(!others.is_empty(), "every article carries the topic");
    for other in others {
        for trace in [
            other.title.clone(),
            format!("href=\"{}\"", other.href()),
            format!("&quot;{}&quot;", other.slug),
        ] {
            assert!(
                !html.contains(&trace),
                "another topic's article is in the page: {trace}"
            );
        }
    }
}

#[test]
fn an_unknown_topic_shows_the_whole_library_and_escapes_the_name() {
    let (status, html) = get("/?topic=%3Cscript%3Ealert(1)%3C/script%3E");
    assert_eq!(status, 200);
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains("There is no topic called"));
    assert_lists(&html, published());
}

#[test]
fn article_page_has_its_title_text_and_one_h1() {
    let (status, html) = get("/articles/wintertime-depression");
    assert_eq!(status, 200);
    assert!(html.contains("<title>Wintertime Depression · Wellspring</title>"));
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(html.contains("On this page"));
    assert!(html.contains("href=\"/help\""));
    assert!(html.contains(r#"<meta property="og:type" content="article">"#));
}

#[test]
fn unknown_pages_and_articles_are_real_404s() {
    for path in [
        "/no-such-page",
        "/articles/no-such-article",
        "/articles/",
        "/help/extra",
    ] {
        let (status, html) = get(path);
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("We couldn't find that page"), "{path}");
    }
}

#[test]
fn help_page_lists_crisis_lines() {
    let (status, html) = get("/help");
    assert_eq!(status, 200);
    assert!(html.contains("href=\"tel:988\""));
    assert!(html.contains("class=\"help-region\""));
}

#[test]
fn article_data_is_a_get_server_function() {
    let (status, json) = get("/api/article?slug=are-you-sober-curious");
    assert_eq!(status, 200);
    assert!(json.contains("\"title\":\"Are You Sober Curious?\""));
    let (status, json) = get("/api/article?slug=nope");
    assert_eq!((status, json.as_str()), (200, "null"));
}

#[test]
fn responses_are_compressed() {
    for encoding in ["br", "gzip"] {
        let res = request("/", &[("accept-encoding", encoding)]);
        assert_eq!(res.status, 200);
        assert_eq!(res.header("content-encoding"), Some(encoding));
        assert!(
            res.body.len() > 1000 && !res.body.starts_with(b"<!DOCTYPE"),
            "{encoding} body"
        );
    }
}

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
        "+++\ntitle = \"Bad\"\nsummary = \"x\"\ntopics = [\"nope\"]\npublished = 2026-01-01\n+++\nBody\n",
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
         change to any test.\"\ntopics = [\"mindfulness\"]\npublished = 2999-12-31\n+++\n\n{body}\n"
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
    let (status, text) = get_at(addr, "/readyz");
    assert_eq!(
        (status, text),
        (200, format!("ready: {} articles\n", before + 1))
    );
}
