//! Unit tests of the review trail: the front matter's review fields and their errors, and
//! the editorial rules `server check` applies, with "today" given, never the clock's.

use super::*;

const FRONT: &str = "+++
title = \"Breathing Space\"
summary = \"A short guide.\"
topics = [\"anxiety-stress\"]
published = 2026-03-10
reviewed = 2026-12-06
sources = [
  { title = \"Stress\", url = \"https://www.nhs.uk/mental-health/feelings-symptoms-behaviours/feelings-and-symptoms/stress/\" },
]
+++
";

fn topics() -> Vec<Topic> {
    super::tests::topics_of(&["anxiety-stress", "depression-mood"])
}

fn load(src: &str) -> Result<Library, ContentErrors> {
    let sources = vec![(PathBuf::from("articles/a.md"), src.to_string())];
    Library::from_sources(topics(), help::tests::fixture(), sources)
}

/// An article of `words` words after `front`.
fn article(front: &str, words: usize) -> String {
    format!("{front}\n{}\n", vec!["calm"; words].join(" "))
}

/// The one error `front` (with a body long enough for the rules) produces.
fn error_of(front: &str) -> ContentError {
    let errors = load(&article(front, 600))
        .expect_err("should be rejected")
        .0;
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().unwrap()
}

fn date(iso: &str) -> Date {
    let n: Vec<u16> = iso.split('-').map(|p| p.parse().unwrap()).collect();
    Date::new(n[0], n[1] as u8, n[2] as u8).unwrap()
}

#[test]
fn the_page_carries_review_dates_and_sources() {
    let lib = load(&article(FRONT, 600)).unwrap();
    let page = &lib.article("a").unwrap().page;
    assert_eq!(page.reviewed, "2026-12-06");
    assert_eq!(page.reviewed_label, "6 December 2026");
    assert_eq!(page.sources[0].title, "Stress");
    assert_eq!(page.reviewer, None);
}

#[test]
fn next_review_defaults_to_the_review_interval_after_reviewed() {
    let lib = load(&article(FRONT, 600)).unwrap();
    let page = &lib.article("a").unwrap().page;
    let expected = date("2026-12-06").add_months(REVIEW_INTERVAL_MONTHS);
    assert_eq!(page.next_review, expected.iso());
    assert_eq!(page.next_review_label, expected.label());
}

#[test]
fn a_reviewer_is_shown_and_its_keys_are_checked() {
    let front = FRONT.replace(
        "sources",
        "reviewer = { name = \"Sam Lee\", role = \"Clinical psychologist\" }\nsources",
    );
    let lib = load(&article(&front, 600)).unwrap();
    let reviewer = lib.article("a").unwrap().page.reviewer.clone().unwrap();
    assert_eq!(
        (reviewer.name.as_str(), reviewer.role.as_str()),
        ("Sam Lee", "Clinical psychologist")
    );
    let e = error_of(&front.replace("role =", "team ="));
    assert_eq!((e.line, e.field.as_str()), (7, "reviewer"));
    assert!(e.message.contains("unknown field `team`"), "{}", e.message);
}

#[test]
fn a_published_article_needs_reviewed() {
    let e = error_of(&FRONT.replace("reviewed = 2026-12-06\n", ""));
    assert_eq!((e.line, e.field.as_str()), (1, "reviewed"));
    assert!(e.message.starts_with("missing"), "{}", e.message);
}

#[test]
fn review_dates_must_be_dates_in_order() {
    let e = error_of(&FRONT.replace("2026-12-06", "2026-13-06"));
    assert_eq!((e.line, e.field.as_str()), (6, "reviewed"));
    let e = error_of(&FRONT.replace("2026-12-06", "\"2026-12-06\""));
    assert!(e.message.contains("without quotes"), "{}", e.message);
    let e = error_of(&FRONT.replace("sources", "next_review = 2026-12-01\nsources"));
    assert_eq!((e.line, e.field.as_str()), (7, "next_review"));
    assert!(e.message.contains("after reviewed"), "{}", e.message);
}

#[test]
fn sources_are_required_and_https_only() {
    let e = error_of(&FRONT.replace("https://www.nhs", "http://www.nhs"));
    assert_eq!((e.line, e.field.as_str()), (7, "sources"));
    assert!(e.message.contains("https://"), "{}", e.message);
    let empty = FRONT.replace(
        &FRONT[FRONT.find("sources").unwrap()..FRONT.rfind("+++").unwrap()],
        "sources = []\n",
    );
    let e = error_of(&empty);
    assert_eq!((e.line, e.field.as_str()), (7, "sources"));
    assert!(e.message.starts_with("is empty"), "{}", e.message);
    let none = FRONT.replace(
        &FRONT[FRONT.find("sources").unwrap()..FRONT.rfind("+++").unwrap()],
        "",
    );
    assert_eq!(error_of(&none).field, "sources");
    let e = error_of(&FRONT.replace("url =", "link ="));
    assert!(e.message.contains("unknown field `link`"), "{}", e.message);
}

#[test]
fn a_draft_may_leave_out_reviewed_and_sources() {
    let draft = FRONT
        .replace("reviewed = 2026-12-06\n", "draft = true\n")
        .replace(
            &FRONT[FRONT.find("sources").unwrap()..FRONT.rfind("+++").unwrap()],
            "",
        );
    let lib = load(&article(&draft, 600)).unwrap();
    assert!(lib.articles().is_empty());
}

#[test]
fn one_wrong_type_does_not_hide_the_others() {
    let front = FRONT
        .replace("\"Breathing Space\"", "3")
        .replace("2026-12-06", "\"2026-12-06\"");
    let errors = load(&article(&front, 600)).unwrap_err().0;
    let fields: Vec<_> = errors.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(fields, [(2, "title"), (6, "reviewed")]);
}

/// The rules' findings for one article as of `today`.
fn findings(src: &str, today: &str, overdue: Overdue) -> Findings {
    load(src).unwrap().editorial(date(today), overdue)
}

#[test]
fn the_body_must_be_500_to_1200_words() {
    for (words, bad) in [(499, true), (500, false), (1200, false), (1201, true)] {
        let f = findings(&article(FRONT, words), "2027-01-01", Overdue::Error);
        assert_eq!(f.errors.len(), usize::from(bad), "{words}: {:?}", f.errors);
        if bad {
            assert_eq!((f.errors[0].line, f.errors[0].field.as_str()), (11, "body"));
        }
    }
}

#[test]
fn a_help_box_is_needed_by_topic_or_by_mention() {
    let depression = FRONT.replace("[\"anxiety-stress\"]", "[\"depression-mood\"]");
    let f = findings(&article(&depression, 600), "2027-01-01", Overdue::Error);
    assert!(
        f.errors[0].message.contains("Name of depression-mood"),
        "{:?}",
        f.errors
    );
    let mention = format!(
        "{}\nSome people think about suicide.\n",
        article(FRONT, 600)
    );
    let f = findings(&mention, "2027-01-01", Overdue::Error);
    assert_eq!((f.errors[0].line, f.errors[0].field.as_str()), (14, "body"));
    let boxed = format!("{}\n{{{{ help }}}}\n", mention);
    assert!(findings(&boxed, "2027-01-01", Overdue::Error)
        .errors
        .is_empty());
}

#[test]
fn a_review_due_soon_warns_and_an_overdue_one_fails_unless_allowed() {
    let src = article(FRONT, 600);
    // next_review is 2027-12-06.
    let f = findings(&src, "2027-11-05", Overdue::Error);
    assert!(f.errors.is_empty() && f.warnings.is_empty(), "{f:?}");
    let f = findings(&src, "2027-11-06", Overdue::Error);
    assert!(f.errors.is_empty(), "{f:?}");
    assert_eq!(f.warnings[0].field, "reviewed");
    assert!(f.warnings[0].message.contains("in 30 days"), "{f:?}");
    let f = findings(&src, "2027-12-06", Overdue::Error);
    assert!(f.errors.is_empty(), "{f:?}");
    assert!(f.warnings[0].message.ends_with("(today)"), "{f:?}");
    let f = findings(&src, "2027-12-07", Overdue::Error);
    assert_eq!(f.errors.len(), 1, "{f:?}");
    assert!(
        f.errors[0].message.contains("was due on 6 December 2027"),
        "{f:?}"
    );
    let f = findings(&src, "2027-12-07", Overdue::Warning);
    assert!(f.errors.is_empty(), "{f:?}");
    assert_eq!(f.warnings.len(), 1, "{f:?}");
}

/// The front matter the README and the writers' guide show is accepted as written, so the
/// docs cannot drift from the struct.
#[test]
fn the_documented_examples_load() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let topics = load_topics(&root.join("content/topics.toml")).unwrap();
    for doc in ["README.md", "docs/writing-articles.md"] {
        let text = std::fs::read_to_string(root.join(doc)).unwrap();
        let start = text.find("```markdown\n").expect("an example") + "```markdown\n".len();
        let example = &text[start..start + text[start..].find("```").unwrap()];
        let sources = vec![(PathBuf::from("articles/example.md"), example.to_string())];
        let lib = Library::from_sources(topics.clone(), help::tests::fixture(), sources)
            .unwrap_or_else(|e| panic!("{doc}: {e}"));
        assert_eq!(lib.articles().len(), 1, "{doc}");
    }
}
