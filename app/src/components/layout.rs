//! The frame around every page: header with the way to help, and footer.

use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">
                    <img class="brand-mark" src="/icon.svg" alt="" width="28" height="28"/>
                    <span>"Wellspring"</span>
                </a>
                <nav class="site-nav" aria-label="Main">
                    <ul>
                        <li>
                            <a href="/">"Library"</a>
                        </li>
                        <li>
                            <a href="/saved">"Saved"</a>
                        </li>
                        <li>
                            <a class="help-link" href="/help">"Get help now"</a>
                        </li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>
                    "Wellspring is a library to read, not a crisis service. If you might act on "
                    "thoughts of harming yourself, or someone is in danger, call your local "
                    "emergency number or " <a href="/help">"see where to get help now"</a> "."
                </p>
                <p>
                    "Private by design: no cookies, no tracking, and what you read stays in "
                    "your browser. " <a href="/my-data">"Your data"</a>
                </p>
            </div>
        </footer>
    }
}
