//! Controls and marks that show reader state: the bookmark toggle and reading progress.
//! Both render the same neutral markup on the server and on the first client render;
//! stored state fills them in after hydration without changing their size. Each is an island
//! (hydrated alone) wherever it is not already inside one.

use crate::reader::use_reader;
use leptos::prelude::*;

#[island]
pub fn BookmarkButton(#[prop(into)] slug: String, #[prop(into)] title: String) -> impl IntoView {
    let reader = use_reader();
    let pressed = {
        let slug = slug.clone();
        move || reader.is_bookmarked(&slug)
    };
    let pressed_attr = {
        let pressed = pressed.clone();
        move || if pressed() { "true" } else { "false" }
    };
    view! {
        <button
            type="button"
            class="bookmark"
            aria-pressed=pressed_attr
            aria-label=format!("Bookmark: {title}")
            on:click=move |_| reader.toggle_bookmark(&slug)
        >
            <svg class="bookmark-icon" viewBox="0 0 24 24" aria-hidden="true" width="18" height="18">
                <path d="M6 3h12v18l-6-4.5L6 21z"/>
            </svg>
            <span class="bookmark-text">"Bookmark"</span>
        </button>
    }
}

/// "Finished", or a bar with the share read; empty (but the same height) when unread.
#[island]
pub fn ReadingProgress(#[prop(into)] slug: String) -> impl IntoView {
    let reader = use_reader();
    let progress = move || reader.progress(&slug);
    view! {
        <div class="progress-slot">
            {move || progress().map(|p| {
                if p.finished() {
                    view! { <span class="finished">"Finished"</span> }.into_any()
                } else {
                    let percent = (p.fraction * 100.0).round() as u32;
                    view! {
                        <span class="progress-bar" role="img" aria-label=format!("{percent}% read")>
                            <span class="progress-fill" style:width=format!("{percent}%")></span>
                        </span>
                    }
                    .into_any()
                }
            })}
        </div>
    }
}

/// A discreet note when this browser will not let Wellspring keep anything. State then lives
/// in the page alone: every link is a page load.
#[island]
pub fn StorageNotice() -> impl IntoView {
    let reader = use_reader();
    view! {
        <Show when=move || !reader.persistent.get()>
            <p class="storage-notice" role="status">
                "This browser is not letting Wellspring store anything, so bookmarks and "
                "reading progress are forgotten when you leave the page."
            </p>
        </Show>
    }
}

/// On an article page: saves how far the reader is (throttled), and offers to return to
/// where they stopped last time. The offer floats at the bottom, so it shifts no layout.
#[island]
pub fn ReadingTracker(#[prop(into)] slug: String) -> impl IntoView {
    let reader = use_reader();
    let offer = RwSignal::new(None::<f64>);
    // Decide once, as soon as stored state is loaded.
    let decided = StoredValue::new(false);
    let slug_for_offer = slug.clone();
    Effect::new(move |_| {
        if decided.get_value() || !reader.ready.get() {
            return;
        }
        decided.set_value(true);
        let stored = untrack(|| reader.progress(&slug_for_offer));
        if let Some(p) = stored.filter(|p| !p.finished() && p.fraction > 0.05) {
            offer.set(Some(p.fraction));
        }
    });

    #[cfg(feature = "browser")]
    {
        let slug = slug.clone();
        let save = leptos_use_fn_debounce_throttle::use_throttle_fn(
            move || {
                if let Some(f) = body_fraction() {
                    reader.record_progress(&slug, f);
                }
            },
            1000.0,
        );
        let handle = window_event_listener(leptos::ev::scroll, move |_| {
            if reader.ready.get_untracked() {
                save();
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "browser"))]
    let _ = slug;

    let resume = move |_| {
        if let Some(f) = offer.get_untracked() {
            scroll_to_fraction(f);
        }
        offer.set(None);
    };
    view! {
        <Show when=move || offer.get().is_some()>
            <div class="continue-offer" role="region" aria-label="Continue reading">
                <button type="button" class="button" on:click=resume>
                    "Continue where you left off"
                </button>
                <button type="button" class="button-quiet" on:click=move |_| offer.set(None)>
                    "Start from the top"
                </button>
            </div>
        </Show>
    }
}

/// Share of the article body above the bottom of the viewport, 0 to 1.
#[cfg(feature = "browser")]
fn body_fraction() -> Option<f64> {
    let body = document().query_selector(".article .prose").ok()??;
    let rect = body.get_bounding_client_rect();
    let viewport = window().inner_height().ok()?.as_f64()?;
    if rect.height() <= 0.0 {
        return None;
    }
    Some(((viewport - rect.top()) / rect.height()).clamp(0.0, 1.0))
}

fn scroll_to_fraction(_fraction: f64) {
    #[cfg(feature = "browser")]
    {
        let Some(body) = document().query_selector(".article .prose").ok().flatten() else {
            return;
        };
        let rect = body.get_bounding_client_rect();
        let win = window();
        let viewport = win
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        let y = win.scroll_y().unwrap_or(0.0) + rect.top() + rect.height() * _fraction - viewport;
        win.scroll_to_with_x_and_y(0.0, y.max(0.0));
    }
}
