//! Typed phone numbers: what is caught, what is left alone (years, dates, counts, links), and
//! the two messages.

use super::*;
use std::path::Path;

fn numbers(text: &str) -> Vec<String> {
    find(text).into_iter().map(|(_, n)| n).collect()
}

#[test]
fn phone_numbers_and_short_codes_are_found() {
    for (text, number) in [
        ("Call 1-800-662-4357 for help.", "1-800-662-4357"),
        ("Samaritans are on 116 123, day or night.", "116 123"),
        ("Lifeline: 13 11 14.", "13 11 14"),
        ("Childline (0800 1111) is free.", "0800 1111"),
        ("Ring (877) 565-8860 today", "(877) 565-8860"),
        ("Old style 800.273.8255 too.", "800.273.8255"),
        ("You can call 988 any time.", "988"),
        ("Text 85258 to talk.", "85258"),
        ("In an emergency, call 999.", "999"),
        ("Or **dial 911** now.", "911"),
        ("Call or text 9-8-8.", "9-8-8"),
        ("Ring them on 111, or", "111"),
        ("Australians can phone 000", "000"),
        ("A link [call](tel:18006624357) too", "18006624357"),
    ] {
        assert_eq!(numbers(text), [number], "in {text:?}");
    }
}

#[test]
fn years_dates_counts_and_links_are_left_alone() {
    for text in [
        "In 2023, about 1,000,000 people took part.",
        "From 2020-2024 and 2019 2020 rates rose.",
        "Published 2026-03-10, updated 10.03.2026.",
        "Pi is 3.14159 and 45% agreed; 12.5% did not.",
        "Based on 1200 participants over 100 days.",
        "It started on 2024 and ended on 15 March.",
        "The call lasted 45 minutes; text 2 friends.",
        "See https://example.org/articles/123456789 or www.example.com/1234567.",
        "Read [the study](/articles/study-2024-123456).",
        "A £100000 grant and room 1234567B.",
        "Try the 5-4-3-2-1 technique.",
        "Phone calls went from 250 to 300 a week.",
    ] {
        assert!(
            numbers(text).is_empty(),
            "{text:?} gave {:?}",
            numbers(text)
        );
    }
}

#[test]
fn each_number_is_reported_on_its_line_with_the_right_message() {
    let body = "Opening.\n\nCall 116 123 or ring 0800 555 0199.\n\n";
    let known = vec!["116123".to_string()];
    let mut sink = ErrorSink::new(Path::new("articles/a.md"));
    check(body, 7, &known, &mut sink);
    let got: Vec<_> = sink
        .errors
        .iter()
        .map(|e| (e.line, e.field.as_str()))
        .collect();
    assert_eq!(got, [(9, "body"), (9, "body")]);
    assert_eq!(
        sink.errors[0].message,
        "\"116 123\": type {{ help }} instead: numbers come from content/help.toml"
    );
    // A number with or without its country code is the same number.
    let mut sink2 = ErrorSink::new(Path::new("articles/a.md"));
    check("Call +44 116 123.", 1, &known, &mut sink2);
    assert!(sink2.errors[0].message.contains("type {{ help }}"));
    assert!(
        sink.errors[1]
            .message
            .starts_with("\"0800 555 0199\" is not a number in content/help.toml"),
        "{}",
        sink.errors[1].message
    );
}
