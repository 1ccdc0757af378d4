//! The region picker of /help. Without JavaScript it is a plain GET form (`/help?region=gb`,
//! rendered by the server). Hydrated, a choice applies at once, with no page load: it is
//! kept in reader state, so every help box on every page follows it (the head probe in
//! app.rs applies it before first paint), and the URL says it, for sharing.

use crate::help::ALL_REGIONS;
use crate::reader::use_reader;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A region the picker offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionOption {
    pub code: String,
    pub name: String,
}

/// `shown` is the region the server rendered visible (or "all"). Lazy (split out) in the
/// hydrating build, as only /help has it: no other page's first load carries its code, and
/// until it comes the plain form works.
#[cfg_attr(feature = "hydrate", island(lazy))]
#[cfg_attr(not(feature = "hydrate"), island)]
pub fn RegionPicker(options: Vec<RegionOption>, shown: String) -> impl IntoView {
    let reader = use_reader();
    let choice = RwSignal::new(shown.clone());
    let known = StoredValue::new(
        options
            .iter()
            .map(|o| o.code.clone())
            .chain([ALL_REGIONS.to_string()])
            .collect::<Vec<_>>(),
    );
    // Once stored state has loaded: the reader's own choice, unless the URL named a region
    // (the probe left that page as the server rendered it).
    Effect::new(move |_| {
        if !reader.ready.get() || url_names_region() {
            return;
        }
        if let Some(region) = reader.region() {
            if known.with_value(|k| k.contains(&region)) {
                show_region(&region);
                choice.set(region);
            }
        }
    });
    let apply = move |region: String| {
        if !known.with_value(|k| k.contains(&region)) {
            return;
        }
        show_region(&region);
        reader.choose_region(Some(region.clone()));
        crate::history::show_in_url(&format!("/help?region={region}"), true);
        choice.set(region);
    };
    let options = options
        .into_iter()
        .map(|o| {
            let selected = o.code == shown;
            view! { <option value=o.code selected=selected>{o.name}</option> }
        })
        .collect_view();
    view! {
        <form
            class="region-picker"
            method="get"
            action="/help"
            on:submit=move |ev| {
                ev.prevent_default();
                apply(choice.get_untracked());
            }
        >
            <label for="help-region">"Show support for"</label>
            <select
                id="help-region"
                name="region"
                prop:value=move || choice.get()
                on:change=move |ev| apply(event_target_value(&ev))
            >
                {options}
                <option value=ALL_REGIONS selected=shown == ALL_REGIONS>"All regions"</option>
            </select>
            <button type="submit" class="button-quiet">"Show"</button>
        </form>
    }
}

/// Shows the help services of `region` (or every region's) on this page and hides the
/// others', as the head probe does before first paint.
fn show_region(_region: &str) {
    #[cfg(feature = "browser")]
    if let Ok(blocks) = document().query_selector_all(".help-region") {
        for i in 0..blocks.length() {
            let Some(block) = blocks
                .item(i)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            else {
                continue;
            };
            let on = _region == ALL_REGIONS
                || block.get_attribute("data-region").as_deref() == Some(_region);
            let _ = block.toggle_attribute_with_force("hidden", !on);
        }
    }
}

fn url_names_region() -> bool {
    #[cfg(feature = "browser")]
    return window()
        .location()
        .search()
        .is_ok_and(|q| q.contains("region="));
    #[cfg(not(feature = "browser"))]
    false
}
