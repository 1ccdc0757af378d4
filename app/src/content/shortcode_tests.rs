//! Help boxes in articles, and typed numbers refused, through the whole pipeline.

use super::*;

const FRONT: &str = "+++
title = \"Breathing Space\"
summary = \"A short guide.\"
topics = [\"mindfulness\"]
published = 2026-03-10
reviewed = 2026-12-06
sources = [{ title = \"NHS\", url = \"https://www.nhs.uk/\" }]
+++
";

fn render(body: &str) -> Result<String, Vec<ContentError>> {
    let topics = vec![Topic {
        slug: "mindfulness".into(),
        name: "Mindfulness".into(),
        description: String::new(),
    }];
    let sources = vec![(PathBuf::from("articles/a.md"), format!("{FRONT}{body}"))];
    Library::from_sources(topics, help::tests::fixture(), sources)
        .map(|lib| lib.article("a").unwrap().page.body_html.clone())
        .map_err(|e| e.0)
}

/// The one error of `body`, as (line, message); the body starts on line 7.
fn error_of(body: &str) -> (usize, String) {
    let errors = render(body).expect_err("should be refused");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].field, "body");
    (errors[0].line, errors[0].message.clone())
}

#[test]
fn a_shortcode_paragraph_becomes_a_help_box_per_region() {
    let html = render("Before.\n\n{{ help }}\n\nAfter.\n").unwrap();
    assert!(
        html.contains(r#"<aside class="help-box" aria-label="Support you can reach now">"#),
        "{html}"
    );
    // The default region (gb) shows; the others are there, hidden, for the browser.
    assert!(
        html.contains(r#"<div class="help-region" data-region="gb">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<div class="help-region" data-region="au" hidden="">"#),
        "{html}"
    );
    let gb =
        &html[html.find("data-region=\"gb\"").unwrap()..html.find("data-region=\"au\"").unwrap()];
    let emergency = gb.find("href=\"tel:999\"").expect("emergency number first");
    let service = gb.find("Listening line").expect("the service");
    assert!(emergency < service, "{gb}");
    assert!(
        gb.contains(r#"<a href="tel:116123">Call 116 123</a>"#),
        "{gb}"
    );
    assert!(
        gb.contains(r#"<a href="sms:85258?body=SHOUT">Text SHOUT to 85258</a>"#),
        "{gb}"
    );
    assert!(html.contains(r#"<a href="/help">More support and other regions</a>"#));
    assert!(
        !html.contains("{{") && !html.contains("<p>\u{E000}"),
        "{html}"
    );
    assert_eq!(active_html(&html), None);
}

#[test]
fn an_audience_shortcode_lists_its_services_then_the_crisis_lines() {
    let html = render("{{ help audience=\"young-people\" }}\n").unwrap();
    // The fixture has no youth line in gb: the 24/7 line for everyone still shows.
    assert!(html.contains("Listening line"), "{html}");
}

#[test]
fn boxes_add_no_words_and_no_headings() {
    let topics = vec![Topic {
        slug: "mindfulness".into(),
        name: "Mindfulness".into(),
        description: String::new(),
    }];
    let src = format!("{FRONT}One two three.\n\n{{{{ help }}}}\n");
    let lib =
        Library::from_sources(topics, help::tests::fixture(), vec![("a.md".into(), src)]).unwrap();
    let article = lib.article("a").unwrap();
    assert_eq!(article.word_count, 3);
    assert!(article.page.toc.is_empty());
}

#[test]
fn malformed_shortcodes_and_unknown_audiences_name_their_line() {
    let (line, message) = error_of("Intro.\n\n{{ help audience=\"teens\" }}\n");
    assert_eq!(line, 11);
    assert!(message.contains("unknown audience \"teens\""), "{message}");
    for bad in [
        "{{ helpme }}",
        "{{ help audience=young-people }}",
        "{{ help }} and more",
    ] {
        let (line, message) = error_of(&format!("Intro.\n\n{bad}\n"));
        assert_eq!(line, 11, "{bad}");
        assert!(message.contains("shortcode"), "{bad}: {message}");
    }
    let (line, message) = error_of("Text with {{ help }} inside.\n");
    assert_eq!(line, 9);
    assert!(message.contains("alone on its line"), "{message}");
}

#[test]
fn typed_numbers_are_refused_with_the_right_message() {
    let (line, message) = error_of("Intro.\n\nCall Samaritans free on 116 123.\n");
    assert_eq!(line, 11);
    assert!(message.contains("type {{ help }} instead"), "{message}");
    let (_, message) = error_of("Ring 0800 555 0199 for advice.\n");
    assert!(
        message.contains("is not a number in content/help.toml"),
        "{message}"
    );
    assert!(render("In 2024, 45% of 1,200 people slept better.\n").is_ok());
}

#[test]
fn a_help_box_shows_the_sites_eap_once_escaped_and_none_without_one() {
    let topics = vec![Topic {
        slug: "mindfulness".into(),
        name: "Mindfulness".into(),
        description: String::new(),
    }];
    let source = vec![(
        PathBuf::from("articles/a.md"),
        format!("{FRONT}Hi.\n\n{{{{ help }}}}\n"),
    )];
    let mut help = help::tests::fixture();
    help.eap = Some(crate::site::Eap {
        name: "Acme <Assist> & co".into(),
        phone: Some("0800 123 456".into()),
        hours: Some("Weekdays".into()),
        url: Some("https://assist.example".into()),
    });
    let lib = Library::from_sources(topics, help, source).unwrap();
    let html = &lib.article("a").unwrap().page.body_html;
    assert_eq!(html.matches(crate::site::EAP_HEADING).count(), 1, "{html}");
    assert!(html.contains("Acme &lt;Assist&gt; &amp; co"), "{html}");
    assert!(html.contains("href=\"tel:0800123456\""), "{html}");
    assert!(html.contains("href=\"https://assist.example\" rel=\"noopener noreferrer\""));
    let without = render("Hi.\n\n{{ help }}\n").unwrap();
    assert!(!without.contains(crate::site::EAP_HEADING));
}
