//! site.toml: each setting, each error with its line and field, and the shipped content.

use super::*;
use crate::site::Colours;
use std::path::PathBuf;

const REGIONS: [&str; 2] = ["gb", "au"];

/// A content folder with a logo in it, made once for these tests.
fn dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wellspring-site-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    dir
}

fn path() -> PathBuf {
    PathBuf::from("content/site.toml")
}

fn parsed(text: &str) -> SiteSettings {
    parse(&path(), text, &dir(), &REGIONS).unwrap_or_else(|e| panic!("{e:#?}"))
}

fn errors_of(text: &str) -> Vec<ContentError> {
    let errors = parse(&path(), text, &dir(), &REGIONS).expect_err("should be refused");
    assert!(errors.iter().all(|e| e.file == path()));
    errors
}

/// The one error `text` has, as (line, field, message).
fn error_of(text: &str) -> (usize, String, String) {
    let errors = errors_of(text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = errors.into_iter().next().unwrap();
    (e.line, e.field, e.message)
}

const FULL: &str = r##"name = "Acme Wellbeing"
short_name = "Acme"
description = "Reading for Acme's people."
public_url = "https://wellbeing.acme.example/"
logo = "logo.svg"
default_help_region = "au"
review_interval_months = 36

[colours]
brand = "#7A1F5C"
brand_text = "#ffffff"
background = "#ffffff"
text = "#111111"

[eap]
name = "Acme Assist"
phone = "0800 123 456"
hours = "Every day, 8am to 8pm"
url = "https://assist.acme.example"

[[footer_link]]
title = "Privacy notice"
url = "https://acme.example/privacy"

[[footer_link]]
title = "Accessibility statement"
url = "https://acme.example/accessibility"
"##;

#[test]
fn every_setting_is_read() {
    let site = parsed(FULL);
    assert_eq!(site.name, "Acme Wellbeing");
    assert_eq!(site.app_name, "Acme Wellbeing");
    assert_eq!(site.short_name, "Acme");
    assert_eq!(site.description, "Reading for Acme's people.");
    assert_eq!(
        site.public_url.as_deref(),
        Some("https://wellbeing.acme.example")
    );
    assert_eq!(site.logo.as_deref(), Some("logo.svg"));
    assert_eq!(site.logo_url(), "/site/logo.svg");
    assert_eq!(site.default_help_region.as_deref(), Some("au"));
    assert_eq!(site.review_interval_months, 36);
    let colours = site.colours.clone().unwrap();
    assert_eq!(colours.brand, "#7a1f5c");
    assert_eq!(site.theme_color(), "#7a1f5c");
    assert_eq!(colours.text, "#111111");
    let eap = site.eap.clone().unwrap();
    assert_eq!(eap.name, "Acme Assist");
    assert_eq!(
        eap.phone.as_deref().map(crate::help::tel_href).as_deref(),
        Some("tel:0800123456")
    );
    assert_eq!(eap.hours.as_deref(), Some("Every day, 8am to 8pm"));
    let titles: Vec<_> = site.footer_links.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(titles, ["Privacy notice", "Accessibility statement"]);
}

#[test]
fn an_empty_file_or_none_is_wellspring_as_it_ships() {
    assert_eq!(parsed(""), SiteSettings::default());
    let empty = std::env::temp_dir().join(format!("wellspring-no-site-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    assert_eq!(load(&empty, &REGIONS), Ok(SiteSettings::default()));
}

#[test]
fn colours_left_out_keep_wellsprings() {
    let site = parsed("[colours]\nbrand = \"#1a5550\"\n");
    let colours = site.colours.unwrap();
    assert_eq!(colours.brand, "#1a5550");
    assert_eq!(colours.brand_text, Colours::default().brand_text);
    assert_eq!(colours.background, Colours::default().background);
}

#[test]
fn wellsprings_own_colours_pass_wcag_aa() {
    let c = Colours::default();
    let hex = |s: &str| parse_hex(s).unwrap();
    for (fore, back) in [
        (&c.brand_text, &c.brand),
        (&c.text, &c.background),
        (&c.brand, &c.background),
    ] {
        assert!(
            contrast(hex(fore), hex(back)) >= AA_TEXT,
            "{fore} on {back}"
        );
    }
}

#[test]
fn a_low_contrast_pair_names_both_fields_and_the_ratio() {
    let (line, field, message) =
        error_of("name = \"X\"\n[colours]\ntext = \"#777777\"\nbackground = \"#ffffff\"\n");
    assert_eq!((line, field.as_str()), (3, "colours.text"));
    assert!(
        message.contains("text (#777777) on background (#ffffff)"),
        "{message}"
    );
    assert!(message.contains("4.48:1"), "{message}");
    // The brand as link text on the page's background is checked too.
    let (line, field, message) =
        error_of("[colours]\nbrand = \"#9fd3cc\"\nbrand_text = \"#000000\"\n");
    assert_eq!((line, field.as_str()), (2, "colours.brand"));
    assert!(message.contains("on background (#faf7f2)"), "{message}");
}

#[test]
fn a_bad_colour_is_refused() {
    let (line, field, message) = error_of("\n[colours]\ntext = \"#12345\"\n");
    assert_eq!((line, field.as_str()), (3, "colours.text"));
    assert!(message.contains("#rrggbb"), "{message}");
    assert_eq!(error_of("[colours]\nbrand = \"teal\"\n").1, "colours.brand");
}

#[test]
fn a_missing_logo_file_is_named() {
    let (line, field, message) = error_of("name = \"X\"\nlogo = \"brand/mark.png\"\n");
    assert_eq!((line, field.as_str()), (2, "logo"));
    assert!(
        message.contains(&format!("{}", dir().join("brand/mark.png").display())),
        "{message}"
    );
    assert!(message.contains("does not exist"), "{message}");
}

#[test]
fn a_logo_is_an_svg_or_png_inside_the_content_folder() {
    assert!(error_of("logo = \"logo.gif\"\n").2.contains(".svg or .png"));
    assert!(error_of("logo = \"../etc/logo.svg\"\n")
        .2
        .contains("not in the content folder"));
    assert!(error_of("logo = \"/etc/logo.svg\"\n")
        .2
        .contains("not in the content folder"));
}

#[test]
fn an_unknown_field_is_refused_with_its_line() {
    let (line, field, message) = error_of("name = \"X\"\ncolour = \"#000000\"\n");
    assert_eq!((line, field.as_str()), (2, "colour"));
    assert!(message.contains("unknown field"), "{message}");
    let (line, field, _) = error_of("[eap]\nname = \"A\"\nphone = \"123\"\nemail = \"a@b\"\n");
    assert_eq!((line, field.as_str()), (4, "email"));
}

#[test]
fn an_unknown_help_region_is_refused() {
    let (line, field, message) = error_of("name = \"X\"\ndefault_help_region = \"fr\"\n");
    assert_eq!((line, field.as_str()), (2, "default_help_region"));
    assert!(
        message.contains("\"fr\"") && message.contains("gb, au"),
        "{message}"
    );
}

#[test]
fn the_review_interval_is_12_or_36_months() {
    assert_eq!(
        parsed("review_interval_months = 12\n").review_interval_months,
        12
    );
    for months in [0, 6, 24, 300, -12] {
        let (line, field, _) = error_of(&format!("\nreview_interval_months = {months}\n"));
        assert_eq!(
            (line, field.as_str()),
            (2, "review_interval_months"),
            "{months}"
        );
    }
}

#[test]
fn the_eap_and_footer_links_are_checked() {
    let (_, field, _) = error_of("[eap]\nname = \"A\"\nphone = \"call us\"\n");
    assert_eq!(field, "eap.phone");
    let (_, field, _) = error_of("[eap]\nname = \"A\"\n");
    assert_eq!(field, "eap");
    let (line, field, _) =
        error_of("[[footer_link]]\ntitle = \"Privacy\"\nurl = \"privacy.html\"\n");
    assert_eq!((line, field.as_str()), (3, "footer_link.url"));
}

#[test]
fn every_problem_is_reported_at_once_in_file_order() {
    let text = "name = \"\"\nlogo = \"none.svg\"\nreview_interval_months = 7\n[colours]\ntext = \"black\"\n";
    let errors = errors_of(text);
    let found: Vec<_> = errors.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(
        found,
        [
            (1, "name"),
            (2, "logo"),
            (3, "review_interval_months"),
            (5, "colours.text")
        ]
    );
    let shown = errors[0].to_string();
    assert!(shown.starts_with("content/site.toml:1: name: "), "{shown}");
}

#[test]
fn the_shipped_content_has_wellsprings_settings_and_the_example_loads() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let help =
        crate::content::help::load(&content.join("help.toml"), crate::content::Date::today())
            .expect("the shipped help.toml loads");
    let regions: Vec<&str> = help
        .directory
        .regions
        .iter()
        .map(|r| r.code.as_str())
        .collect();
    let shipped = load(&content, &regions).expect("content/site.toml, if any, loads");
    assert_eq!(shipped, SiteSettings::default());
    let example = std::fs::read_to_string(content.join("site.example.toml")).unwrap();
    // The example names a logo of its own: checked against a folder that has one.
    let example = example.replace("logo = \"acme-logo.svg\"", "logo = \"logo.svg\"");
    parsed(&example);
}
