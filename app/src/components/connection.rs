//! The connection note every page carries: offline reading starts with knowing you are
//! offline. Empty until hydration, like all offline state (see offline/mod.rs).

use crate::offline::use_offline;
use leptos::prelude::*;

/// Says when the connection goes, and when it comes back. Always in the page (empty while
/// online) so screen readers announce the change.
#[island]
pub fn ConnectionStatus() -> impl IntoView {
    let offline = use_offline();
    view! {
        <div class="connection-slot" role="status" aria-live="polite">
            {move || {
                if !offline.online.get() {
                    Some(view! {
                        <p class="connection offline">
                            "You're offline. Articles saved for offline reading are still here: "
                            <a href="/offline">"see what you can read"</a>
                            "."
                        </p>
                    }.into_any())
                } else if offline.back_online.get() {
                    Some(view! { <p class="connection online">"You're back online."</p> }.into_any())
                } else {
                    None
                }
            }}
        </div>
    }
}
