//! The server end to end in-process: status codes, titles, 404s, compression, and the
//! `check` and `export` subcommands on good and bad content.

mod common;

use common::{content_dir, get, request};
use std::process::Command;

#[test]
fn library_lists_every_article() {
    let (status, html) = get("/");
    assert_eq!(status, 200);
    assert!(html.contains("<title>Articles for your wellbeing · Wellspring</title>"));
    assert_eq!(html.matches("<article class=\"card\">").count(), 25);
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
    let cards: Vec<&str> = html.split("<article class=\"card\">").skip(1).collect();
    assert_eq!(cards.len(), 3);
    for card in cards {
        assert!(card.contains("<li>Inclusion and belonging</li>"), "{card}");
    }
    assert!(html.contains(r#"aria-current="true" class="chip">Inclusion and belonging"#));
    // The page carries only the cards it shows, not the library in its hydration data: the
    // whole library comes after hydration, so the page stays small at 10,000 articles.
    assert!(
        !html.contains("Wintertime Depression"),
        "another topic's article is in the page"
    );
}

#[test]
fn an_unknown_topic_shows_the_whole_library_and_escapes_the_name() {
    let (status, html) = get("/?topic=%3Cscript%3Ealert(1)%3C/script%3E");
    assert_eq!(status, 200);
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains("There is no topic called"));
    assert_eq!(html.matches("<article class=\"card\">").count(), 25);
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

fn check(dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("check")
        .arg(dir)
        .output()
        .unwrap()
}

#[test]
fn check_passes_on_the_real_content() {
    let out = check(&content_dir());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("25 articles, 10 topics"));
}

/// A content folder with the real topics and one article whose topic is unknown (line 4).
fn bad_content(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("wellspring-{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::copy(content_dir().join("topics.toml"), dir.join("topics.toml")).unwrap();
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

/// `server export FILE` with the content in `dir`, as Trunk's pre-build hook runs it.
fn export(dir: &std::path::Path, file: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args([std::ffi::OsStr::new("export"), file.as_os_str()])
        .env("WELLSPRING_CONTENT_DIR", dir)
        .output()
        .unwrap()
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
    assert_eq!(json.matches("\"body_html\":").count(), 25);
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
