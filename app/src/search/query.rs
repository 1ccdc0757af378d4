//! Answering a query. Each clause (a word, or a phrase of content/synonyms.toml) must be
//! found in an article: the reader's word as a prefix ("slee" -> "sleep") and by its stem
//! ("sleeping" -> "sleep", "sleeps"), and the rule's words by their stems. A word of five
//! letters or more that finds nothing at all is read as the most used word one typo away.
//! Articles are ranked by the sum over clauses of the best weight each clause found.

use super::build::STEM_MARK;
use super::normalize::words;
use super::shards::Chunks;
use super::stem::stem;
use super::synonyms::Clause;
use super::{Chunk, Marks, Term};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::ops::Range;

/// Words shorter than this are never corrected: too many short words are one typo apart.
const TYPO_MIN_LETTERS: usize = 5;
/// A prefix finds the words of at most this many chunks from where it would stand: in a
/// large library a short prefix ("sl") starts thousands of words, and fetching them all
/// would send much of the index for a word half typed. The words nearest the prefix come
/// first, and a word typed in full is found whole and by its forms however many there are.
const PREFIX_CHUNKS: usize = 3;

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

/// Reads terms from the chunks that are here, noting the ones that are not: a query reads
/// all it can, then says every chunk it lacked at once.
struct Reader<'a, C> {
    index: &'a C,
    missing: RefCell<Vec<usize>>,
}

impl<'a, C: Chunks> Reader<'a, C> {
    fn chunks(&self, range: Range<usize>) -> Vec<&'a Chunk> {
        let index: &'a C = self.index;
        range
            .filter_map(|i| {
                let chunk = index.chunk(i);
                if chunk.is_none() {
                    self.missing.borrow_mut().push(i);
                }
                chunk
            })
            .collect()
    }

    /// The term for exactly `word`, if the vocabulary has it.
    fn exact(&self, word: &str) -> Option<&'a Term> {
        let range = self.index.meta().chunk_holding(word);
        self.chunks(range).into_iter().find_map(|c| {
            let at = c
                .terms
                .binary_search_by(|t| t.word.as_str().cmp(word))
                .ok()?;
            Some(&c.terms[at])
        })
    }

    /// The words starting with `prefix`, from the first [`PREFIX_CHUNKS`] chunks they are in.
    fn prefixed(&self, prefix: &str) -> Vec<&'a Term> {
        let range = self.index.meta().chunks_for(prefix);
        let capped = range.start..range.end.min(range.start + PREFIX_CHUNKS);
        self.chunks(capped)
            .into_iter()
            .flat_map(|c| c.starting_with(prefix))
            .collect()
    }

    /// `word` and its forms: the stem term if the library has more than one form, else the
    /// word and its stem as words.
    fn family(&self, word: &str) -> Vec<&'a Term> {
        let stemmed = stem(word);
        let family = self.exact(&format!("{STEM_MARK}{stemmed}"));
        let plain = [self.exact(&stemmed), self.exact(word)];
        match family {
            Some(t) => vec![t],
            None => plain.into_iter().flatten().collect(),
        }
    }

    /// The terms a clause finds.
    fn clause(&self, clause: &Clause) -> Vec<&'a Term> {
        let mut out: Vec<&Term> = Vec::new();
        match clause.own.as_deref() {
            Some(word) if word.chars().count() == 1 => out.extend(self.exact(word)),
            Some(word) => {
                out.extend(self.prefixed(word));
                out.extend(self.family(word));
            }
            None => {}
        }
        for word in &clause.also {
            out.extend(self.family(word));
        }
        out.sort_unstable_by(|a, b| a.word.cmp(&b.word));
        out.dedup_by(|a, b| a.word == b.word);
        out
    }

    /// The most used word one typo from `word`, among the words of the chunk it would be in
    /// and its neighbours (a typo late in a word keeps it near; one in its first letters is
    /// rarely made).
    fn nearest(&self, word: &str) -> Option<String> {
        let at = self.index.meta().chunk_holding(word);
        let near = at.start.saturating_sub(1)..(at.end + 1).min(self.index.meta().chunks.len());
        self.chunks(near)
            .into_iter()
            .flat_map(|c| &c.terms)
            .filter(|t| !t.word.starts_with(STEM_MARK) && one_typo(&t.word, word))
            .max_by(|a, b| a.docs.len().cmp(&b.docs.len()).then(b.word.cmp(&a.word)))
            .map(|t| t.word.clone())
    }

    /// `Err` with every chunk noted missing so far.
    fn done(&self) -> Result<(), Missing> {
        let mut missing = self.missing.take();
        if missing.is_empty() {
            return Ok(());
        }
        missing.sort_unstable();
        missing.dedup();
        Err(Missing(missing))
    }
}

/// The answer to `query`, or the chunks it needs first; `None` for a query with no words.
pub fn answer(index: &impl Chunks, query: &str) -> Result<Option<Answer>, Missing> {
    let typed = words(query);
    if typed.is_empty() {
        return Ok(None);
    }
    let read = Reader {
        index,
        missing: RefCell::new(Vec::new()),
    };
    let mut clauses = index.meta().synonyms.clauses(&typed);
    let mut found: Vec<Vec<&Term>> = clauses.iter().map(|c| read.clause(c)).collect();
    read.done()?;
    // Typos: only for a word that finds nothing, so a rare word is never "corrected".
    let mut corrected = false;
    for (clause, terms) in clauses.iter_mut().zip(&mut found) {
        let Some(word) = clause.own.clone() else {
            continue;
        };
        if !terms.is_empty() || word.chars().count() < TYPO_MIN_LETTERS {
            continue;
        }
        let fix = read.nearest(&word);
        read.done()?;
        if let Some(fix) = fix {
            clause.own = Some(fix);
            *terms = read.clause(clause);
            read.done()?;
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
        .flat_map(|t| {
            if t.forms.is_empty() {
                std::slice::from_ref(&t.word)
            } else {
                &t.forms
            }
        })
        .filter(|w| !prefixes.iter().any(|p| w.starts_with(p.as_str())))
        .cloned()
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
