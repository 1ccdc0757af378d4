//! help.toml: loading, each validation error with its line and field, the warnings, and the
//! shipped file.

use super::fields::number_problem;
use super::*;
use crate::help::Audience;
use std::path::PathBuf;

const GOOD: &str = FIXTURE;

/// A small help.toml for tests: regions gb (the default) and au, one service in gb.
pub(crate) const FIXTURE: &str = r#"[[region]]
code = "gb"
name = "United Kingdom"
emergency = "999"

[[region]]
code = "au"
name = "Australia"
emergency = "000"

[[service]]
name = "Listening line"
regions = ["gb"]
audiences = ["everyone"]
description = "Someone to listen."
hours = "24/7"
languages = ["en"]
verified = 2026-12-01
url = "https://example.org"
call = "116 123"
text = { number = "85258", keyword = "SHOUT" }
"#;

/// [`FIXTURE`], loaded.
pub(crate) fn fixture() -> HelpDirectory {
    let today = Date::new(2026, 12, 6).unwrap();
    parse(Path::new("help.toml"), FIXTURE, today)
        .unwrap()
        .directory
}

fn today() -> Date {
    Date::new(2026, 12, 6).unwrap()
}

fn path() -> PathBuf {
    PathBuf::from("content/help.toml")
}

fn errors_of(text: &str) -> Vec<ContentError> {
    parse(&path(), text, today()).expect_err("should be refused")
}

/// The one error `text` has, as (line, field, message).
fn error_of(text: &str) -> (usize, String, String) {
    let errors = errors_of(text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = errors.into_iter().next().unwrap();
    assert_eq!(e.file, path());
    (e.line, e.field, e.message)
}

#[test]
fn a_good_file_loads_with_the_first_region_as_default() {
    let loaded = parse(&path(), GOOD, today()).unwrap();
    let dir = loaded.directory;
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(dir.default_code, "gb");
    assert_eq!(dir.regions[1].emergency, "000");
    let s = &dir.services[0];
    assert_eq!(s.audiences, [Audience::Everyone]);
    assert_eq!(s.verified.as_deref(), Some("2026-12-01"));
    assert_eq!(s.text.as_ref().unwrap().keyword.as_deref(), Some("SHOUT"));
}

#[test]
fn an_unknown_region_in_a_service_names_its_line() {
    let (line, field, message) =
        error_of(&GOOD.replace(r#"regions = ["gb"]"#, r#"regions = ["gb", "uk"]"#));
    assert_eq!((line, field.as_str()), (13, "regions"));
    assert!(
        message.contains("unknown region \"uk\" (known: gb, au, international)"),
        "{message}"
    );
}

#[test]
fn an_unknown_audience_is_refused() {
    let (line, field, message) = error_of(&GOOD.replace(r#"["everyone"]"#, r#"["teens"]"#));
    assert_eq!((line, field.as_str()), (14, "audiences"));
    assert!(message.contains("unknown audience \"teens\""), "{message}");
    assert!(message.contains("young-people"), "{message}");
}

#[test]
fn malformed_numbers_are_refused_where_they_are() {
    for bad in [
        "12",
        "116  123",
        "0800-CALL",
        "1234567890123456",
        "-116",
        "116 123 ",
    ] {
        let (line, field, message) = error_of(&GOOD.replace("\"116 123\"", &format!("\"{bad}\"")));
        assert_eq!((line, field.as_str()), (20, "call"), "{bad}");
        assert!(message.contains("not a phone number"), "{bad}: {message}");
    }
    let (line, field, _) = error_of(&GOOD.replace("\"85258\"", "\"85 258 x\""));
    assert_eq!((line, field.as_str()), (21, "text"));
    let (line, field, _) = error_of(&GOOD.replace("\"000\"", "\"0\""));
    assert_eq!((line, field.as_str()), (9, "emergency"));
    for good in ["+44 116 123", "1-800-662-4357", "988", "0477 13 11 14"] {
        assert_eq!(number_problem(good), None, "{good}");
    }
}

#[test]
fn a_service_without_a_channel_is_refused() {
    let text = GOOD
        .replace("call = \"116 123\"\n", "")
        .replace("text = { number = \"85258\", keyword = \"SHOUT\" }\n", "");
    let (line, field, message) = error_of(&text);
    assert_eq!(field, "call");
    assert!((11..=13).contains(&line), "line {line}");
    assert!(message.contains("call, text or chat"), "{message}");
}

#[test]
fn a_missing_field_is_named() {
    let (line, field, message) = error_of(&GOOD.replace("hours = \"24/7\"\n", ""));
    assert_eq!(field, "hours");
    assert!((11..=13).contains(&line), "line {line}");
    assert!(message.contains("missing"), "{message}");
}

#[test]
fn unknown_fields_and_wrong_types_are_named() {
    let (line, field, _) =
        error_of(&GOOD.replace("hours = \"24/7\"", "hours = \"24/7\"\nopen = true"));
    assert_eq!((line, field.as_str()), (17, "open"));
    let (line, field, _) = error_of(&GOOD.replace("name = \"Australia\"", "name = 3"));
    assert_eq!((line, field.as_str()), (8, "name"));
}

#[test]
fn language_codes_must_have_the_iso_639_1_shape() {
    let (line, field, message) = error_of(&GOOD.replace(r#"["en"]"#, r#"["en", "eng"]"#));
    assert_eq!((line, field.as_str()), (17, "languages"));
    assert!(message.contains("\"eng\""), "{message}");
}

#[test]
fn duplicate_and_malformed_region_codes_are_refused() {
    let (line, field, message) = error_of(&GOOD.replace("code = \"au\"", "code = \"gb\""));
    assert_eq!((line, field.as_str()), (7, "code"));
    assert!(
        message.contains("listed twice (first on line 2)"),
        "{message}"
    );
    let (line, field, _) = error_of(&GOOD.replace("code = \"au\"", "code = \"AUS\""));
    assert_eq!((line, field.as_str()), (7, "code"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = GOOD
        .replace("code = \"au\"", "code = \"gb\"")
        .replace(r#"["everyone"]"#, r#"["teens"]"#)
        .replace("\"116 123\"", "\"12\"")
        .replace("url = \"https://example.org\"", "url = \"example.org\"");
    let errors = errors_of(&format!("{text}\n[[service]]\nname = \"Broken\"\n"));
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        ["code", "audiences", "url", "call", "regions"],
        "{errors:#?}"
    );
}

#[test]
fn invalid_toml_names_its_line() {
    let (line, field, message) = error_of(&GOOD.replace("hours = \"24/7\"", "hours = \"24/7"));
    assert_eq!((line, field.as_str()), (16, "file"));
    assert!(message.contains("not valid TOML"), "{message}");
}

#[test]
fn an_old_or_missing_verified_date_is_a_warning_not_an_error() {
    let old = GOOD.replace("2026-12-01", "2025-12-05");
    let loaded = parse(&path(), &old, today()).unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let w = &loaded.warnings[0];
    assert_eq!((w.line, w.field.as_str()), (18, "verified"));
    assert!(w.message.contains("more than a year ago"), "{}", w.message);
    // A year to the day is still fresh.
    let fresh = GOOD.replace("2026-12-01", "2025-12-06");
    assert!(parse(&path(), &fresh, today()).unwrap().warnings.is_empty());
    let never = GOOD.replace("verified = 2026-12-01\n", "");
    let loaded = parse(&path(), &never, today()).unwrap();
    assert!(loaded.warnings[0].message.contains("never verified"));
    assert_eq!(loaded.directory.services[0].verified, None);
}

#[test]
fn a_verified_date_must_be_a_past_day() {
    let (_, field, message) = error_of(&GOOD.replace("2026-12-01", "2026-12-07"));
    assert_eq!(field, "verified");
    assert!(message.contains("after today"), "{message}");
    let (_, field, _) = error_of(&GOOD.replace("2026-12-01", "2026-12-01T10:00:00"));
    assert_eq!(field, "verified");
}

#[test]
fn regions_are_required() {
    let services = &GOOD[GOOD.find("[[service]]").unwrap()..];
    let errors = errors_of(services);
    assert!(errors.iter().any(|e| e.field == "region"), "{errors:#?}");
    let errors = errors_of(&format!("region = []\n{services}"));
    assert!(errors.iter().any(|e| e.field == "region"), "{errors:#?}");
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let errors = load(Path::new("/nowhere/help.toml"), today()).unwrap_err();
    assert_eq!(errors[0].file, PathBuf::from("/nowhere/help.toml"));
    assert!(errors[0].message.contains("cannot be read"));
}

/// The shipped file loads, every service can be reached, and every region has a
/// round-the-clock line for everyone.
#[test]
fn the_shipped_help_toml_loads() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/help.toml");
    let loaded = load(&file, Date::today()).unwrap_or_else(|e| panic!("{e:#?}"));
    let dir = loaded.directory;
    for r in &dir.regions {
        let lines = dir.services_for(&r.code, Audience::Everyone);
        assert!(
            lines.iter().any(|s| s.is_always_open()),
            "{} has no 24/7 line",
            r.code
        );
    }
    for s in &dir.services {
        assert!(!s.channels().is_empty(), "{}", s.name);
    }
}
