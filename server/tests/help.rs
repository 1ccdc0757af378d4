//! /help by region, as a reader without JavaScript gets it: the default region's block is the
//! one shown, `?region=` picks another, `all` shows every one under its name, and an unknown
//! code falls back to the default and says so. What each should show is read from the
//! shipped content/help.toml, never written here.

mod common;

use app::help::{Audience, HelpDirectory, Region};
use common::{config_for, content_dir, get_at, load, start_with};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::LazyLock;

/// A server of the shipped help.toml and topics.toml with one article that types no number,
/// so /help is tested whatever the articles say, and the help data it serves.
static HELP: LazyLock<(SocketAddr, HelpDirectory)> = LazyLock::new(|| {
    let content = fixture_content();
    let library = std::sync::Arc::new(load(&content));
    let help = library.help().clone();
    (start_with(config_for(content), library), help)
});

fn fixture_content() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("wellspring-help-content");
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    for file in ["help.toml", "topics.toml"] {
        std::fs::copy(content_dir().join(file), dir.join(file)).unwrap();
    }
    let topics = std::fs::read_to_string(dir.join("topics.toml")).unwrap();
    let slug = topics
        .lines()
        .find_map(|l| l.trim().strip_prefix("slug = \""))
        .and_then(|rest| rest.split('"').next())
        .expect("topics.toml has a topic");
    let article = format!(
        "+++\ntitle = \"Fixture\"\nsummary = \"For /help tests.\"\ntopics = [\"{slug}\"]\n\
         published = 2026-01-01\nreviewed = 2026-12-06\nsources = [{{ title = \"NHS\", url = \"https://www.nhs.uk/\" }}]\n+++\n\nA calm paragraph.\n\n{{{{ help }}}}\n"
    );
    std::fs::write(dir.join("articles/fixture.md"), article).unwrap();
    dir
}

fn help_page(query: &str) -> (String, &'static HelpDirectory) {
    let (addr, help) = &*HELP;
    let (status, html) = get_at(*addr, &format!("/help{query}"));
    assert_eq!(status, 200, "/help{query}");
    (html, help)
}

/// Each `help-region` block of the page: its code, whether it shows, and its HTML.
fn blocks(html: &str) -> Vec<(String, bool, String)> {
    html.split("<div ")
        .skip(1)
        .filter_map(|rest| {
            let (tag, inner) = rest.split_once('>').unwrap();
            if !tag.contains("class=\"help-region\"") {
                return None;
            }
            let code = tag.split("data-region=\"").nth(1).unwrap();
            let code = code.split('"').next().unwrap().to_string();
            let inner = inner.split("</div>").next().unwrap().to_string();
            Some((code, !tag.contains("hidden"), inner))
        })
        .collect()
}

fn shown(html: &str) -> Vec<(String, String)> {
    blocks(html)
        .into_iter()
        .filter(|(_, visible, _)| *visible)
        .map(|(code, _, inner)| (code, inner))
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The block shows the region's emergency number first, then every service of each of its
/// audiences in the order help data gives them (24/7 first).
fn assert_block_shows(block: &str, dir: &HelpDirectory, region: &Region) {
    let emergency = format!("href=\"{}\"", region.emergency_href());
    let at = block
        .find(&emergency)
        .unwrap_or_else(|| panic!("{emergency} in {block}"));
    let audiences = dir.audiences_in(&region.code);
    assert!(!audiences.is_empty(), "{} has no services", region.code);
    for audience in audiences {
        let start = format!("aria-labelledby=\"{}-{}\"", audience.id(), region.code);
        let section = block.split(&start).nth(1).expect("a section per audience");
        let section = section.split("</section>").next().unwrap();
        let mut last = 0;
        for s in dir.services_for(&region.code, audience) {
            let name = format!("<h4>{}</h4>", escape(&s.name));
            let pos = section
                .find(&name)
                .unwrap_or_else(|| panic!("{name} in {section}"));
            assert!(pos >= last, "{} out of order in {}", s.name, region.code);
            last = pos;
        }
    }
    let first_service = block.find("<h4>").unwrap();
    assert!(at < first_service, "the emergency number comes first");
}

#[test]
fn help_shows_the_default_region_and_hides_the_others() {
    let (html, dir) = help_page("");
    assert_eq!(blocks(&html).len(), dir.regions.len());
    let visible = shown(&html);
    assert_eq!(visible.len(), 1, "exactly one region shows");
    let default = dir.default_region().unwrap();
    assert_eq!(visible[0].0, default.code);
    assert_block_shows(&visible[0].1, dir, default);
    assert!(html.contains("Other ways to get support"));
    // The picker works without JavaScript: a GET form with every region and "All regions".
    let form = html
        .split("<form ")
        .nth(1)
        .expect("a form")
        .split('>')
        .next()
        .unwrap();
    assert!(form.contains(r#"method="get""#) && form.contains(r#"action="/help""#));
    assert!(html.contains(r#"<select id="help-region" name="region">"#));
    assert!(html.contains(r#"<label for="help-region">"#));
    let options = html.matches("<option ").count();
    assert_eq!(options, dir.regions.len() + 1);
    assert!(html.contains(r#"value="all""#));
}

#[test]
fn each_region_can_be_picked() {
    let (_, dir) = help_page("");
    for region in &dir.regions {
        let (html, _) = help_page(&format!("?region={}", region.code));
        let visible = shown(&html);
        assert_eq!(visible.len(), 1, "{}", region.code);
        assert_eq!(visible[0].0, region.code);
        assert_block_shows(&visible[0].1, dir, region);
    }
}

#[test]
fn the_uk_shows_samaritans() {
    let (html, dir) = help_page("?region=gb");
    let gb = dir.region("gb").expect("help.toml has the UK");
    let visible = shown(&html);
    assert_eq!(visible[0].0, gb.code);
    assert!(
        visible[0].1.contains("<h4>Samaritans</h4>"),
        "{}",
        visible[0].1
    );
    let samaritans = dir
        .services
        .iter()
        .find(|s| s.name == "Samaritans")
        .unwrap();
    let call = &samaritans.channels()[0];
    assert!(visible[0].1.contains(&format!("href=\"{}\"", call.href)));
}

#[test]
fn all_regions_show_each_under_its_name() {
    let (html, dir) = help_page("?region=all");
    let visible = shown(&html);
    assert_eq!(visible.len(), dir.regions.len());
    for (region, (code, block)) in dir.regions.iter().zip(&visible) {
        assert_eq!(&region.code, code);
        assert!(block.contains(&format!("<h2>{}</h2>", escape(&region.name))));
        assert_block_shows(block, dir, region);
    }
    let services: usize = dir
        .regions
        .iter()
        .map(|r| {
            let audiences = dir.audiences_in(&r.code);
            audiences
                .into_iter()
                .map(|a| dir.services_for(&r.code, a).len())
                .sum::<usize>()
        })
        .sum();
    assert_eq!(html.matches("<li class=\"service\">").count(), services);
}

#[test]
fn an_unknown_region_falls_back_to_the_default_and_says_so() {
    let (html, dir) = help_page("?region=%3Cb%3Ezz");
    let visible = shown(&html);
    assert_eq!(visible.len(), 1);
    assert_eq!(visible[0].0, dir.default_code);
    assert!(html.contains("There is no region called"), "notice");
    assert!(html.contains("&lt;b&gt;zz") && !html.contains("<b>zz"));
}

#[test]
fn an_article_help_box_shows_the_default_region() {
    let (addr, dir) = &*HELP;
    let (status, html) = get_at(*addr, "/articles/fixture");
    assert_eq!(status, 200);
    assert!(html.contains(r#"<aside class="help-box" aria-label="Support you can reach now">"#));
    let visible = shown(&html);
    assert_eq!(visible.len(), 1);
    assert_eq!(visible[0].0, dir.default_code);
    let default = dir.default_region().unwrap();
    assert!(visible[0].1.contains(&default.emergency_href()));
    for s in dir.box_services(&default.code, Audience::Everyone) {
        assert!(visible[0].1.contains(&escape(&s.name)), "{}", s.name);
    }
}
