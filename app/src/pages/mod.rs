//! One module per route.

pub mod article;
pub mod display_settings;
pub mod help;
pub mod library;
pub mod my_data;
pub mod not_found;
pub mod offline;
pub mod reading_history;
pub mod saved;

/// Sets the HTTP status of the page being rendered on the server; nothing in the browser.
pub(crate) fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(_code) {
            res.set_status(code);
        }
    }
}
