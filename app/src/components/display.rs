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
                Some(value) if name == "data-font" => {
                    set_font_when_loaded(html.clone(), value.to_string());
                    Ok(())
                }
                Some(value) => html.set_attribute(name, value),
                None => html.remove_attribute(name),
            };
        }
    }
}

/// The font is `font-display: optional` (style/main.css), so that it never swaps in under
/// text already laid out and moves the page (CLS): fetched first, then chosen, it shows at
/// once, and later pages find it in the HTTP cache in time.
#[cfg(feature = "browser")]
fn set_font_when_loaded(html: web_sys::Element, value: String) {
    if html.get_attribute("data-font").as_deref() == Some(value.as_str()) {
        return;
    }
    let fonts = leptos::prelude::document().fonts();
    let loads = [FONT_400, FONT_700].map(|f| fonts.load(f));
    leptos::task::spawn_local(async move {
        for load in loads {
            let _ = wasm_bindgen_futures::JsFuture::from(load).await;
        }
        let _ = html.set_attribute("data-font", &value);
    });
}

#[cfg(feature = "browser")]
const FONT_400: &str = "400 1em \"Atkinson Hyperlegible\"";
#[cfg(feature = "browser")]
const FONT_700: &str = "700 1em \"Atkinson Hyperlegible\"";

/// What the head probe does on the server-rendered site, for the static build (which has no
/// probe): applies the stored display settings and marks `<html data-speech>` where the
/// browser can read aloud. Called once, before the app first renders; nothing reactive (an
/// effect in `App` for this broke `<Title>` on in-app navigation).
#[cfg(feature = "csr")]
pub fn apply_in_static_build() {
    use leptos::prelude::*;
    if let Some(settings) = crate::reader::stored_display() {
        apply_display(&settings);
    }
    let speech = js_sys::Reflect::get(&window(), &"speechSynthesis".into())
        .is_ok_and(|s| !s.is_undefined() && !s.is_null());
    if let (true, Some(html)) = (speech, document().document_element()) {
        let _ = html.set_attribute("data-speech", "");
    }
}
