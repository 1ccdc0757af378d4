//! A deployment's own settings (content/site.toml) reach every page, the manifest and the
//! brand stylesheet; without the file the site is Wellspring as before. The custom site is a
//! copy of the real content folder with a site.toml and a logo added, served by its own
//! server. What each should say is read from the settings and the library, never typed twice.

mod common;

use app::content::Library;
use app::site::{SiteSettings, EAP_HEADING};
use common::{
    check, config_for, content_dir, copy_dir, export, get, get_at, load, request_to, start_with,
    SERVER,
};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

/// The shipped example, which names `acme-logo.svg`: it serves as the custom site.
fn site_toml() -> String {
    std::fs::read_to_string(content_dir().join("site.example.toml")).unwrap()
}

const LOGO: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"9\"/></svg>\n";

/// A copy of the real content folder, with `site` as its site.toml and the logo beside it.
fn content_with(name: &str, site: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&content_dir(), &dir);
    std::fs::write(dir.join("site.toml"), site).unwrap();
    std::fs::write(dir.join("acme-logo.svg"), LOGO).unwrap();
    dir
}

/// The custom site's server and its library.
static ACME: LazyLock<(SocketAddr, Arc<Library>)> = LazyLock::new(|| {
    let dir = content_with("wellspring-site-acme", &site_toml());
    let library = Arc::new(load(&dir));
    (start_with(config_for(dir), library.clone()), library)
});

fn acme(path: &str) -> String {
    let (status, body) = get_at(ACME.0, path);
    assert_eq!(status, 200, "{path}");
    body
}

fn site() -> &'static SiteSettings {
    ACME.1.site()
}

#[test]
fn the_name_logo_and_theme_colour_are_the_sites() {
    assert_ne!(site().name, SiteSettings::default().name);
    let html = acme("/");
    assert!(
        html.contains(&format!("<span>{}</span>", site().name)),
        "header"
    );
    assert!(html.contains("src=\"/site/logo.svg\""), "logo");
    assert!(
        html.contains(&format!(" · {}</title>", site().name)),
        "title"
    );
    assert!(html.contains(&format!(
        "<meta property=\"og:site_name\" content=\"{}\"",
        site().name
    )));
    assert!(html.contains(&format!(
        "<meta name=\"theme-color\" content=\"{}\"",
        site().theme_color()
    )));
    assert!(!html.contains("Wellspring</title>"));
    // The feed's head link and the feed itself carry the name too.
    assert!(html.contains(&format!(
        "type=\"application/atom+xml\" title=\"{}\"",
        site().name
    )));
    assert!(acme("/feed.xml").contains(&format!("<title>{}</title>", site().name)));
    // After the main stylesheet, so its properties win.
    let main = html.find("/pkg/wellspring").expect("the main stylesheet");
    let brand = html
        .find("href=\"/site.css\"")
        .expect("the brand stylesheet is linked");
    assert!(main < brand);
}

#[test]
fn the_logo_is_served_with_its_type() {
    let res = request_to(ACME.0, "GET", "/site/logo.svg", &[]);
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), Some("image/svg+xml"));
    assert_eq!(res.text(), LOGO);
    assert_eq!(request_to(ACME.0, "GET", "/site/logo.png", &[]).status, 404);
}

#[test]
fn the_footer_links_are_on_every_page() {
    for path in ["/", "/help", "/saved"] {
        let html = acme(path);
        for link in &site().footer_links {
            let a = format!("<a href=\"{}\">{}</a>", link.url, link.title);
            assert!(html.contains(&a), "{path} lacks {a}");
        }
    }
}

#[test]
fn the_eap_is_on_help_above_the_other_ways_and_in_every_help_box() {
    let eap = site().eap.as_ref().unwrap();
    let html = acme("/help");
    let at = html.find(EAP_HEADING).expect("/help shows the EAP");
    assert!(at < html.find("Other ways to get support").unwrap());
    assert!(html[at..].contains(&eap.name));
    assert!(html.contains(&format!(
        "href=\"{}\"",
        eap.phone.as_deref().map(app::help::tel_href).unwrap()
    )));
    let boxed: Vec<_> = ACME
        .1
        .articles()
        .iter()
        .filter(|a| a.page.body_html.contains("class=\"help-box\""))
        .collect();
    assert!(!boxed.is_empty(), "some article has a help box");
    for article in boxed {
        let boxes = article.page.body_html.matches("class=\"help-box\"").count();
        assert_eq!(article.page.body_html.matches(EAP_HEADING).count(), boxes);
        let html = acme(&format!("/articles/{}", article.page.card.slug));
        assert!(html.contains(&eap.name), "{}", article.page.card.slug);
    }
}

#[test]
fn the_colours_are_in_the_stylesheet() {
    let res = request_to(ACME.0, "GET", "/site.css", &[]);
    assert_eq!(res.status, 200);
    assert!(res.header("content-type").unwrap().starts_with("text/css"));
    let css = res.text();
    for (property, value) in site().colours.as_ref().unwrap().properties() {
        assert!(css.contains(&format!("{property}: {value};")), "{css}");
    }
}

fn manifest(addr: SocketAddr) -> serde_json::Value {
    let res = request_to(addr, "GET", "/manifest.webmanifest", &[]);
    assert_eq!(res.status, 200);
    assert_eq!(
        res.header("content-type"),
        Some("application/manifest+json")
    );
    serde_json::from_str(&res.text()).expect("the manifest is JSON")
}

#[test]
fn the_manifest_has_the_sites_names_and_colours() {
    let json = manifest(ACME.0);
    assert_eq!(json["name"], site().name.as_str());
    assert_eq!(json["short_name"], site().short_name.as_str());
    assert_eq!(json["description"], site().description.as_str());
    assert_eq!(json["theme_color"], site().theme_color().as_str());
    assert_eq!(json["background_color"], site().background_color().as_str());
    assert!(!json["icons"].as_array().unwrap().is_empty());
}

#[test]
fn without_site_toml_the_site_is_wellspring_as_before() {
    // The shipped content has no site.toml, or one that says what the defaults say.
    assert_eq!(common::LIBRARY.site().as_ref(), &SiteSettings::default());
    let (status, html) = get("/");
    assert_eq!(status, 200);
    assert!(html.contains("<span>Wellspring</span>"));
    assert!(html.contains("src=\"/icon.svg\""));
    assert!(html.contains(" · Wellspring</title>"));
    assert!(html.contains("<meta name=\"theme-color\" content=\"#1f5f5b\""));
    assert!(!html.contains("/site.css"));
    assert!(!html.contains("footer-links") && !html.contains(EAP_HEADING));
    let shipped: serde_json::Value =
        serde_json::from_str(include_str!("../../public/manifest.webmanifest")).unwrap();
    assert_eq!(manifest(*SERVER), shipped);
}

#[test]
fn check_reports_every_problem_of_site_toml() {
    let out = check(&content_with("wellspring-site-good", &site_toml()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name = &site().name;
    assert!(stdout.contains(name.as_str()), "{stdout} lacks {name}");

    let bad = site_toml()
        .replace("acme-logo.svg", "missing.svg")
        .replace("brand_text = \"#ffffff\"", "brand_text = \"#8a8a8a\"");
    let dir = content_with("wellspring-site-bad", &bad);
    let out = check(&dir);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let file = dir.join("site.toml");
    let line_of = |needle: &str| bad.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (line, field) in [
        (line_of("missing.svg"), "logo"),
        (line_of("#8a8a8a"), "colours.brand_text"),
    ] {
        let expected = format!("{}:{line}: {field}: ", file.display());
        assert!(stderr.contains(&expected), "{stderr} lacks {expected}");
    }
}

#[test]
fn export_writes_the_static_builds_manifest_stylesheet_and_logo() {
    let dir = content_with("wellspring-site-export", &site_toml());
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("wellspring-site-export-out");
    let done = export(&dir, &out.join("library.json"));
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let root = out.join("root");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("manifest.webmanifest")).unwrap())
            .unwrap();
    assert_eq!(json, manifest(ACME.0));
    let css = std::fs::read_to_string(root.join("site.css")).unwrap();
    assert_eq!(css, acme("/site.css"));
    assert_eq!(
        std::fs::read_to_string(root.join("site/logo.svg")).unwrap(),
        LOGO
    );
}
