use super::set_status;
use crate::components::meta::PageMeta;
use leptos::prelude::*;

/// Unknown paths and unknown articles: a real 404 that helps the reader on.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <PageMeta
            title="Page not found"
            description="We could not find that page. Browse the library or get help now."
            path="/404"
        />
        <div class="wrap narrow page">
            <h1>"We couldn't find that page"</h1>
            <p>
                "The link may be old, or the address may have a typo. Everything we have "
                "published is in the library, where you can narrow the articles by topic."
            </p>
            <ul class="next-steps">
                <li>
                    <a href="/">"Browse the library"</a>
                </li>
                <li>
                    <a href="/help">"Get help now"</a>
                    " if you need to talk to someone"
                </li>
            </ul>
        </div>
    }
}
