//! The frame around every page: header with the way to help, and footer. The name, logo
//! and footer links are the organisation's (site.toml).

use crate::components::display::SETTINGS_PATH;
use crate::components::settings::use_site;
use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = use_site();
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">
                    <img class="brand-mark" src=site.logo_url() alt="" width="28" height="28"/>
                    <span>{site.name.clone()}</span>
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
                            <a href=SETTINGS_PATH>
                                <svg class="nav-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                                    <text x="1" y="19" font-size="17" font-weight="700" fill="currentColor">"Aa"</text>
                                </svg>
                                <span class="nav-label">" Display settings"</span>
                            </a>
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
    let links = use_site().footer_links.clone();
    // Only with links: a deployment without site.toml keeps its footer as it was.
    let links = (!links.is_empty()).then(|| {
        let items = links
            .into_iter()
            .map(|l| view! { <li><a href=l.url>{l.title}</a></li> })
            .collect_view();
        view! { <ul class="footer-links">{items}</ul> }
    });
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>
                    {use_site().name.clone()} " is a library to read, not a crisis service. If you might act on "
                    "thoughts of harming yourself, or someone is in danger, call your local "
                    "emergency number or " <a href="/help">"see where to get help now"</a> "."
                </p>
                <p>
                    "Private by design: no cookies, no tracking, and what you read stays in "
                    "your browser. " <a href="/my-data">"Your data"</a>
                </p>
                {links}
            </div>
        </footer>
    }
}
