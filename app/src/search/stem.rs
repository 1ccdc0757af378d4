//! Word forms: "sleeping", "sleeps" and "sleep" share the stem "sleep" (Snowball's English
//! stemmer). Irregular forms ("slept") and related words the stemmer keeps apart ("anxious",
//! "anxiety") are content/synonyms.toml's job.

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;

/// The stem of a normalised word (see `normalize::words`). Words with digits are kept whole:
/// "988" is a number to match, not a word to reduce.
pub fn stem(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return Cow::Borrowed(word);
    }
    Stemmer::create(Algorithm::English).stem(word)
}

/// Where in the sorted vocabulary the words sharing `word`'s stem can be: they begin with
/// the common start of the word and its stem less its last letter ("happiness" -> "happi"
/// -> "happ", which "happy" starts with too).
/// Words of three letters or fewer are their own family.
pub fn family_prefix(word: &str) -> String {
    if word.chars().count() <= 3 {
        return word.to_string();
    }
    let stemmed = stem(word);
    let common: String = word
        .chars()
        .zip(stemmed.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a)
        .collect();
    let keep = common.chars().count().saturating_sub(1).max(1);
    common.chars().take(keep).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_share_a_stem() {
        for form in ["sleeping", "sleeps", "sleep"] {
            assert_eq!(stem(form), "sleep");
        }
        assert_eq!(stem("happiness"), stem("happy"));
        assert_eq!(stem("relapses"), stem("relapse"));
        assert_eq!(stem("988"), "988");
    }

    #[test]
    fn a_family_prefix_starts_every_form() {
        for (word, other) in [
            ("happiness", "happy"),
            ("sleeping", "sleep"),
            ("walks", "walk"),
        ] {
            let p = family_prefix(word);
            assert!(other.starts_with(&p) && word.starts_with(&p), "{word}: {p}");
        }
        assert_eq!(family_prefix("a"), "a");
        assert_eq!(family_prefix("at"), "at");
    }
}
