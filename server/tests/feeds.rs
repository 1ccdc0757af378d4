//! The feed, the sitemap, robots.txt, the feed link in every head and the JSON-LD on article
//! pages, as served: each parses with a real parser, lists what the loaded library holds
//! (counts come from it, never typed here), names absolute URLs under the configured public
//! URL, and survives a title made of the characters XML and HTML treat specially. And
//! `server discovery` writes what the server serves, for the static build.

mod common;

use app::components::meta::{FEED_PATH, SITE_NAME};
use atom_syndication::Feed;
use common::{config, config_for, content_dir, get_at, load, published, request, LIBRARY};
use quick_xml::{escape::unescape, events::Event, Reader};
use server::discovery::FEED_ENTRIES;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

/// What every test server is configured to be published at.
fn public_url() -> String {
    config().public_url
}

fn feed_of(body: &[u8]) -> Feed {
    Feed::read_from(body).expect("the feed parses as Atom")
}

/// Each `<loc>` of a sitemap, read back with quick-xml's reader (entities resolved).
fn sitemap_locs(xml: &[u8]) -> Vec<String> {
    let mut reader = Reader::from_reader(xml);
    let (mut buf, mut raw, mut locs) = (Vec::new(), String::new(), Vec::new());
    loop {
        match reader
            .read_event_into(&mut buf)
            .expect("the sitemap parses")
        {
            Event::Start(_) => raw.clear(),
            Event::Text(t) => raw.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) => raw.push_str(&format!("&{};", r.decode().unwrap())),
            Event::End(e) if e.local_name().as_ref() == b"loc" => {
                locs.push(unescape(&raw).unwrap().into_owned());
            }
            Event::Eof => return locs,
            _ => {}
        }
        buf.clear();
    }
}

#[test]
fn the_feed_lists_the_newest_articles_with_absolute_links() {
    let res = request(FEED_PATH, &[]);
    assert_eq!(res.status, 200);
    assert_eq!(
        res.header("content-type"),
        Some("application/atom+xml; charset=utf-8")
    );
    let feed = feed_of(&res.body);
    let entries = feed.entries();
    assert_eq!(entries.len(), published().min(FEED_ENTRIES));
    let base = public_url();
    for entry in entries {
        let slug = entry
            .id()
            .strip_prefix(&format!("{base}/articles/"))
            .unwrap_or_else(|| panic!("{} is not an article URL under {base}", entry.id()));
        let article = &LIBRARY.article(slug).expect("a published article").page;
        assert_eq!(entry.title().value, article.card.title);
        assert_eq!(entry.summary().unwrap().value, article.card.summary);
        assert_eq!(entry.links()[0].href(), entry.id());
        assert_eq!(entry.categories().len(), article.card.topics.len());
    }
    // Nothing left out is newer than the oldest listed.
    let oldest = entries.iter().filter_map(|e| e.published()).min().unwrap();
    let oldest = oldest.format("%Y-%m-%d").to_string();
    let listed: Vec<&str> = entries.iter().map(|e| e.id()).collect();
    for article in LIBRARY.articles() {
        let card = &article.page.card;
        if !listed.contains(&format!("{base}{}", card.href()).as_str()) {
            assert!(card.published <= oldest, "{} is left out", card.slug);
        }
    }
    let self_link = feed.links().iter().find(|l| l.rel() == "self").unwrap();
    assert_eq!(self_link.href(), format!("{base}{FEED_PATH}"));
}

#[test]
fn the_sitemap_lists_every_published_article_and_public_page() {
    let res = request("/sitemap.xml", &[]);
    assert_eq!(res.status, 200);
    assert_eq!(
        res.header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    let locs = sitemap_locs(&res.body);
    let base = public_url();
    let topics = &LIBRARY.catalog().topics;
    assert_eq!(locs.len(), 2 + topics.len() + published());
    for path in ["/", "/help"] {
        assert!(locs.contains(&format!("{base}{path}")), "{path}");
    }
    for topic in topics {
        assert!(locs.contains(&format!("{base}/?topic={}", topic.slug)));
    }
    for article in LIBRARY.articles() {
        let loc = format!("{base}{}", article.page.card.href());
        assert!(locs.contains(&loc), "{loc} is missing");
    }
}

#[test]
fn robots_allows_everything_and_names_the_sitemap() {
    let res = request("/robots.txt", &[]);
    assert_eq!(res.status, 200);
    assert_eq!(
        res.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    let text = res.text();
    assert!(text.contains("User-agent: *\nAllow: /\n"), "{text}");
    let sitemap = format!("Sitemap: {}/sitemap.xml\n", public_url());
    assert!(text.contains(&sitemap), "{text}");
}

#[test]
fn the_documents_are_cached_for_an_hour_and_revalidated() {
    for path in [FEED_PATH, "/sitemap.xml", "/robots.txt"] {
        let res = request(path, &[]);
        assert_eq!(res.header("cache-control"), Some("public, max-age=3600"));
        let etag = res.header("etag").expect("an ETag").to_string();
        let again = request(path, &[("if-none-match", &etag)]);
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), Some(etag.as_str()));
        assert!(common::security_problems(&res).is_empty());
    }
}

/// The head of every page links to the feed, as the static build's index.html does.
#[test]
fn every_page_links_to_the_feed() {
    let link = format!(
        r#"<link rel="alternate" type="application/atom+xml" title="{SITE_NAME}" href="{FEED_PATH}">"#
    );
    let article = LIBRARY.articles()[0].page.card.href();
    for path in ["/", "/help", "/saved", article.as_str(), "/no-such-page"] {
        let html = request(path, &[]).text();
        let head = &html[..html.find("</head>").expect("a head")];
        assert!(head.contains(&link), "{path} has no feed link");
    }
    let static_page = include_str!("../../index.html");
    assert!(static_page.contains(&link.replace('>', "/>")), "index.html");
}

/// A title of every character XML and HTML treat specially, its article the only one of a
/// library served on its own, at a public URL with an `&` in it.
const HOSTILE_TITLE: &str = r#"Tea & <Toast>: "quoted" 'too' </script><!--"#;

/// The hostile library's public URL: an `&` to escape in every absolute URL.
const HOSTILE_URL: &str = "https://wellspring.example/a&b";

static HOSTILE: LazyLock<SocketAddr> = LazyLock::new(|| {
    let content = hostile_content();
    let mut config = config_for(content.clone());
    config.public_url = HOSTILE_URL.into();
    common::start_with(config, Arc::new(load(&content)))
});

fn hostile_content() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("wellspring-feeds-content");
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    for file in ["help.toml", "topics.toml"] {
        std::fs::copy(content_dir().join(file), dir.join(file)).unwrap();
    }
    let topic = &LIBRARY.catalog().topics[0].slug;
    let article = format!(
        "+++\ntitle = {HOSTILE_TITLE:?}\nsummary = \"Crumbs & <b>butter</b>.\"\n\
         topics = [\"{topic}\"]\npublished = 2026-01-01\nauthor = \"A & B\"\n\
         reviewed = 2026-01-01\nsources = [{{ title = \"A & B\", url = \"https://example.org/\" }}]\n\
         +++\n\nA calm paragraph.\n"
    );
    std::fs::write(dir.join("articles/tea-and-toast.md"), article).unwrap();
    dir
}

#[test]
fn a_title_of_special_characters_survives_the_feed_and_sitemap() {
    let (status, body) = get_at(*HOSTILE, FEED_PATH);
    assert_eq!(status, 200);
    let feed = feed_of(body.as_bytes());
    assert_eq!(feed.entries().len(), 1);
    assert_eq!(feed.entries()[0].title().value, HOSTILE_TITLE);
    assert_eq!(
        feed.entries()[0].summary().unwrap().value,
        "Crumbs & <b>butter</b>."
    );
    assert!(!body.contains("<Toast>") && !body.contains("<b>"), "{body}");
    assert_eq!(
        feed.entries()[0].id(),
        format!("{HOSTILE_URL}/articles/tea-and-toast")
    );
    let (_, sitemap) = get_at(*HOSTILE, "/sitemap.xml");
    let locs = sitemap_locs(sitemap.as_bytes());
    assert!(locs.contains(&format!("{HOSTILE_URL}/articles/tea-and-toast")));
    assert!(locs.iter().all(|loc| loc.starts_with(HOSTILE_URL)));
}

/// The JSON-LD of an article page: the text of its data block.
fn json_ld(html: &str) -> serde_json::Value {
    const OPEN: &str = r#"<script type="application/ld+json""#;
    let tag = html.find(OPEN).expect("the page has JSON-LD");
    let start = tag + html[tag..].find('>').unwrap() + 1;
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("the JSON-LD parses")
}

#[test]
fn article_pages_carry_json_ld_that_cannot_break_out() {
    let (status, html) = get_at(*HOSTILE, "/articles/tea-and-toast");
    assert_eq!(status, 200);
    // The block ends at its own `</script>`, not at the title's.
    let data = json_ld(&html);
    assert_eq!(data["@type"], serde_json::json!(["Article", "WebPage"]));
    assert_eq!(data["headline"], HOSTILE_TITLE);
    assert_eq!(data["author"]["name"], "A & B");
    assert_eq!(data["datePublished"], "2026-01-01");
    assert_eq!(data["url"], format!("{HOSTILE_URL}/articles/tea-and-toast"));
}

#[test]
fn every_article_page_names_its_headline_in_json_ld() {
    let card = &LIBRARY.articles()[0].page.card;
    let html = request(&card.href(), &[]).text();
    let data = json_ld(&html);
    assert_eq!(data["headline"], card.title.as_str());
    assert_eq!(data["publisher"]["name"], SITE_NAME);
    assert!(!request("/", &[]).text().contains("application/ld+json"));
}

/// `server discovery DIR`, as Trunk's post-build hook runs it, writes the bytes the server
/// serves for the same content and public URL.
#[test]
fn the_static_build_gets_the_documents_the_server_serves() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("wellspring-discovery-dist");
    let _ = std::fs::remove_dir_all(&out);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("discovery")
        .arg(&out)
        .env("WELLSPRING_CONTENT_DIR", content_dir())
        .env("WELLSPRING_PUBLIC_URL", format!("{}/", public_url()))
        .env_remove("WELLSPRING_HELP_REGION")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for (file, path) in [
        ("feed.xml", FEED_PATH),
        ("sitemap.xml", "/sitemap.xml"),
        ("robots.txt", "/robots.txt"),
    ] {
        let written = std::fs::read(out.join(file)).unwrap();
        assert_eq!(written, request(path, &[]).body, "{file}");
    }
}
