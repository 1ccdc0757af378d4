//! `content/synonyms.toml`: the everyday words readers type and the words the articles use.
//! Optional. Each rule is either one way (`typed` -> `finds`: "can't sleep" finds "sleep")
//! or both ways (`same`: each word finds the others). A malformed rule is an error naming its
//! line; a word that finds no article is a warning (`server check` shows it), since an
//! article that used it may have been retired.

use super::error::{line_at, read_optional, ContentError, ErrorSink};
use crate::search::{words, SearchIndex, Synonym, Synonyms};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

pub const FILE: &str = "synonyms.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    synonyms: Vec<Spanned<RawRule>>,
}

type Words = Option<Vec<Spanned<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    typed: Words,
    finds: Words,
    same: Words,
}

/// The rules, and the words that find no article.
#[derive(Debug, Default)]
pub struct LoadedSynonyms {
    pub synonyms: Synonyms,
    pub warnings: Vec<ContentError>,
}

/// Reads `dir/synonyms.toml` if there is one, checking its words against `index`.
pub fn load(dir: &Path, index: &SearchIndex) -> Result<LoadedSynonyms, Vec<ContentError>> {
    let path = dir.join(FILE);
    match read_optional(&path)? {
        Some(text) => parse(&path, &text, index),
        None => Ok(LoadedSynonyms::default()),
    }
}

/// Checks the text of a synonyms file at `path` (named in errors).
pub fn parse(
    path: &Path,
    text: &str,
    index: &SearchIndex,
) -> Result<LoadedSynonyms, Vec<ContentError>> {
    let mut errors = ErrorSink::new(path);
    let mut warnings = ErrorSink::new(path);
    let line = |at: usize| line_at(text, at);
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            errors.push(
                line(at),
                "file",
                format!("{} (see the comments at the top)", e.message().trim()),
            );
            return Err(errors.errors);
        }
    };
    let mut rules = Vec::new();
    // Where each typed phrase was first given.
    let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
    for entry in raw.synonyms {
        let at = line(entry.span().start);
        let raw = entry.into_inner();
        let mut read = |field: &str, list: Words, one_word: bool| -> Vec<Vec<String>> {
            let mut out = Vec::new();
            for item in list.unwrap_or_default() {
                let w = words(item.get_ref());
                let item_line = line(item.span().start);
                if w.is_empty() {
                    errors.push(
                        item_line,
                        field,
                        format!("\"{}\" has no letters or digits", item.get_ref()),
                    );
                } else if one_word && w.len() > 1 {
                    let why = "the index keeps words, not phrases: give one word";
                    errors.push(
                        item_line,
                        field,
                        format!("\"{}\" is a phrase; {why}", item.get_ref()),
                    );
                } else {
                    out.push(w);
                }
            }
            out
        };
        let rule_rules: Vec<Synonym> = match (raw.typed, raw.finds, raw.same) {
            (None, None, Some(same)) => {
                let same: Vec<String> = read("same", Some(same), true)
                    .into_iter()
                    .flatten()
                    .collect();
                if same.len() < 2 {
                    errors.push(at, "same", "give at least two words that mean the same");
                }
                same.iter()
                    .map(|w| Synonym {
                        typed: vec![w.clone()],
                        finds: same.iter().filter(|x| *x != w).cloned().collect(),
                    })
                    .collect()
            }
            (Some(typed), Some(finds), None) => {
                let typed = read("typed", Some(typed), false);
                let finds: Vec<String> = read("finds", Some(finds), true)
                    .into_iter()
                    .flatten()
                    .collect();
                if typed.is_empty() || finds.is_empty() {
                    errors.push(
                        at,
                        "synonyms",
                        "give at least one word in `typed` and in `finds`",
                    );
                }
                typed
                    .into_iter()
                    .map(|t| Synonym {
                        typed: t,
                        finds: finds.clone(),
                    })
                    .collect()
            }
            _ => {
                let how = "give either `same = [...]`, or `typed = [...]` with `finds = [...]`";
                errors.push(at, "synonyms", how);
                continue;
            }
        };
        for rule in rule_rules {
            if let Some(first) = seen.insert(rule.typed.clone(), at) {
                let message = format!(
                    "\"{}\" is already given on line {first}",
                    rule.typed.join(" ")
                );
                errors.push(at, "typed", message);
            }
            for w in &rule.finds {
                if index.search(w).is_none_or(|found| found.is_empty()) {
                    warnings.push(
                        at,
                        "finds",
                        format!("\"{w}\" is in no article, so this finds nothing"),
                    );
                }
            }
            rules.push(rule);
        }
    }
    if !errors.errors.is_empty() {
        return Err(errors.errors);
    }
    warnings.errors.dedup();
    Ok(LoadedSynonyms {
        synonyms: Synonyms::new(rules),
        warnings: warnings.errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Doc;

    fn index() -> SearchIndex {
        let doc = Doc {
            title: "Sleep",
            card: String::new(),
            headings: String::new(),
            body: "grief and bereavement".to_string(),
        };
        SearchIndex::build([doc].into_iter(), Synonyms::default())
    }

    fn check(text: &str) -> Result<LoadedSynonyms, Vec<String>> {
        parse(Path::new("synonyms.toml"), text, &index())
            .map_err(|e| e.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn rules_read_both_ways_and_one_way() {
        let loaded = check(
            "[[synonyms]]\ntyped = [\"insomnia\", \"can't sleep\"]\nfinds = [\"sleep\"]\n\n[[synonyms]]\nsame = [\"grief\", \"bereavement\"]\n",
        )
        .unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let typed: Vec<String> = loaded
            .synonyms
            .rules
            .iter()
            .map(|r| r.typed.join(" "))
            .collect();
        assert_eq!(typed, ["bereavement", "cant sleep", "grief", "insomnia"]);
    }

    #[test]
    fn mistakes_name_their_line_and_field() {
        let errors =
            check("[[synonyms]]\ntyped = [\"x\"]\n\n[[synonyms]]\nsame = [\"one\"]\n").unwrap_err();
        assert_eq!(
            errors,
            [
                "synonyms.toml:1: synonyms: give either `same = [...]`, or `typed = [...]` with `finds = [...]`",
                "synonyms.toml:4: same: give at least two words that mean the same",
            ]
        );
        let errors = check("[[synonyms]]\ntyped = [\"a\"]\nfinds = [\"two words\"]\n").unwrap_err();
        assert!(
            errors[0].starts_with("synonyms.toml:3: finds: \"two words\" is a phrase"),
            "{errors:?}"
        );
        let errors = check("[[synonyms]]\nsame = [\"grief\", \"loss\"]\n[[synonyms]]\ntyped = [\"grief\"]\nfinds = [\"sleep\"]\n").unwrap_err();
        assert_eq!(
            errors,
            ["synonyms.toml:3: typed: \"grief\" is already given on line 1"]
        );
        let errors = check("[synonyms]\n").unwrap_err();
        assert!(
            errors[0].starts_with("synonyms.toml:1: file:"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_word_in_no_article_is_a_warning() {
        let loaded =
            check("[[synonyms]]\ntyped = [\"drinking\"]\nfinds = [\"alcohol\"]\n").unwrap();
        assert_eq!(
            loaded
                .warnings
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["synonyms.toml:1: finds: \"alcohol\" is in no article, so this finds nothing"]
        );
    }
}
