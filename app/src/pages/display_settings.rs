//! `/settings`: display settings (#26), linked from the header of every page. Each choice
//! applies at once and is kept with the rest of reader state in this browser; the head
//! probe (app.rs) applies it on every page before first paint.

use crate::components::{
    display::{apply_display, SETTINGS_PATH},
    meta::PageMeta,
    reader::StorageNotice,
};
use crate::reader::{schema::ATTRIBUTES, use_reader};
use leptos::prelude::*;

/// Each setting's label and the words for its values, in the order of [`ATTRIBUTES`].
const CHOICES: [(&str, &[(&str, &str)]); 5] = [
    (
        "Theme",
        &[
            ("system", "Same as this device"),
            ("light", "Light"),
            ("dark", "Dark"),
            ("high-contrast", "High contrast (black and yellow)"),
        ],
    ),
    (
        "Text size",
        &[
            ("100", "100% (standard)"),
            ("125", "125%"),
            ("150", "150%"),
            ("175", "175%"),
            ("200", "200%"),
        ],
    ),
    ("Line spacing", &[("normal", "Normal"), ("wide", "Wide")]),
    (
        "Font",
        &[
            ("default", "Standard"),
            (
                "hyperlegible",
                "Atkinson Hyperlegible (easier to tell letters apart)",
            ),
        ],
    ),
    (
        "Motion",
        &[
            ("system", "Same as this device"),
            ("reduce", "Reduce motion (no smooth scrolling or animation)"),
        ],
    ),
];

#[component]
pub fn DisplaySettingsPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Display settings"
            description="Choose a theme, text size, line spacing, font and motion for reading Wellspring. Kept in this browser only."
            path=SETTINGS_PATH
        />
        <div class="wrap narrow page">
            <h1>"Display settings"</h1>
            <p class="lede">
                "Make pages easier on your eyes. Each choice applies straight away, on every "
                "page, and is kept in this browser only."
            </p>
            <noscript>
                <p class="message error">
                    "Display settings need JavaScript, which is turned off in this browser. "
                    "Your browser's own zoom and colour settings work everywhere on this site."
                </p>
            </noscript>
            <DisplayForm/>
            <p>
                "They are part of " <a href="/my-data">"your data"</a>
                ", exported, imported and cleared with it."
            </p>
        </div>
    }
}

/// The settings form. Lazy (split out) in the hydrating build: only this page has it.
#[cfg_attr(feature = "hydrate", island(lazy))]
#[cfg_attr(not(feature = "hydrate"), island)]
fn DisplayForm() -> impl IntoView {
    let reader = use_reader();
    let rows = ATTRIBUTES
        .iter()
        .zip(CHOICES)
        .map(|(attribute, (label, options))| {
            let field = attribute.field;
            let id = format!(
                "display-{}",
                attribute.attribute.trim_start_matches("data-")
            );
            let options = options
                .iter()
                .map(|(value, words)| view! { <option value=*value>{*words}</option> })
                .collect_view();
            let choose = move |ev: leptos::ev::Event| {
                let mut next = reader.display();
                if next.set(field, &event_target_value(&ev)) {
                    apply_display(&next);
                    reader.set_display(next);
                }
            };
            view! {
                <div>
                    <label for=id.clone()>{label}</label>
                    <select
                        id=id
                        name=field
                        prop:value=move || reader.display().get(field).to_string()
                        on:change=choose
                    >
                        {options}
                    </select>
                </div>
            }
        })
        .collect_view();
    view! {
        <StorageNotice/>
        <form class="display-form" aria-label="Display settings">
            {rows}
        </form>
        <div class="display-preview">
            <p>
                "A sample of text, to see the settings at work: when things feel heavy, a few "
                "slow breaths and a glass of water can be a kind first step. "
                <a href="/help">"A sample link"</a> "."
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_and_value_has_words() {
        for (attribute, (_, options)) in ATTRIBUTES.iter().zip(CHOICES) {
            let values: Vec<&str> = options.iter().map(|(v, _)| *v).collect();
            assert_eq!(values, attribute.values, "{}", attribute.field);
        }
    }
}
