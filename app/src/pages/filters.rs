//! The library's filter state, which always lives in the URL (`?topic=a&topic=b&q=words&show=saved`)
//! so a filtered view can be shared, bookmarked, reloaded and walked with back and forward.

use crate::model::ArticleCard;
use crate::reader::ReaderState;
use leptos::prelude::*;
use leptos_router::params::ParamsMap;

/// Reader-state filters: the browser alone knows them, so the server ignores `show`.
pub const SHOW: [(&str, &str); 4] = [
    ("saved", "Saved"),
    ("in-progress", "In progress"),
    ("finished", "Finished"),
    ("unread", "Unread"),
];

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Filters {
    pub topics: Vec<String>,
    pub q: String,
    pub show: Option<String>,
}

impl Filters {
    pub fn from_query(query: &ParamsMap) -> Self {
        let mut topics = query.get_all("topic").unwrap_or_default();
        topics.retain(|t| !t.is_empty());
        topics.dedup();
        Self {
            topics,
            q: query.get("q").unwrap_or_default(),
            show: query
                .get("show")
                .filter(|s| SHOW.iter().any(|(k, _)| k == s)),
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
        if let Some(s) = &self.show {
            parts.push(format!("show={s}"));
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

    pub fn with_show(&self, show: Option<&str>) -> Self {
        Self {
            show: show.map(str::to_string),
            ..self.clone()
        }
    }

    pub fn with_q(&self, q: String) -> Self {
        Self { q, ..self.clone() }
    }

    pub fn matches_topics(&self, card: &ArticleCard) -> bool {
        self.topics.is_empty() || self.topics.iter().any(|t| card.has_topic(t))
    }

    /// Whether the reader-state filter keeps `slug` (always, until stored state is loaded).
    pub fn matches_state(&self, slug: &str, reader: &ReaderState) -> bool {
        if !reader.ready.get() {
            return true;
        }
        let progress = || reader.progress(slug);
        match self.show.as_deref() {
            Some("saved") => reader.is_bookmarked(slug),
            Some("in-progress") => progress().is_some_and(|p| !p.finished()),
            Some("finished") => progress().is_some_and(|p| p.finished()),
            Some("unread") => progress().is_none(),
            _ => true,
        }
    }
}

/// Percent-encodes a query value (UTF-8; unreserved characters kept).
fn encode(s: &str) -> String {
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
            show: Some("saved".into()),
        };
        assert_eq!(
            f.href(),
            "/?topic=a&topic=b&q=sleep%20%26%20caf%C3%A9&show=saved"
        );
        assert_eq!(Filters::default().href(), "/");
        assert_eq!(f.toggle_topic("a").topics, ["b"]);
        assert_eq!(f.toggle_topic("c").topics, ["a", "b", "c"]);
    }
}
