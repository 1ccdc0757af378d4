//! The library's filter state, which always lives in the URL (`?topic=a&topic=b&q=words&show=saved`)
//! so a filtered view can be shared, bookmarked, reloaded and walked with back and forward.

use crate::model::ArticleCard;
use crate::reader::ReaderState;
use leptos::prelude::*;
use leptos_router::params::ParamsMap;

/// A reader-state filter: the browser alone knows reader state, so the server ignores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Show {
    Saved,
    InProgress,
    Finished,
    Unread,
}

impl Show {
    /// Every reader-state filter, in the order the chips show them.
    pub const ALL: [Show; 4] = [Show::Saved, Show::InProgress, Show::Finished, Show::Unread];

    /// Its value in the URL (`?show=…`).
    pub fn key(self) -> &'static str {
        match self {
            Show::Saved => "saved",
            Show::InProgress => "in-progress",
            Show::Finished => "finished",
            Show::Unread => "unread",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Show::Saved => "Saved",
            Show::InProgress => "In progress",
            Show::Finished => "Finished",
            Show::Unread => "Unread",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Filters {
    pub topics: Vec<String>,
    pub q: String,
    pub show: Option<Show>,
}

impl Filters {
    pub fn from_query(query: &ParamsMap) -> Self {
        Self {
            topics: distinct_topics(query.get_all("topic").unwrap_or_default()),
            q: query.get("q").unwrap_or_default(),
            show: query.get("show").and_then(|s| Show::from_key(&s)),
        }
    }

    /// Filters for comma-separated topic slugs and a search: what the server functions take.
    pub fn from_topic_list(topics: &str, q: String) -> Self {
        Self {
            topics: distinct_topics(topics.split(',').map(str::to_string).collect()),
            q,
            show: None,
        }
    }

    /// The library URL for these filters.
    pub fn href(&self) -> String {
        let mut parts: Vec<String> = self
            .topics
            .iter()
            .map(|t| format!("topic={}", encode(t)))
            .collect();
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode(&self.q)));
        }
        if let Some(s) = self.show {
            parts.push(format!("show={}", s.key()));
        }
        if parts.is_empty() {
            "/".into()
        } else {
            format!("/?{}", parts.join("&"))
        }
    }

    /// These filters with `topic` switched on or off.
    pub fn toggle_topic(&self, topic: &str) -> Self {
        let mut next = self.clone();
        if let Some(i) = next.topics.iter().position(|t| t == topic) {
            next.topics.remove(i);
        } else {
            next.topics.push(topic.to_string());
        }
        next
    }

    pub fn with_show(&self, show: Option<Show>) -> Self {
        Self {
            show,
            ..self.clone()
        }
    }

    /// These filters with `show` switched on, or off if it is on.
    pub fn toggle_show(&self, show: Show) -> Self {
        self.with_show((self.show != Some(show)).then_some(show))
    }

    pub fn with_q(&self, q: String) -> Self {
        Self { q, ..self.clone() }
    }

    pub fn matches_topics(&self, card: &ArticleCard) -> bool {
        self.matches_topics_by(|t| card.has_topic(t))
    }

    /// Whether an article that `has` these topics is kept (any of them, or all without any).
    pub fn matches_topics_by(&self, has: impl Fn(&str) -> bool) -> bool {
        self.topics.is_empty() || self.topics.iter().any(|t| has(t))
    }

    /// Whether the reader-state filter keeps `slug` (always, until stored state is loaded).
    pub fn matches_state(&self, slug: &str, reader: &ReaderState) -> bool {
        if !reader.ready.get() {
            return true;
        }
        let progress = || reader.progress(slug);
        match self.show {
            Some(Show::Saved) => reader.is_bookmarked(slug),
            Some(Show::InProgress) => progress().is_some_and(|p| !p.finished()),
            Some(Show::Finished) => progress().is_some_and(|p| p.finished()),
            Some(Show::Unread) => progress().is_none(),
            None => true,
        }
    }
}

/// Topic slugs without empty ones and without repeats, in first-seen order
/// (`?topic=a&topic=b&topic=a` is a and b).
fn distinct_topics(mut topics: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    topics.retain(|t| !t.is_empty() && seen.insert(t.clone()));
    topics
}

/// Percent-encodes a query value (UTF-8; unreserved characters kept).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn href_round_trips_through_the_query() {
        let f = Filters {
            topics: vec!["a".into(), "b".into()],
            q: "sleep & café".into(),
            show: Some(Show::Saved),
        };
        assert_eq!(
            f.href(),
            "/?topic=a&topic=b&q=sleep%20%26%20caf%C3%A9&show=saved"
        );
        assert_eq!(Filters::default().href(), "/");
        assert_eq!(f.toggle_topic("a").topics, ["b"]);
        assert_eq!(f.toggle_topic("c").topics, ["a", "b", "c"]);
        assert_eq!(f.toggle_show(Show::Saved).show, None);
        assert_eq!(f.toggle_show(Show::Unread).show, Some(Show::Unread));
    }

    #[test]
    fn repeated_and_empty_topics_count_once() {
        let f = Filters::from_topic_list("a,b,,a,c,b", String::new());
        assert_eq!(f.topics, ["a", "b", "c"]);
        let mut query = ParamsMap::new();
        for t in ["a", "b", "a", ""] {
            query.insert("topic", t.to_string());
        }
        query.insert("show", "finished".to_string());
        let f = Filters::from_query(&query);
        assert_eq!(f.topics, ["a", "b"]);
        assert_eq!(f.show, Some(Show::Finished));
    }

    #[test]
    fn every_show_filter_round_trips_through_its_key() {
        for show in Show::ALL {
            assert_eq!(Show::from_key(show.key()), Some(show));
        }
        assert_eq!(Show::from_key("everything"), None);
    }
}
