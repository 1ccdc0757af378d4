//! Answering a query: every query word must match some word of the article as a prefix;
//! title matches rank first.

use super::normalize::words;
use super::{SearchIndex, TITLE_WEIGHT};

impl SearchIndex {
    /// The id range of vocabulary words starting with `prefix`.
    fn range(&self, prefix: &str) -> (u32, u32) {
        let lo = self.words.partition_point(|w| w.as_str() < prefix);
        let len = self.words[lo..].partition_point(|w| w.starts_with(prefix));
        (lo as u32, (lo + len) as u32)
    }

    /// Articles matching every word of `query` as a prefix, best first (title matches
    /// first, then library order, which is newest first). `None` for an empty query.
    pub fn search(&self, query: &str) -> Option<Vec<usize>> {
        let ranges: Vec<(u32, u32)> = words(query).iter().map(|w| self.range(w)).collect();
        if ranges.is_empty() {
            return None;
        }
        let has = |ids: &[u32], (lo, hi): (u32, u32)| {
            let i = ids.partition_point(|&x| x < lo);
            i < ids.len() && ids[i] < hi
        };
        let mut hits: Vec<(usize, u32)> = self
            .docs
            .iter()
            .enumerate()
            .filter_map(|(i, (title, rest))| {
                let mut score = 0;
                for &r in &ranges {
                    score += if has(title, r) {
                        TITLE_WEIGHT
                    } else if has(rest, r) {
                        1
                    } else {
                        return None;
                    };
                }
                Some((i, score))
            })
            .collect();
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Some(hits.into_iter().map(|(i, _)| i).collect())
    }
}
