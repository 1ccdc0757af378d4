//! Property tests of the pipeline: no article file, however broken or hostile, makes it
//! panic; each is either refused with errors that point into the file, or rendered to HTML
//! with nothing active in it. `fuzz/` feeds the same entry point for longer runs.

use super::inert::active_html;
use super::*;
use proptest::prelude::*;

const TOPICS: [&str; 3] = ["anxiety-stress", "mindfulness", "body-health"];

fn topics() -> Vec<Topic> {
    TOPICS
        .iter()
        .map(|s| Topic {
            slug: s.to_string(),
            name: s.to_string(),
            description: String::new(),
        })
        .collect()
}

/// Loads `src` as the file `articles/{stem}.md` and checks what the pipeline promises.
/// Panics on any broken promise; `fuzz/fuzz_targets/content.rs` checks the same.
fn check_article(stem: &str, src: &str) {
    let path = PathBuf::from(format!("articles/{stem}.md"));
    match Library::from_sources(
        topics(),
        help::tests::fixture(),
        vec![(path.clone(), src.to_string())],
    ) {
        Err(ContentErrors(errors)) => {
            assert!(!errors.is_empty(), "refused without a reason");
            let lines = src.split('\n').count();
            for e in errors {
                assert_eq!(e.file, path, "{e}");
                assert!((1..=lines).contains(&e.line), "line out of the file: {e}");
                assert!(!e.field.is_empty() && !e.message.is_empty(), "{e}");
            }
        }
        Ok(lib) => {
            assert!(lib.articles().len() <= 1, "one file, one article at most");
            for a in lib.articles() {
                assert_eq!(path.file_stem(), Some(a.page.card.slug.as_ref()));
                let html = &a.page.body_html;
                assert_eq!(active_html(html), None, "in {html}");
                assert_eq!(a.page.card.reading_minutes, reading_minutes(a.word_count));
                let mut ids = HashSet::new();
                for t in &a.page.toc {
                    assert!(!t.id.is_empty() && ids.insert(&t.id), "toc id {:?}", t.id);
                }
            }
        }
    }
}

/// Markdown, raw HTML and hostile fragments that the body generator strings together.
const FRAGMENTS: &[&str] = &[
    "\n\n",
    "\n",
    "## Section\n",
    "### Sub {#custom}\n",
    "# Top\n",
    "- item\n",
    "1. first\n",
    "> quote\n",
    "```\ncode <script>\n```\n",
    "`<iframe>`",
    "| a | b |\n|---|:-:|\n| 1 | 2 |\n",
    "text[^1]\n\n[^1]: note\n",
    "**bold** _em_ ~~del~~",
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<img src=x onerror=\"alert(2)\">",
    "<div onclick=alert(3) style=\"position:fixed\">x</div>",
    "<svg onload=alert(4)>",
    "<a href=\"jAvAsCrIpT:alert(5)\">x</a>",
    "<a href=\"java&#x09;script:alert(6)\">x</a>",
    "<a href=\" &#14; javascript:alert(7)\">x</a>",
    "[x](javascript:alert(8))",
    "[x](JaVaScRiPt:alert(9) \"t\")",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](https://ok.example \"a\\\" onmouseover=\\\"alert(10)\")",
    "<https://ok.example/\"onmouseover=alert(11)>",
    "![i](x \"y\" onerror=alert(12))",
    "<!-- --><script>alert(13)</script><!-- -->",
    "<!--<script>-->",
    "<style>*{display:none}</style>",
    "<object data=\"x.swf\"></object><embed src=x>",
    "<math><mi xlink:href=\"javascript:alert(14)\">x</mi></math>",
    "<form action=javascript:alert(15)><button>go</button></form>",
    "<p title=\"</p><script>alert(16)</script>\">t</p>",
    "[ref]\n\n[ref]: javascript:alert(17)\n",
    "<details open ontoggle=alert(18)>",
    "\u{0}\u{feff}\r\u{202e}",
];

fn body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => "[a-zA-Z <>\"'=:/#*_`\\[\\]()!&;-]{0,16}",
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

/// Valid front matter, sometimes with one line changed into something else.
fn front_matter() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just(String::new()),
        Just("draft = true".to_string()),
        Just("updated = 2026-02-29".to_string()),
        Just("author = \"\"".to_string()),
        Just("topics = [\"sleep\"]".to_string()),
        Just("title = 3".to_string()),
        "[a-z]{1,8} = [0-9\"\\[\\]a-z-]{0,12}",
        any::<String>(),
    ];
    let title = "[^\"\\\\\n]{0,40}";
    let topics = prop::sample::subsequence(TOPICS.to_vec(), 0..=3);
    let date = (1u16..=9999, 1u8..=12, 1u8..=31);
    (title, topics, date, line).prop_map(|(title, topics, (y, m, d), extra)| {
        let topics = topics
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>();
        format!(
            "+++\ntitle = \"{title}\"\nsummary = \"Short.\"\ntopics = [{}]\n\
             published = {y:04}-{m:02}-{d:02}\nreviewed = 2026-12-06\nsources = [{{ title = \"NHS\", url = \"https://www.nhs.uk/\" }}]\n{extra}\n+++\n",
            topics.join(", ")
        )
    })
}

proptest! {
    #![proptest_config(crate::proptest_config())]

    /// Any text at all as an article file, under any file name: the pipeline never panics.
    #[test]
    fn any_file_is_refused_or_rendered_safely(stem in "[a-z-]{1,8}|.{0,8}", src in ".*") {
        check_article(&stem, &src);
    }

    /// A well-formed file with a hostile Markdown body is published (unless the body has
    /// one of the errors a body can have: a top-level heading, a broken shortcode, a typed
    /// phone number) and nothing active survives in its HTML.
    #[test]
    fn hostile_bodies_render_to_inert_html(body in body()) {
        let src = format!("{}\n{body}", GOOD_FRONT);
        check_article("a", &src);
        match Library::from_sources(topics(), help::tests::fixture(), vec![("a.md".into(), src)]) {
            Ok(lib) => prop_assert_eq!(lib.articles().len(), 1),
            Err(e) => prop_assert!(
                e.0.iter().all(|e| ["top-level", "shortcode", "content/help.toml"]
                    .iter()
                    .any(|m| e.message.contains(m))),
                "{e}"
            ),
        }
    }

    /// Every slug the pipeline accepts is one the reader can store: otherwise bookmarks and
    /// reading positions of that article would be dropped as damaged on the next load.
    #[test]
    fn accepted_slugs_are_storable_by_the_reader(stem in "\\PC{1,8}|[a-z0-9-]{110,130}") {
        let src = format!("{GOOD_FRONT}\nBody.\n");
        // The stem may hold a `/`: the slug is what the pipeline took from the file name.
        if let Ok(lib) = Library::from_sources(topics(), help::tests::fixture(), vec![(format!("{stem}.md").into(), src)]) {
            for a in lib.articles() {
                let slug = &a.page.card.slug;
                prop_assert!(crate::model::is_slug(slug), "{slug:?} from {stem:?}");
            }
        }
    }

    /// Front matter that is valid or broken in one line, with any body: errors, if any,
    /// still name the file and a line in it.
    #[test]
    fn front_matter_errors_point_into_the_file(fm in front_matter(), body in body()) {
        check_article("a", &format!("{fm}{body}"));
    }
}

const GOOD_FRONT: &str = "+++
title = \"Breathing Space\"
summary = \"A short guide.\"
topics = [\"anxiety-stress\"]
published = 2026-03-10
reviewed = 2026-12-06
sources = [{ title = \"NHS\", url = \"https://www.nhs.uk/\" }]
+++
";

/// Found by `accepted_slugs_are_storable_by_the_reader`: `slugify` keeps any lower-case
/// letter, so `ῲ.md` was published under a slug the reader refuses to store.
#[test]
fn a_non_ascii_or_overlong_file_name_is_refused() {
    let src = format!("{GOOD_FRONT}\nBody.\n");
    for stem in ["ῲ".to_string(), "café".to_string(), "a".repeat(121)] {
        let path = PathBuf::from(format!("articles/{stem}.md"));
        let errors =
            Library::from_sources(topics(), help::tests::fixture(), vec![(path, src.clone())])
                .unwrap_err();
        assert_eq!(errors.0[0].field, "file", "{stem}");
    }
}

/// The HTML check itself: it must catch each kind of active HTML it looks for.
#[test]
fn the_html_check_catches_active_html() {
    for html in [
        "<p>x</p><script>1</script>",
        "<img src=\"x\" onerror=\"1\">",
        "<a title=\"t\" href=\" JavaScript:1\">x</a>",
        "<a href=\"\tjava\nscript:1\">x</a>",
        "<img src=\"data:image/svg+xml,1\">",
    ] {
        assert!(active_html(html).is_some(), "{html}");
    }
    let inert = "<p title=\"a=b\">on=x javascript: data:</p><a href=\"/x\">y</a>";
    assert_eq!(active_html(inert), None);
}
