//! "Listen" (#26): reads an article aloud with the browser's own speech synthesis: the
//! title, then the body one paragraph, heading or list item at a time (browsers cut long
//! utterances off), marking the element being read and keeping it in view. Nothing is sent
//! anywhere but the browser's speech engine.
//!
//! The server renders the controls for every article; style/main.css shows them only where
//! the head probe (app.rs) found `window.speechSynthesis` and set `<html data-speech>`, so
//! they appear before first paint or not at all, and move nothing when the WASM comes.

use leptos::prelude::*;

/// The speeds offered, as the `<select>` values (the utterance rate).
pub const SPEEDS: [(&str, &str); 4] = [
    ("0.75", "0.75×"),
    ("1", "1×"),
    ("1.25", "1.25×"),
    ("1.5", "1.5×"),
];

/// What is read, in document order: the title, then the body's blocks (a paragraph inside a
/// list item is read with its item).
pub const READ_SELECTOR: &str =
    ".article-header h1, .article .prose :is(h2, h3, h4, li, p:not(li p), blockquote:not(:has(p)))";

/// The class of the element being read.
pub const READING_CLASS: &str = "listen-current";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Idle,
    Speaking,
    Paused,
}

/// The controls only: a few lines of view in the main WASM. The reading itself
/// ([`read_aloud`]) is a lazy function, split out and fetched on the first press, so an
/// article page that is never listened to loads none of it (a lazy island would load its
/// whole chunk, some 47 KB, on every article page).
#[island]
pub fn Listen() -> impl IntoView {
    let status = RwSignal::new(Status::Idle);
    let rate = RwSignal::new("1".to_string());
    // Which run of reading an utterance belongs to: a stopped run's late `end` does nothing.
    let run = StoredValue::new(0u32);

    #[cfg(feature = "browser")]
    {
        // Leaving the page (or the island) silences it.
        let handle = window_event_listener(leptos::ev::pagehide, move |_| speech::cancel());
        on_cleanup(move || {
            handle.remove();
            speech::cancel();
        });
    }

    let toggle = move |_| match status.get_untracked() {
        Status::Idle => {
            run.update_value(|r| *r += 1);
            status.set(Status::Speaking);
            #[cfg(feature = "browser")]
            leptos::task::spawn_local(read_aloud(run.get_value(), run, status, rate));
        }
        Status::Speaking => {
            #[cfg(feature = "browser")]
            speech::pause();
            status.set(Status::Paused);
        }
        Status::Paused => {
            #[cfg(feature = "browser")]
            speech::resume();
            status.set(Status::Speaking);
        }
    };
    let stop = move |_| {
        run.update_value(|r| *r += 1);
        status.set(Status::Idle);
        #[cfg(feature = "browser")]
        {
            speech::cancel();
            speech::unmark();
        }
    };
    let label = move || match status.get() {
        Status::Idle => "Listen",
        Status::Speaking => "Pause",
        Status::Paused => "Resume",
    };
    let speeds = SPEEDS
        .iter()
        .map(|(value, words)| view! { <option value=*value selected=*value == "1">{*words}</option> })
        .collect_view();
    view! {
        <div class="listen" role="group" aria-label="Listen to this article">
            <button type="button" class="button-quiet listen-toggle" on:click=toggle>
                <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                    <path d="M4 9v6h4l5 4V5L8 9zm12.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4z"/>
                </svg>
                <span>{label}</span>
            </button>
            <button
                type="button"
                class="button-quiet"
                hidden=move || status.get() == Status::Idle
                on:click=stop
            >
                "Stop"
            </button>
            <label class="listen-speed">
                "Speed "
                <select on:change=move |ev| rate.set(event_target_value(&ev))>{speeds}</select>
            </label>
        </div>
    }
}

/// Reads the article from its start, for run `this_run` (see `Listen`). Lazy in the split
/// build: its code (and the speech API's bindings it needs) is fetched on the first call.
/// The static build has no split WASM (Trunk would not resolve the split loader), so there
/// it is an ordinary function.
#[cfg(feature = "browser")]
#[cfg_attr(feature = "hydrate", lazy)]
async fn read_aloud(
    this_run: u32,
    run: StoredValue<u32>,
    status: RwSignal<Status>,
    rate: RwSignal<String>,
) {
    speech::read_from(0, this_run, run, status, rate);
}

/// The browser's speech synthesis, and the marking of what it reads.
#[cfg(feature = "browser")]
mod speech {
    use super::{Status, READING_CLASS, READ_SELECTOR};
    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{Element, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

    fn synth() -> Option<SpeechSynthesis> {
        let value = js_sys::Reflect::get(&window(), &JsValue::from_str("speechSynthesis")).ok()?;
        (!value.is_undefined() && !value.is_null()).then(|| value.unchecked_into())
    }

    pub fn cancel() {
        if let Some(s) = synth() {
            s.cancel();
        }
    }
    pub fn pause() {
        if let Some(s) = synth() {
            s.pause();
        }
    }
    pub fn resume() {
        if let Some(s) = synth() {
            s.resume();
        }
    }

    /// The elements to read, in order, with their text; empty ones are skipped.
    fn blocks() -> Vec<(Element, String)> {
        let Ok(list) = document().query_selector_all(READ_SELECTOR) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.get(i)?.dyn_into::<Element>().ok())
            .filter_map(|e| {
                let text = e
                    .text_content()?
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                (!text.is_empty()).then_some((e, text))
            })
            .collect()
    }

    /// A voice for the page's language, the browser's default for it first.
    fn voice(synth: &SpeechSynthesis, lang: &str) -> Option<SpeechSynthesisVoice> {
        let voices: Vec<SpeechSynthesisVoice> = synth
            .get_voices()
            .iter()
            .filter_map(|v| v.dyn_into().ok())
            .filter(|v: &SpeechSynthesisVoice| {
                let l = v.lang().to_ascii_lowercase();
                l == lang || l.starts_with(&format!("{lang}-"))
            })
            .collect();
        voices
            .iter()
            .find(|v| v.default())
            .or(voices.first())
            .cloned()
    }

    fn reduced_motion() -> bool {
        let chosen = document()
            .document_element()
            .and_then(|h| h.get_attribute("data-motion"))
            .is_some_and(|m| m == "reduce");
        chosen
            || window()
                .match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
                .is_some_and(|m| m.matches())
    }

    /// No element marked as being read.
    pub fn unmark() {
        if let Ok(list) = document().query_selector_all(&format!(".{READING_CLASS}")) {
            for i in 0..list.length() {
                if let Some(e) = list.get(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = e.class_list().remove_1(READING_CLASS);
                }
            }
        }
    }

    /// Marks `current` as being read (and no other element), and keeps it in view.
    pub fn mark(current: Option<&Element>) {
        unmark();
        if let Some(e) = current {
            let _ = e.class_list().add_1(READING_CLASS);
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            options.set_behavior(if reduced_motion() {
                web_sys::ScrollBehavior::Instant
            } else {
                web_sys::ScrollBehavior::Smooth
            });
            e.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }

    /// Reads block `index` of run `this_run`, then the next, until the end or a stop.
    pub fn read_from(
        index: usize,
        this_run: u32,
        run: StoredValue<u32>,
        status: RwSignal<Status>,
        rate: RwSignal<String>,
    ) {
        let Some(synth) = synth() else {
            status.set(Status::Idle);
            return;
        };
        if run.get_value() != this_run || status.get_untracked() == Status::Idle {
            return;
        }
        let blocks = blocks();
        let Some((element, text)) = blocks.get(index) else {
            mark(None);
            status.set(Status::Idle);
            return;
        };
        let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(text) else {
            return;
        };
        let lang = document()
            .document_element()
            .and_then(|h| h.get_attribute("lang"))
            .unwrap_or_else(|| "en".into())
            .to_ascii_lowercase();
        utterance.set_lang(&lang);
        if let Some(v) = voice(&synth, &lang) {
            utterance.set_voice(Some(&v));
        }
        let speed = rate.get_untracked().parse::<f32>().unwrap_or(1.0);
        utterance.set_rate(speed.clamp(0.5, 2.0));
        let next = Closure::once_into_js(move || read_from(index + 1, this_run, run, status, rate));
        utterance.set_onend(Some(next.unchecked_ref()));
        mark(Some(element));
        synth.speak(&utterance);
    }
}
