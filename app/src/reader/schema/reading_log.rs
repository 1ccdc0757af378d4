//! The private reading history (#26): when the reader read which article, for how long, and
//! whether they finished it then. Kept in this browser only, under [`HISTORY_KEY`], as a
//! list of sessions, newest first; bounded by count and age. /history sums it by week.

use crate::model::is_slug;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const HISTORY_KEY: &str = "wellspring.v2.history";
/// At most this many sessions (a year of daily reading, several a day); the oldest go first.
/// With 120-byte slugs they take about 330 KB at most: under the 256 KB a value may have only
/// with slugs of typical length, so [`MAX_VALUE_BYTES`](super::MAX_VALUE_BYTES) is checked
/// against `MAX_HISTORY_BYTES` instead.
pub const MAX_SESSIONS: usize = 2000;
pub const MAX_HISTORY_BYTES: usize = 512 * 1024;
/// Sessions older than this are forgotten.
pub const KEEP_MS: f64 = 366.0 * DAY_MS;
pub const DAY_MS: f64 = 86_400_000.0;
pub const WEEK_MS: f64 = 7.0 * DAY_MS;
/// Reading of one article with no gap longer than this is one session.
pub const SESSION_GAP_MS: f64 = 10.0 * 60_000.0;
/// A pause between two records counts as reading for at most this long: a tab left open
/// overnight is not a night of reading.
pub const MAX_STEP_SECONDS: f64 = 120.0;
/// A session longer than this is not believed.
pub const MAX_SESSION_SECONDS: f64 = 6.0 * 3600.0;

/// One sitting with one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub slug: String,
    /// When it last went on (milliseconds since the Unix epoch).
    pub at: f64,
    /// Seconds spent reading.
    pub seconds: f64,
    /// The article was finished in this sitting.
    pub finished: bool,
}

impl Session {
    fn valid(&self) -> bool {
        is_slug(&self.slug)
            && self.at.is_finite()
            && self.at >= 0.0
            && self.seconds.is_finite()
            && (0.0..=MAX_SESSION_SECONDS).contains(&self.seconds)
    }
}

/// Newest first, none older than a year before `now`, at most [`MAX_SESSIONS`].
pub fn bound(sessions: &mut Vec<Session>, now: f64) {
    sessions.sort_by(|a, b| b.at.total_cmp(&a.at));
    if now > 0.0 {
        sessions.retain(|s| s.at >= now - KEEP_MS);
    }
    sessions.truncate(MAX_SESSIONS);
}

/// Decodes the stored list: what is not a session is dropped (the flag says so, and the
/// value is rewritten), the rest bounded.
pub fn decode_history(raw: Option<String>, now: f64) -> (Vec<Session>, bool) {
    let Some(raw) = raw else {
        return (Vec::new(), false);
    };
    if raw.len() > MAX_HISTORY_BYTES {
        return (Vec::new(), true);
    }
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(&raw) else {
        return (Vec::new(), true);
    };
    let total = items.len();
    let mut sessions: Vec<Session> = items
        .into_iter()
        .filter_map(|v| serde_json::from_value::<Session>(v).ok())
        .filter(Session::valid)
        .collect();
    bound(&mut sessions, now);
    let repaired = sessions.len() != total;
    (sessions, repaired)
}

/// Every entry of an import file is a valid session: else `Err(how many are not)`.
pub fn parse_imported(items: &[Value]) -> Result<Vec<Session>, usize> {
    let sessions: Vec<Session> = items
        .iter()
        .filter_map(|v| serde_json::from_value::<Session>(v.clone()).ok())
        .filter(Session::valid)
        .collect();
    match items.len() - sessions.len() {
        0 => Ok(sessions),
        bad => Err(bad),
    }
}

/// Records reading progress on `slug` at `now`: more time in the current session of that
/// article, or a new one. `finished_now` when this record crossed the finishing line.
/// `last_read`: when the article's progress was last recorded before this.
pub fn record(
    sessions: &mut Vec<Session>,
    slug: &str,
    now: f64,
    last_read: Option<f64>,
    finished_now: bool,
) {
    let step = last_read
        .map(|t| (now - t) / 1000.0)
        .filter(|s| *s > 0.0 && *s * 1000.0 <= SESSION_GAP_MS)
        .map_or(0.0, |s| s.min(MAX_STEP_SECONDS));
    match sessions.first_mut() {
        Some(s) if s.slug == slug && now - s.at <= SESSION_GAP_MS && now >= s.at => {
            s.seconds = (s.seconds + step).min(MAX_SESSION_SECONDS);
            s.at = now;
            s.finished |= finished_now;
        }
        _ => sessions.insert(
            0,
            Session {
                slug: slug.to_string(),
                at: now,
                seconds: step,
                finished: finished_now,
            },
        ),
    }
    bound(sessions, now);
}

/// One week of reading: from `start` (a Monday, 00:00 UTC) for seven days.
#[derive(Clone, Debug, PartialEq)]
pub struct Week {
    pub start: f64,
    pub minutes: u32,
    pub finished: u32,
}

/// The last `n` weeks up to the one holding `now`, oldest first.
pub fn weekly(sessions: &[Session], now: f64, n: usize) -> Vec<Week> {
    // 1970-01-01 was a Thursday: Monday 1970-01-05 starts week 0.
    let monday = 4.0 * DAY_MS;
    let this_week = ((now - monday) / WEEK_MS).floor();
    let first = this_week - (n as f64 - 1.0);
    let mut seconds = vec![0.0; n];
    let mut finished = vec![0u32; n];
    for s in sessions {
        let w = ((s.at - monday) / WEEK_MS).floor() - first;
        if w >= 0.0 && w < n as f64 {
            seconds[w as usize] += s.seconds;
            finished[w as usize] += u32::from(s.finished);
        }
    }
    (0..n)
        .map(|i| Week {
            start: monday + (first + i as f64) * WEEK_MS,
            minutes: (seconds[i] / 60.0).round() as u32,
            finished: finished[i],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_800_000_000_000.0;

    fn session(slug: &str, at: f64, seconds: f64, finished: bool) -> Session {
        Session {
            slug: slug.into(),
            at,
            seconds,
            finished,
        }
    }

    #[test]
    fn records_join_one_session_until_a_long_gap() {
        let mut log = Vec::new();
        record(&mut log, "a", NOW, None, false);
        record(&mut log, "a", NOW + 30_000.0, Some(NOW), false);
        record(&mut log, "a", NOW + 60_000.0, Some(NOW + 30_000.0), true);
        assert_eq!(log, [session("a", NOW + 60_000.0, 60.0, true)]);
        // A long pause: a new session, and the pause is not reading.
        let later = NOW + 60_000.0 + SESSION_GAP_MS + 1.0;
        record(&mut log, "a", later, Some(NOW + 60_000.0), false);
        assert_eq!(log.len(), 2);
        assert_eq!(log[0], session("a", later, 0.0, false));
        // Another article: another session.
        record(&mut log, "b", later + 1000.0, None, false);
        assert_eq!(log[0].slug, "b");
    }

    #[test]
    fn a_pause_counts_for_two_minutes_at_most() {
        let mut log = Vec::new();
        record(&mut log, "a", NOW, None, false);
        record(&mut log, "a", NOW + 9.0 * 60_000.0, Some(NOW), false);
        assert_eq!(log[0].seconds, MAX_STEP_SECONDS);
    }

    #[test]
    fn the_log_is_bounded_by_count_and_age() {
        let mut log: Vec<Session> = (0..MAX_SESSIONS + 50)
            .map(|i| session("a", NOW - i as f64 * 1000.0, 1.0, false))
            .collect();
        log.push(session("old", NOW - KEEP_MS - 1.0, 1.0, false));
        bound(&mut log, NOW);
        assert_eq!(log.len(), MAX_SESSIONS);
        assert!(log.iter().all(|s| s.slug == "a"));
        assert!(log.windows(2).all(|w| w[0].at >= w[1].at));
    }

    #[test]
    fn damaged_entries_are_dropped_and_the_rest_kept() {
        let raw = format!(
            r#"[{{"slug":"a","at":{NOW},"seconds":60,"finished":true}},
                {{"slug":"Not A Slug","at":1,"seconds":1,"finished":false}},
                {{"slug":"b","at":{NOW},"seconds":-5,"finished":false}},
                {{"slug":"c","at":{NOW},"seconds":1e9,"finished":false}},
                {{"slug":"d","at":{NOW}}},
                7]"#
        );
        let (log, repaired) = decode_history(Some(raw), NOW);
        assert!(repaired);
        assert_eq!(log, [session("a", NOW, 60.0, true)]);
        for garbage in ["", "{}", "null", "[", "\"x\""] {
            assert_eq!(decode_history(Some(garbage.into()), NOW), (vec![], true));
        }
        assert_eq!(decode_history(None, NOW), (vec![], false));
        let huge = "x".repeat(MAX_HISTORY_BYTES + 1);
        assert_eq!(decode_history(Some(huge), NOW), (vec![], true));
    }

    #[test]
    fn the_fullest_log_fits_its_byte_bound() {
        let slug = "s".repeat(120);
        let log: Vec<Session> = (0..MAX_SESSIONS)
            .map(|i| session(&slug, f64::MAX - i as f64, MAX_SESSION_SECONDS, true))
            .collect();
        let raw = serde_json::to_string(&log).unwrap();
        assert!(raw.len() <= MAX_HISTORY_BYTES, "{}", raw.len());
    }

    #[test]
    fn weeks_sum_minutes_and_finished_articles() {
        let log = vec![
            session("a", NOW, 90.0, true),
            session("b", NOW - 1000.0, 30.0, false),
            session("c", NOW - 3.0 * WEEK_MS, 600.0, true),
            session("d", NOW - 20.0 * WEEK_MS, 600.0, true),
        ];
        let weeks = weekly(&log, NOW, 12);
        assert_eq!(weeks.len(), 12);
        let last = weeks.last().unwrap();
        assert!(last.start <= NOW && NOW < last.start + WEEK_MS);
        assert_eq!((last.minutes, last.finished), (2, 1));
        assert_eq!((weeks[8].minutes, weeks[8].finished), (10, 1));
        let total: u32 = weeks.iter().map(|w| w.minutes).sum();
        assert_eq!(total, 12, "the session 20 weeks ago is outside");
        // Weeks start on Mondays (1970-01-05 was one).
        assert_eq!(((last.start / DAY_MS) as i64 - 4) % 7, 0);
    }
}
