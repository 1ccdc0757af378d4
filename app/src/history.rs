//! The address bar, changed without a page load: where an island applies a choice in place
//! (the library's filters, the help region), the URL still says it, for sharing and reload.

/// Puts `href` in the address bar: a new history entry, or (`replace`, while typing) the
/// current one changed.
pub fn show_in_url(_href: &str, _replace: bool) {
    #[cfg(feature = "browser")]
    if let Ok(history) = leptos::prelude::window().history() {
        let state = wasm_bindgen::JsValue::NULL;
        let _ = if _replace {
            history.replace_state_with_url(&state, "", Some(_href))
        } else {
            history.push_state_with_url(&state, "", Some(_href))
        };
    }
}
