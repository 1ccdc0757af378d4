//! Unit tests of the pipeline: front matter, each validation error, rendering and
//! sanitizing.

use super::*;

fn topics() -> Vec<Topic> {
    topics_of(&["anxiety-stress", "mindfulness", "body-health"])
}

/// Topics with these slugs, named after them.
pub(super) fn topics_of(slugs: &[&str]) -> Vec<Topic> {
    slugs
        .iter()
        .map(|s| Topic {
            slug: s.to_string(),
            name: format!("Name of {s}"),
            description: String::new(),
        })
        .collect()
}

const GOOD: &str = "+++
title = \"Breathing Space\"
summary = \"A short guide.\"
topics = [\"anxiety-stress\", \"mindfulness\"]
published = 2026-03-10
reviewed = 2026-12-06
sources = [{ title = \"Stress - Every Mind Matters\", url = \"https://www.nhs.uk/every-mind-matters/mental-health-issues/stress/\" }]
+++

Opening.

## First step

Some *text* here.
";

fn load(files: &[(&str, &str)]) -> Result<Library, ContentErrors> {
    let sources = files
        .iter()
        .map(|(name, src)| (PathBuf::from(format!("articles/{name}")), src.to_string()))
        .collect();
    Library::from_sources(topics(), help::tests::fixture(), sources)
}

/// The one error `src` produces, as `line: field: message`.
fn error_of(src: &str) -> ContentError {
    let errors = load(&[("a.md", src)]).expect_err("should be rejected").0;
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().unwrap()
}

#[test]
fn parses_front_matter_and_derives_fields() {
    let lib = load(&[("breathing-space.md", GOOD)]).unwrap();
    let a = lib.article("breathing-space").unwrap();
    let card = &a.page.card;
    assert_eq!(card.title, "Breathing Space");
    assert_eq!(card.published, "2026-03-10");
    assert_eq!(card.published_label, "10 March 2026");
    assert_eq!(card.topics[1].name, "Name of mindfulness");
    assert_eq!(card.reading_minutes, 1);
    assert_eq!(a.word_count, 6);
    assert!(a.page.body_html.contains("Some <em>text</em> here."));
    // Body words are searchable, though the plain text is not kept.
    assert_eq!(lib.search_index().search("here"), Some(vec![0]));
    assert_eq!(a.page.toc[0].id, "first-step");
}

#[test]
fn missing_title_names_file_line_and_field() {
    let e = error_of(&GOOD.replace("title = \"Breathing Space\"\n", ""));
    assert_eq!(e.file, PathBuf::from("articles/a.md"));
    assert_eq!((e.line, e.field.as_str()), (1, "title"));
    assert_eq!(
        e.to_string(),
        "articles/a.md:1: title: missing: every article needs a title"
    );
}

#[test]
fn unknown_topic_points_at_the_topics_line() {
    let e = error_of(&GOOD.replace("\"mindfulness\"", "\"sleep\""));
    assert_eq!((e.line, e.field.as_str()), (4, "topics"));
    assert!(
        e.message.contains("unknown topic \"sleep\""),
        "{}",
        e.message
    );
}

#[test]
fn too_many_and_repeated_topics_are_rejected() {
    let e = error_of(&GOOD.replace(
        "\"mindfulness\"]",
        "\"mindfulness\", \"body-health\", \"x\"]",
    ));
    assert!(e.message.contains("1 to 3"), "{}", e.message);
    let e = error_of(&GOOD.replace("\"mindfulness\"]", "\"anxiety-stress\"]"));
    assert!(e.message.contains("listed twice"), "{}", e.message);
}

#[test]
fn bad_dates_are_rejected_with_their_line() {
    let e = error_of(&GOOD.replace("2026-03-10", "\"2026-03-10\""));
    assert_eq!((e.line, e.field.as_str()), (5, "published"));
    assert!(e.message.contains("without quotes"));
    let e = error_of(&GOOD.replace("2026-03-10", "2026-02-30"));
    assert_eq!((e.line, e.field.as_str()), (5, "published"));
    let e = error_of(&GOOD.replace("published = 2026-03-10\n", ""));
    assert_eq!(e.field, "published");
}

#[test]
fn unreadable_toml_names_the_line() {
    let e = error_of(&GOOD.replace("summary = \"A short guide.\"", "summary = \"unclosed"));
    assert_eq!((e.line, e.field.as_str()), (3, "summary"));
    assert!(e.message.contains("not valid TOML"));
}

#[test]
fn unknown_fields_and_wrong_types_are_rejected() {
    let e = error_of(&GOOD.replace("+++\n\nOpening", "tags = [\"x\"]\n+++\n\nOpening"));
    assert_eq!((e.line, e.field.as_str()), (8, "tags"));
    let e = error_of(&GOOD.replace("title = \"Breathing Space\"", "title = 3"));
    assert_eq!((e.line, e.field.as_str()), (2, "title"));
}

#[test]
fn front_matter_fences_are_required() {
    let e = error_of("title = \"x\"\n");
    assert_eq!((e.line, e.field.as_str()), (1, "front matter"));
    let e = error_of("+++\ntitle = \"x\"\n\nbody\n");
    assert!(e.message.contains("closing `+++`"));
}

#[test]
fn duplicate_slugs_are_rejected() {
    let errors = load(&[("a.md", GOOD), ("a.md", GOOD)]).unwrap_err().0;
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("duplicate slug \"a\"")),
        "{errors:?}"
    );
}

#[test]
fn a_top_level_heading_in_the_body_is_an_error_with_its_line() {
    let e = error_of(&format!("{GOOD}\n# Another title\n"));
    assert_eq!((e.line, e.field.as_str()), (16, "body"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let bad = GOOD
        .replace("title = \"Breathing Space\"\n", "")
        .replace("\"mindfulness\"", "\"x\"");
    let errors = load(&[("a.md", &bad), ("b.md", "nothing")]).unwrap_err().0;
    assert_eq!(errors.len(), 3, "{errors:?}");
}

#[test]
fn drafts_are_left_out_and_order_is_newest_first() {
    let older = GOOD.replace("2026-03-10", "2025-01-01");
    let draft = GOOD.replace("+++\n\nOpening", "draft = true\n+++\n\nOpening");
    let lib = load(&[("old.md", &older), ("new.md", GOOD), ("wip.md", &draft)]).unwrap();
    let slugs: Vec<_> = lib
        .catalog()
        .articles
        .iter()
        .map(|a| a.slug.as_str())
        .collect();
    assert_eq!(slugs, ["new", "old"]);
    assert_eq!(lib.page(lib.article("new").unwrap()).related[0].slug, "old");
}

#[test]
fn reading_time_rounds_up_at_200_words_a_minute() {
    assert_eq!(reading_minutes(0), 1);
    assert_eq!(reading_minutes(200), 1);
    assert_eq!(reading_minutes(201), 2);
    assert_eq!(reading_minutes(1000), 5);
}

#[test]
fn toc_lists_h2_and_h3_with_unique_ids() {
    let body =
        "## Sleep\n\n### Why it matters?\n\n## Sleep\n\n#### Not listed\n\n## Custom {#mine}\n";
    let lib = load(&[(
        "a.md",
        &format!("{}{body}", &GOOD[..GOOD.find("Opening").unwrap()]),
    )])
    .unwrap();
    let page = &lib.article("a").unwrap().page;
    let toc: Vec<_> = page.toc.iter().map(|t| (t.level, t.id.as_str())).collect();
    assert_eq!(
        toc,
        [
            (2, "sleep"),
            (3, "why-it-matters"),
            (2, "sleep-2"),
            (2, "mine")
        ]
    );
    assert!(
        page.body_html.contains("<h2 id=\"sleep-2\">"),
        "{}",
        page.body_html
    );
}

fn render_body(body: &str) -> String {
    let src = format!("{}{body}", &GOOD[..GOOD.find("Opening").unwrap()]);
    load(&[("a.md", &src)])
        .unwrap()
        .article("a")
        .unwrap()
        .page
        .body_html
        .clone()
}

#[test]
fn hostile_html_is_never_active() {
    let html = render_body(concat!(
        "<script>alert(1)</script>\n\n",
        "<iframe src=\"https://evil.example\"></iframe>\n\n",
        "<img src=x onerror=\"alert(2)\">\n\n",
        "[click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=)\n\n",
        "<a href=\"jAvAsCrIpT:alert(4)\">x</a>\n\n",
        "<!-- --><script>alert(5)</script><!-- -->\n\n",
        "<div style=\"position:fixed\" onclick=\"alert(6)\">y</div>\n",
    ));
    let lower = html.to_lowercase();
    for bad in [
        "<script",
        "<iframe",
        "onerror",
        "onclick",
        "javascript:",
        "data:",
        "position:fixed",
        "alert(",
    ] {
        assert!(!lower.contains(bad), "{bad} survived in {html}");
    }
}

#[test]
fn external_links_get_rel_and_internal_links_do_not() {
    let html = render_body("[out](https://who.int \"WHO\") and [in](/help) and <https://nhs.uk>\n");
    assert!(
        html.contains(r#"<a href="https://who.int" rel="noopener noreferrer" title="WHO">out</a>"#),
        "{html}"
    );
    assert!(html.contains(r#"<a href="/help">in</a>"#), "{html}");
    assert!(
        html.contains(r#"<a href="https://nhs.uk" rel="noopener noreferrer">"#),
        "{html}"
    );
}

#[test]
fn markdown_extensions_render() {
    let html = render_body(
        "| a | b |\n|---|:-:|\n| 1 | 2 |\n\n~~old~~ \"quoted\" text[^1]\n\n[^1]: A note.\n",
    );
    assert!(
        html.contains("<table>") && html.contains("<tbody>"),
        "{html}"
    );
    assert!(html.contains("<del>old</del>"), "{html}");
    assert!(html.contains("“quoted”"), "{html}");
    assert!(html.contains("footnote-definition"), "{html}");
}

#[test]
fn table_alignment_is_a_class_not_an_inline_style() {
    let html =
        render_body("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n<p style=\"text-align: right\">x</p>\n");
    assert!(html.contains("<th class=\"align-left\">a</th>"), "{html}");
    assert!(html.contains("<td class=\"align-right\">2</td>"), "{html}");
    assert!(!html.contains("style="), "{html}");
}
