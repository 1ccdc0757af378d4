//! The server end to end in-process: status codes, titles, 404s, compression, the article
//! page's review trail; the subcommands and an added article in `http/subcommands.rs`.

mod common;
// Not tests/subcommands.rs: cargo would build that as a test binary of its own.
#[path = "http/subcommands.rs"]
mod subcommands;

use app::api::FIRST_CARDS;
use common::{get, published, published_with, request, LIBRARY};

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

/// Every article page closes with its sources and review dates, as loaded from its file.
#[test]
fn article_pages_show_their_sources_and_review_dates() {
    for article in LIBRARY.articles() {
        let page = &article.page;
        let (status, html) = get(&page.card.href());
        assert_eq!(status, 200);
        let at = html
            .find("<footer class=\"article-review\">")
            .expect("a review footer");
        // After the body, before related reading.
        assert!(html.find("class=\"prose\"") < Some(at));
        assert!(html
            .find("class=\"related\"")
            .is_none_or(|related| at < related));
        let footer = &html[at..];
        let review = format!(
            "Page last reviewed: <time datetime=\"{}\">{}</time>. Next review due: \
             <time datetime=\"{}\">{}</time>.",
            page.reviewed, page.reviewed_label, page.next_review, page.next_review_label
        );
        assert!(
            footer.contains(&review),
            "{} lacks {review}",
            page.card.slug
        );
        assert!(footer.contains("<h2>Sources</h2>"));
        for source in &page.sources {
            let link = format!("<a href=\"{}\" rel=\"noopener noreferrer\">", source.url);
            assert!(footer.contains(&link), "{} lacks {link}", page.card.slug);
        }
    }
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
