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
}
