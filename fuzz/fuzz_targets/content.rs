//! The content pipeline on any input: an article file (input starting with `+++`) or the
//! Markdown body of an article with valid front matter (anything else). It never panics;
//! it refuses the file with errors that point into it, or renders HTML with nothing active
//! and a reading time that matches the word count.

#![no_main]

use app::content::{active_html, reading_minutes, ContentErrors, Library};
use app::help::HelpDirectory;
use app::model::Topic;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

const FRONT: &str = "+++
title = \"Fuzz\"
summary = \"Any body.\"
topics = [\"mindfulness\"]
published = 2026-11-25
reviewed = 2026-12-06
sources = [{ title = \"NHS\", url = \"https://www.nhs.uk/\" }]
+++
";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let src = if text.starts_with("+++") {
        text.into_owned()
    } else {
        format!("{FRONT}{text}")
    };
    let topics = ["anxiety-stress", "mindfulness"].map(|s| Topic {
        slug: s.into(),
        name: s.into(),
        description: String::new(),
    });
    let path = PathBuf::from("articles/fuzz.md");
    match Library::from_sources(topics.into(), HelpDirectory::default(), vec![(path.clone(), src.clone())]) {
        Err(ContentErrors(errors)) => {
            let lines = src.split('\n').count();
            for e in errors {
                assert!(e.file == path && (1..=lines).contains(&e.line), "{e}");
            }
        }
        Ok(lib) => {
            for a in lib.articles() {
                let html = &a.page.body_html;
                assert_eq!(active_html(html), None, "in {html}");
                assert_eq!(a.page.card.reading_minutes, reading_minutes(a.word_count));
            }
        }
    }
});
