//! Everyday words that lead to the words articles use: content/synonyms.toml, read and checked
//! by content/synonyms.rs, travels with the index's meta so the browser expands a query the
//! way the server does.

use serde::{Deserialize, Serialize};

/// One rule: a word or phrase a reader types, and the words it also finds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synonym {
    /// The typed word or phrase, as normalised words ("can't sleep" -> ["cant", "sleep"]).
    pub typed: Vec<String>,
    /// Normalised words it also finds.
    pub finds: Vec<String>,
}

/// Every rule, sorted by what is typed (one rule per typed phrase).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synonyms {
    pub rules: Vec<Synonym>,
}

/// One part of a query that an article must match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// The reader's word, found as a prefix and by its stem; `None` for a phrase, which is
    /// found by its synonyms only (the index keeps no word positions).
    pub own: Option<String>,
    /// Words the clause also finds: exactly and by their stems.
    pub also: Vec<String>,
}

impl Synonyms {
    /// Builds the rules, merging rules for the same typed phrase and sorting them.
    pub fn new(rules: impl IntoIterator<Item = Synonym>) -> Self {
        let mut merged: Vec<Synonym> = Vec::new();
        for rule in rules {
            match merged.iter_mut().find(|r| r.typed == rule.typed) {
                Some(r) => r.finds.extend(rule.finds),
                None => merged.push(rule),
            }
        }
        for r in &mut merged {
            r.finds.sort();
            r.finds.dedup();
            r.finds.retain(|w| r.typed.len() > 1 || r.typed[0] != *w);
        }
        merged.sort_by(|a, b| a.typed.cmp(&b.typed));
        Synonyms { rules: merged }
    }

    /// The clauses of a query's words: at each word, the longest typed phrase of a rule that
    /// starts there is taken whole; any other word is a clause of its own.
    pub fn clauses(&self, words: &[String]) -> Vec<Clause> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let phrase = self
                .rules
                .iter()
                .filter(|r| r.typed.len() > 1 && words[i..].starts_with(&r.typed))
                .max_by_key(|r| r.typed.len());
            if let Some(rule) = phrase {
                out.push(Clause {
                    own: None,
                    also: rule.finds.clone(),
                });
                i += rule.typed.len();
                continue;
            }
            let word = &words[i];
            let also = self
                .rules
                .binary_search_by(|r| r.typed.as_slice().cmp(std::slice::from_ref(word)))
                .map(|at| self.rules[at].finds.clone())
                .unwrap_or_default();
            out.push(Clause {
                own: Some(word.clone()),
                also,
            });
            i += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(typed: &[&str], finds: &[&str]) -> Synonym {
        Synonym {
            typed: typed.iter().map(|s| s.to_string()).collect(),
            finds: finds.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn words(s: &str) -> Vec<String> {
        crate::search::words(s)
    }

    #[test]
    fn phrases_are_taken_whole_and_words_gain_their_synonyms() {
        let syn = Synonyms::new([
            rule(&["cant", "sleep"], &["sleep"]),
            rule(&["insomnia"], &["sleep"]),
            rule(&["grief"], &["bereavement"]),
            rule(&["grief"], &["loss", "grief"]),
        ]);
        let c = syn.clauses(&words("Can't sleep at night"));
        assert_eq!(c.len(), 3);
        assert_eq!(
            (c[0].own.as_deref(), c[0].also.as_slice()),
            (None, &["sleep".to_string()][..])
        );
        assert_eq!(c[1].own.as_deref(), Some("at"));
        let c = syn.clauses(&words("grief"));
        assert_eq!(c[0].also, ["bereavement", "loss"], "merged, without itself");
        assert_eq!(syn.clauses(&words("insomnia"))[0].also, ["sleep"]);
        assert_eq!(syn.clauses(&words("cant"))[0].also, Vec::<String>::new());
    }
}
