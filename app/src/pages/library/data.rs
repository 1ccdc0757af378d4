//! What the library filters with in the browser, and how it comes: the shelf (every
//! article's slug and topics, shelf.rs) with the cards come so far, and the search index's
//! meta with the chunks fetched so far. Each chunk and card is asked for once; a failed
//! request asks whether the library changed (a deploy while the page was open), and takes
//! the new one if so, so an open page never searches an index the server no longer has.

use super::results::Results;
use crate::api::{FirstPage, SearchableCatalog};
use crate::model::ArticleCard;
use crate::search::LoadedIndex;
use crate::shelf::{ids_param, LoadedCards, MAX_CARDS_ASKED};
use leptos::prelude::*;
use std::collections::HashSet;

#[derive(Clone, Copy)]
pub struct LibraryData {
    pub index: RwSignal<LoadedIndex>,
    /// `None` until the shelf has come.
    pub cards: RwSignal<Option<LoadedCards>>,
    first: StoredValue<FirstPage>,
    /// Whether the shelf is being asked for: failures at once ask once.
    loading: StoredValue<bool>,
}

impl LibraryData {
    pub fn new(first: StoredValue<FirstPage>) -> Self {
        Self {
            index: RwSignal::new(LoadedIndex::default()),
            cards: RwSignal::new(None),
            first,
            loading: StoredValue::new(false),
        }
    }

    /// Asks for the shelf and the index meta, and takes them if they are not the ones held:
    /// after hydration, and again after a failed request. Offline, nothing changes.
    pub fn load(self) {
        if self
            .loading
            .try_update_value(|l| std::mem::replace(l, true))
            != Some(false)
        {
            return;
        }
        leptos::task::spawn_local(async move {
            let answer = crate::api::get_search_index().await;
            self.loading.set_value(false);
            if let Ok(answer) = answer {
                self.take(answer);
            }
        });
    }

    fn take(self, answer: SearchableCatalog) {
        let SearchableCatalog {
            index,
            shelf,
            cards,
        } = answer;
        let held = self
            .cards
            .with_untracked(|c| c.as_ref().map(|c| c.shelf.version.clone()));
        if held.as_ref() == Some(&shelf.version) && self.index.with_untracked(|ix| ix.meta == index)
        {
            return;
        }
        let mut loaded = LoadedCards::new(shelf);
        match cards {
            Some(all) => loaded.add(all.into_iter().enumerate()),
            // A large library's: the first page's are here already (the shelf checks that
            // each is the article it numbers).
            None => self.first.with_value(|page| {
                let numbers = page.numbers.iter().map(|&n| n as usize);
                loaded.add(numbers.zip(page.cards.iter().cloned()))
            }),
        }
        self.index.set(LoadedIndex {
            meta: index,
            ..LoadedIndex::default()
        });
        self.cards.set(Some(loaded));
    }

    /// Fetches the chunks of the search index that the results say they need, each once:
    /// once a word's chunks are here, typing never waits on the network again.
    pub fn fetch_chunks(self, results: Memo<Results>) {
        // (chunk, version): a new library's chunks are asked for again.
        let asked = StoredValue::new(HashSet::<(usize, String)>::new());
        Effect::new(move || {
            // Also when the index is replaced by a new library's, which may miss the same
            // chunk numbers (the results are then equal, and would not say so).
            self.index.track();
            for n in results.with(|r| r.missing.clone()) {
                let version = self
                    .index
                    .with_untracked(|ix| ix.meta.chunks.get(n).map(|c| c.version.clone()));
                let Some(key) = version.map(|v| (n, v)) else {
                    continue;
                };
                if !asked
                    .try_update_value(|a| a.insert(key.clone()))
                    .unwrap_or(false)
                {
                    continue;
                }
                leptos::task::spawn_local(async move {
                    match crate::api::get_search_chunk(n as u32, key.1.clone()).await {
                        Ok(chunk) => self.index.update(|ix| {
                            if ix.meta.chunks.get(n).is_some_and(|c| c.version == key.1) {
                                ix.loaded.insert(n, chunk);
                            }
                        }),
                        Err(_) => {
                            asked.update_value(|a| {
                                a.remove(&key);
                            });
                            self.load();
                        }
                    }
                });
            }
        });
    }

    /// Fetches the cards `wanted` names that have not come, each once. A failed request (no
    /// connection, or a library changed since the shelf came) falls back to every card,
    /// which the service worker keeps with the shell (/api/cards).
    pub fn fetch_cards(self, wanted: Memo<Vec<usize>>) {
        let asked = StoredValue::new(HashSet::<(usize, String)>::new());
        Effect::new(move || {
            // Also when a new library's shelf comes (see `fetch_chunks`).
            self.cards.track();
            let ids = wanted.get();
            let Some(version) = self
                .cards
                .with_untracked(|c| c.as_ref().map(|c| c.shelf.version.clone()))
            else {
                return;
            };
            let ids: Vec<usize> = ids
                .into_iter()
                .filter(|&i| {
                    asked
                        .try_update_value(|a| a.insert((i, version.clone())))
                        .unwrap_or(false)
                })
                .collect();
            for ids in ids.chunks(MAX_CARDS_ASKED).map(<[usize]>::to_vec) {
                let version = version.clone();
                leptos::task::spawn_local(async move {
                    let add = |got: Vec<(usize, ArticleCard)>| {
                        self.cards.update(|c| {
                            if let Some(c) = c {
                                c.add(got);
                            }
                        })
                    };
                    match crate::api::get_cards_of(ids_param(&ids), version.clone()).await {
                        Ok(got) => add(ids.iter().copied().zip(got).collect()),
                        Err(_) => {
                            self.load();
                            match crate::api::get_cards().await {
                                Ok(all) => add(all.articles.into_iter().enumerate().collect()),
                                Err(_) => asked.update_value(|a| {
                                    for &i in &ids {
                                        a.remove(&(i, version.clone()));
                                    }
                                }),
                            }
                        }
                    }
                });
            }
        });
    }
}
