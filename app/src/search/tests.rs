//! The search as a reader meets it: fields, forms, synonyms, typos, ranking, and the index
//! cut into chunks that arrive one by one.

use super::*;

fn doc<'a>(title: &'a str, card: &str, headings: &str, body: &str) -> Doc<'a> {
    Doc {
        title,
        card: card.to_string(),
        headings: headings.to_string(),
        body: body.to_string(),
    }
}

fn rule(typed: &str, finds: &str) -> Synonym {
    Synonym {
        typed: words(typed),
        finds: words(finds),
    }
}

fn index() -> SearchIndex {
    SearchIndex::build(
        [
            doc(
                "Sleep and Stress",
                "Calm evenings help.",
                "",
                "Rest is slow.",
            ),
            doc(
                "Café Culture",
                "Meeting friends for coffee and stress relief.",
                "Kombucha",
                "A drink or two.",
            ),
            doc(
                "Walking",
                "Gentle movement outdoors; don't rush.",
                "",
                "I slept well after sleeping badly.",
            ),
            doc("Loss", "When someone dies.", "", "Bereavement takes time."),
        ]
        .into_iter(),
        Synonyms::new([
            rule("insomnia", "sleep"),
            rule("cant sleep", "sleep"),
            rule("grief", "bereavement"),
        ]),
    )
}

#[test]
fn words_are_lowercased_and_accent_folded() {
    assert_eq!(
        words("Café, CRÈME brûlée! Don’t"),
        ["cafe", "creme", "brulee", "dont"]
    );
}

#[test]
fn prefixes_fields_and_accents_match() {
    let idx = index();
    assert_eq!(idx.search("stre"), Some(vec![0, 1]));
    assert_eq!(idx.search("STRESS relief"), Some(vec![1]));
    assert_eq!(idx.search("café"), Some(vec![1]));
    assert_eq!(
        idx.search("kombucha"),
        Some(vec![1]),
        "headings are indexed"
    );
    assert_eq!(
        idx.search("drink"),
        Some(vec![1]),
        "every body word is indexed"
    );
    assert_eq!(idx.search("dont"), Some(vec![2]));
    assert_eq!(idx.search("nothing-here"), Some(vec![]));
    assert_eq!(idx.search("  ,  "), None);
}

#[test]
fn word_forms_and_synonyms_find_their_articles() {
    let idx = index();
    assert_eq!(
        idx.search("sleeps"),
        Some(vec![0, 2]),
        "sleep, and sleeping by its stem"
    );
    assert_eq!(idx.search("insomnia"), Some(vec![0, 2]));
    assert_eq!(idx.search("can't sleep"), Some(vec![0, 2]));
    assert_eq!(idx.search("grief"), Some(vec![3]));
}

#[test]
fn one_typo_is_forgiven_and_said() {
    let idx = index();
    let a = idx.answer("slepe").unwrap();
    assert_eq!(a.order, [0, 2]);
    assert_eq!(a.corrected.as_deref(), Some("sleep"));
    let a = idx.answer("walkign calm").unwrap();
    assert_eq!(a.corrected.as_deref(), Some("walking calm"));
    // Short words and words that match are never "corrected".
    assert_eq!(idx.answer("slep").unwrap().corrected, None);
    assert_eq!(idx.answer("sleep").unwrap().corrected, None);
}

#[test]
fn title_matches_rank_first_then_relevance() {
    let idx = SearchIndex::build(
        [
            doc("Older note", "", "", "all about sleep"),
            doc("Sleep well", "", "", ""),
            doc("Rest", "", "", "sleep sleep sleep and more sleep"),
            doc("Evening", "", "Sleep", "winding down"),
        ]
        .into_iter(),
        Synonyms::default(),
    );
    assert_eq!(idx.search("sleep"), Some(vec![1, 3, 2, 0]));
}

#[test]
fn marks_say_what_to_highlight() {
    let a = index().answer("insomnia").unwrap();
    assert!(a.marks.marks("sleep") && a.marks.marks("insomniac"));
    assert!(!a.marks.marks("rest"));
}

#[test]
fn the_browser_gets_chunks_as_asked_and_then_answers_as_the_server() {
    let idx = index();
    let back: SearchIndex = serde_json::from_str(&serde_json::to_string(&idx).unwrap()).unwrap();
    assert_eq!(back, idx);
    let mut browser = LoadedIndex {
        meta: idx.meta.clone(),
        ..LoadedIndex::default()
    };
    for q in ["sleeping", "slepe", "grief", "caf", "can't sleep"] {
        let mut asked = 0;
        let got = loop {
            match browser.answer(q) {
                Ok(a) => break a,
                Err(Missing(ids)) => {
                    asked += 1;
                    assert!(asked < 5, "{q}: asks again and again");
                    for i in ids {
                        browser.loaded.insert(i, idx.chunks[i].clone());
                    }
                }
            }
        };
        assert_eq!(got, idx.answer(q), "{q}");
    }
}
