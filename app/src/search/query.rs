//! Answering a query. Each clause (a word, or a phrase of content/synonyms.toml) must be
//! found in an article: the reader's word as a prefix ("slee" -> "sleep") and by its stem
//! ("sleeping" -> "sleep", "sleeps"), and the rule's words by their stems. A word of five
//! letters or more that finds nothing at all is read as the most used word one typo away.
//! Articles are ranked by the sum over clauses of the best weight each clause found.

use super::normalize::words;
use super::shards::Chunks;
use super::stem::{family_prefix, stem};
use super::synonyms::Clause;
use super::{Marks, Term};
use std::collections::BTreeSet;
use std::ops::Range;

/// Words shorter than this are never corrected: too many short words are one typo apart.
const TYPO_MIN_LETTERS: usize = 5;
/// A correction keeps the word's first letters: what is typed first is rarely the typo, and
/// the candidates then come from a few chunks, not the whole vocabulary.
const TYPO_KEPT_LETTERS: usize = 2;

/// What a search finds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answer {
    /// Article numbers, best first.
    pub order: Vec<usize>,
    /// The query as read when a word was taken for a typo ("slepe" -> "sleep").
    pub corrected: Option<String>,
    /// What to mark in the cards' text.
    pub marks: Marks,
}

/// The chunks a query needs that are not here yet (the browser fetches them and asks again).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing(pub Vec<usize>);

/// The answer to `query`, or the chunks it needs first; `None` for a query with no words.
pub fn answer(index: &impl Chunks, query: &str) -> Result<Option<Answer>, Missing> {
    let typed = words(query);
    if typed.is_empty() {
        return Ok(None);
    }
    let mut clauses = index.meta().synonyms.clauses(&typed);
    let wanted: Vec<Range<usize>> = clauses.iter().flat_map(|c| ranges(index, c)).collect();
    needs(index, wanted)?;
    let mut found: Vec<Vec<&Term>> = clauses.iter().map(|c| matches(index, c)).collect();
    // Typos: only for a word that finds nothing, so a rare word is never "corrected".
    let mut corrected = false;
    for (clause, terms) in clauses.iter_mut().zip(&mut found) {
        let Some(word) = clause.own.clone() else {
            continue;
        };
        if !terms.is_empty() || word.chars().count() < TYPO_MIN_LETTERS {
            continue;
        }
        let start: String = word.chars().take(TYPO_KEPT_LETTERS).collect();
        let meta = index.meta();
        needs(index, [meta.chunks_for(&start)])?;
        if let Some(fix) = nearest(index, &start, &word) {
            needs(index, [meta.chunks_for(&family_prefix(&fix))])?;
            clause.own = Some(fix);
            *terms = matches(index, clause);
            corrected = true;
        }
    }
    let corrected = corrected.then(|| {
        let read: Vec<String> = clauses
            .iter()
            .map(|c| c.own.clone().unwrap_or_else(|| c.also.join(" ")))
            .collect();
        read.join(" ")
    });
    let order = rank(index.meta().docs as usize, &found);
    let read = corrected
        .clone()
        .unwrap_or_else(|| query.trim().to_string());
    Ok(Some(Answer {
        order,
        corrected,
        marks: marks(read, &clauses, &found),
    }))
}

/// The chunks a clause needs: where the words it finds can be.
fn ranges(index: &impl Chunks, clause: &Clause) -> Vec<Range<usize>> {
    let meta = index.meta();
    let mut out: Vec<Range<usize>> = clause
        .also
        .iter()
        .map(|w| meta.chunks_for(&family_prefix(w)))
        .collect();
    match clause.own.as_deref() {
        Some(w) if is_letter(w) => out.push(meta.chunk_holding(w)),
        Some(w) => out.push(meta.chunks_for(&family_prefix(w))),
        None => {}
    }
    out
}

/// A single letter is found only as a word of its own ("a", "i"): as a prefix it would
/// find half the library, and fetch a large share of the index to do so.
fn is_letter(word: &str) -> bool {
    word.chars().count() == 1
}

/// `Err` with every chunk of `ranges` that is not here.
fn needs(
    index: &impl Chunks,
    ranges: impl IntoIterator<Item = Range<usize>>,
) -> Result<(), Missing> {
    let mut missing: Vec<usize> = ranges
        .into_iter()
        .flatten()
        .filter(|&i| index.chunk(i).is_none())
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Missing(missing))
    }
}

/// Every vocabulary word starting with `prefix` (its chunks must be here).
fn starting_with<'a, C: Chunks>(index: &'a C, prefix: &str) -> Vec<&'a Term> {
    index
        .meta()
        .chunks_for(prefix)
        .filter_map(|i| index.chunk(i))
        .flat_map(|c| c.starting_with(prefix))
        .collect()
}

/// The vocabulary words a clause finds.
fn matches<'a, C: Chunks>(index: &'a C, clause: &Clause) -> Vec<&'a Term> {
    let mut out: Vec<&Term> = Vec::new();
    let family = |word: &str, out: &mut Vec<&'a Term>| {
        let stemmed = stem(word);
        out.extend(
            starting_with(index, &family_prefix(word))
                .into_iter()
                .filter(|t| t.word == word || stem(&t.word) == stemmed),
        );
    };
    match clause.own.as_deref() {
        Some(word) if is_letter(word) => {
            out.extend(
                starting_with(index, word)
                    .into_iter()
                    .filter(|t| t.word == word),
            );
        }
        Some(word) => {
            out.extend(starting_with(index, word));
            family(word, &mut out);
        }
        None => {}
    }
    for word in &clause.also {
        family(word, &mut out);
    }
    out.sort_unstable_by(|a, b| a.word.cmp(&b.word));
    out.dedup_by(|a, b| a.word == b.word);
    out
}

/// The most used word starting with `start` that is one typo from `word`.
fn nearest(index: &impl Chunks, start: &str, word: &str) -> Option<String> {
    starting_with(index, start)
        .into_iter()
        .filter(|t| one_typo(&t.word, word))
        .max_by(|a, b| a.docs.len().cmp(&b.docs.len()).then(b.word.cmp(&a.word)))
        .map(|t| t.word.clone())
}

/// Whether `a` and `b` differ by exactly one letter changed, added, dropped, or two
/// neighbouring letters swapped.
pub(super) fn one_typo(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[head..], &b[head..]);
    match (a.len(), b.len()) {
        (0, 0) => false,
        (x, y) if x == y => {
            a[1..] == b[1..] || (x >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
        (x, y) if x == y + 1 => a[1..] == *b,
        (x, y) if y == x + 1 => *a == b[1..],
        _ => false,
    }
}

/// Articles found by every clause, by the sum of each clause's best weight, then library
/// order (newest first).
fn rank(docs: usize, found: &[Vec<&Term>]) -> Vec<usize> {
    let mut score = vec![0u32; docs];
    let mut hits = vec![0u32; docs];
    let mut best = vec![0u16; docs];
    let mut touched = Vec::new();
    for terms in found {
        for term in terms {
            for (&doc, &w) in term.docs.iter().zip(&term.weights) {
                let Some(b) = best.get_mut(doc as usize) else {
                    continue;
                };
                if *b == 0 {
                    touched.push(doc as usize);
                }
                *b = (*b).max(w.max(1));
            }
        }
        for d in touched.drain(..) {
            score[d] += u32::from(best[d]);
            hits[d] += 1;
            best[d] = 0;
        }
    }
    let mut order: Vec<usize> = (0..docs)
        .filter(|&d| hits[d] as usize == found.len())
        .collect();
    order.sort_by(|&a, &b| score[b].cmp(&score[a]).then(a.cmp(&b)));
    order
}

/// The reader's words mark the words they start; the other words found (forms, synonyms,
/// corrections) are marked whole.
fn marks(query: String, clauses: &[Clause], found: &[Vec<&Term>]) -> Marks {
    let prefixes: Vec<String> = clauses.iter().filter_map(|c| c.own.clone()).collect();
    let words: BTreeSet<String> = found
        .iter()
        .flatten()
        .filter(|t| !prefixes.iter().any(|p| t.word.starts_with(p.as_str())))
        .map(|t| t.word.clone())
        .collect();
    Marks::new(query, prefixes, words.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_typo_is_one_edit_or_one_swap() {
        for (a, b) in [
            ("slepe", "sleep"),
            ("slep", "sleep"),
            ("sleeep", "sleep"),
            ("sleap", "sleep"),
        ] {
            assert!(one_typo(a, b), "{a} {b}");
            assert!(one_typo(b, a), "{b} {a}");
        }
        for (a, b) in [
            ("sleep", "sleep"),
            ("spele", "sleep"),
            ("slp", "sleep"),
            ("stress", "sleep"),
        ] {
            assert!(!one_typo(a, b), "{a} {b}");
        }
    }
}
