//! The pages by path, within a memory budget.

use super::page::Page;
use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};

pub struct PageCache {
    /// The pages by path, and the bytes they take.
    pages: RwLock<(HashMap<String, Arc<Page>>, usize)>,
    budget: usize,
}

impl PageCache {
    /// A cache holding at most `budget` bytes of pages (raw and deflated together).
    pub fn new(budget: usize) -> Self {
        Self {
            pages: RwLock::new((HashMap::new(), 0)),
            budget,
        }
    }

    pub(super) fn get(&self, key: &str) -> Option<Arc<Page>> {
        self.pages.read().ok()?.0.get(key).cloned()
    }

    /// Keeps `page` unless that would go over budget. Nothing is evicted: the set of pages
    /// is fixed for the life of a build, so a full cache means the budget is too small.
    pub(super) fn keep(&self, key: String, page: Arc<Page>) {
        let Ok(mut guard) = self.pages.write() else {
            return;
        };
        let (pages, used) = &mut *guard;
        // Two first requests for a page may both render it: the first one kept counts.
        if !pages.contains_key(&key) && *used + page.size() <= self.budget {
            *used += page.size();
            pages.insert(key, page);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn page(text: &str) -> Arc<Page> {
        let html = format!("<script nonce=\"N\"></script>{text}");
        let page = Page::new(HeaderValue::from_static("text/html"), html.as_bytes(), "N");
        Arc::new(page.expect("a page without NUL bytes"))
    }

    #[test]
    fn the_first_page_kept_for_a_path_stays_and_the_budget_holds() {
        let first = page("first");
        let cache = PageCache::new(first.size() * 2);
        cache.keep("/".into(), first.clone());
        cache.keep("/".into(), page("second"));
        assert!(Arc::ptr_eq(&cache.get("/").unwrap(), &first));
        // A page that would go over budget is not kept; the ones already there stay.
        cache.keep("/big".into(), page(&"x".repeat(10_000)));
        assert!(cache.get("/big").is_none());
        assert!(cache.get("/").is_some());
        assert!(cache.get("/other").is_none());
    }
}
