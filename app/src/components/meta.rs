//! Title, description, canonical link and Open Graph tags for one page, under the site's
//! name (site.toml).

use crate::components::settings::use_site;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// Wellspring's own name. What pages, the feed and structured data show is the settings'
/// (`crate::site::SiteSettings::name`), which default to it.
pub const SITE_NAME: &str = crate::site::DEFAULT_NAME;

/// What the site is, in a sentence: the library's description and the feed's subtitle.
pub const SITE_DESCRIPTION: &str =
    "Kind, practical articles on stress, mood, recovery, mindfulness and more. Private by design.";

/// Where the Atom feed of the newest articles is served (and written in the static build).
pub const FEED_PATH: &str = "/feed.xml";

/// The public origin (scheme, host and port) that canonical and Open Graph links use.
/// The server provides it from its configuration; the browser uses its own location.
#[derive(Clone, Debug)]
pub struct SiteOrigin(pub String);

pub(crate) fn site_origin() -> String {
    if let Some(SiteOrigin(origin)) = use_context::<SiteOrigin>() {
        return origin;
    }
    #[cfg(feature = "browser")]
    {
        window().location().origin().unwrap_or_default()
    }
    #[cfg(not(feature = "browser"))]
    String::new()
}

/// What a page's `<title>` says: its own title, then the site's name. An island retitling
/// the page in the hydrating build has no settings (they stay on the server), so it reads
/// the name back from the page's Open Graph site name.
pub fn full_title(title: &str) -> String {
    #[cfg(feature = "hydrate")]
    if let Some(name) = document()
        .query_selector("meta[property='og:site_name']")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
    {
        return format!("{title} · {name}");
    }
    use_site().full_title(title)
}

#[component]
pub fn PageMeta(
    /// The page's own title; the site name is added.
    #[prop(into)]
    title: String,
    #[prop(into)] description: String,
    /// Path of the page's canonical URL, such as `/articles/x`.
    #[prop(into)]
    path: String,
    #[prop(default = "website")] og_type: &'static str,
) -> impl IntoView {
    let url = format!("{}{path}", site_origin());
    view! {
        <Title text=full_title(&title)/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=url.clone()/>
        <Meta property="og:site_name" content=use_site().name.clone()/>
        <Meta property="og:title" content=title/>
        <Meta property="og:description" content=description/>
        <Meta property="og:type" content=og_type/>
        <Meta property="og:url" content=url/>
    }
}
