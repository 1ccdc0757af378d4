//! Display settings as the page shows them: the `data-*` attributes of `<html>` that
//! style/main.css keys on. The head probe (app.rs) sets them at load; this sets them again
//! when a reader changes a setting, imports or clears their data, with no reload.

use crate::reader::schema::DisplaySettings;

/// The display settings page, linked from the header of every page.
pub const SETTINGS_PATH: &str = "/settings";

/// Puts `settings` on `<html>` (a default removes its attribute). Nothing on the server.
pub fn apply_display(_settings: &DisplaySettings) {
    #[cfg(feature = "browser")]
    if let Some(html) = leptos::prelude::document().document_element() {
        for (name, value) in _settings.attributes() {
            let _ = match value {
                Some(value) => html.set_attribute(name, value),
                None => html.remove_attribute(name),
            };
        }
    }
}
