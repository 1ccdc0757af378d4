//! What the organisation's settings (site.toml) add to the routes: the web app manifest, the
//! brand colours' stylesheet and the logo. Each is built once, when the router is, so a
//! changed site.toml takes a restart and never a rebuild.

use app::site::{SiteSettings, LOGO_ROUTE, STYLESHEET_ROUTE};
use axum::{
    http::{header, HeaderValue},
    routing::get,
    Router,
};
use std::path::Path;
use tower_http::set_header::SetResponseHeaderLayer;

/// The manifest's path, which the shell's `<link rel="manifest">` names.
pub const MANIFEST_ROUTE: &str = "/manifest.webmanifest";

/// The routes the settings make, for `dir` (the content folder the logo is in).
pub fn routes<S: Clone + Send + Sync + 'static>(site: &SiteSettings, dir: &Path) -> Router<S> {
    let manifest = manifest(site);
    let stylesheet = stylesheet(site);
    let mut router = Router::new()
        .route(
            MANIFEST_ROUTE,
            get(move || async move {
                (
                    [(header::CONTENT_TYPE, "application/manifest+json")],
                    manifest,
                )
            }),
        )
        .route(
            STYLESHEET_ROUTE,
            get(move || async move {
                (
                    [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
                    stylesheet,
                )
            }),
        );
    if let (Some(file), Some(ext)) = (&site.logo, site.logo_extension()) {
        // The content pipeline checked the file is there; it is read once, here.
        match std::fs::read(dir.join(file)) {
            Ok(bytes) => {
                let kind = if ext == "svg" {
                    "image/svg+xml"
                } else {
                    "image/png"
                };
                router = router.route(
                    &format!("{LOGO_ROUTE}.{ext}"),
                    get(move || async move { ([(header::CONTENT_TYPE, kind)], bytes) }),
                );
            }
            Err(e) => tracing::error!("the logo {file} cannot be read: {e}"),
        }
    }
    // Same name, new content after a restart: browsers ask again each time (with no ETag,
    // the files are small).
    router.layer(SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    ))
}

/// What the routes above serve, as files under `root` for the static build (`server export`
/// writes them; Trunk copies them over the site root, replacing public/'s manifest).
pub fn write_static(site: &SiteSettings, dir: &Path, root: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(root.join("site"))?;
    std::fs::write(root.join(&MANIFEST_ROUTE[1..]), manifest(site))?;
    std::fs::write(root.join(&STYLESHEET_ROUTE[1..]), stylesheet(site))?;
    if let (Some(file), Some(ext)) = (&site.logo, site.logo_extension()) {
        std::fs::copy(
            dir.join(file),
            root.join(format!("{}.{ext}", &LOGO_ROUTE[1..])),
        )?;
    }
    Ok(())
}

/// The web app manifest: the settings' names, description and colours, with Wellspring's
/// icons. Without site.toml it says what public/manifest.webmanifest says.
pub fn manifest(site: &SiteSettings) -> String {
    let icon = |src: &str, sizes: &str, kind: &str, purpose: Option<&str>| {
        let mut icon = serde_json::json!({ "src": src, "sizes": sizes, "type": kind });
        if let Some(purpose) = purpose {
            icon["purpose"] = purpose.into();
        }
        icon
    };
    let manifest = serde_json::json!({
        "id": "/",
        "name": site.app_name,
        "short_name": site.short_name,
        "description": site.description,
        "lang": "en",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": site.theme_color(),
        "background_color": site.background_color(),
        "categories": ["health", "lifestyle", "education"],
        "icons": [
            icon("/icon.svg", "any", "image/svg+xml", None),
            icon("/icons/icon-192.png", "192x192", "image/png", Some("any")),
            icon("/icons/icon-512.png", "512x512", "image/png", Some("any")),
            icon("/icons/maskable-512.png", "512x512", "image/png", Some("maskable")),
        ],
    });
    serde_json::to_string_pretty(&manifest).expect("a JSON value encodes")
}

/// The brand colours as style/main.css's custom properties, for the light scheme only: the
/// dark scheme keeps Wellspring's palette, whose pairs were checked against each other.
/// Empty of rules without `[colours]` (the shell then does not link it).
pub fn stylesheet(site: &SiteSettings) -> String {
    let Some(c) = &site.colours else {
        return "/* No [colours] in site.toml: style/main.css's palette applies. */\n".into();
    };
    let properties: String = c
        .properties()
        .iter()
        .map(|(property, value)| format!("    {property}: {value};\n"))
        .collect();
    format!(
        "/* The brand colours of site.toml. */\n\
         @media (prefers-color-scheme: light) {{\n  :root {{\n{properties}  }}\n}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_settings_the_manifest_is_the_shipped_one() {
        let shipped: serde_json::Value =
            serde_json::from_str(include_str!("../../public/manifest.webmanifest")).unwrap();
        let built: serde_json::Value =
            serde_json::from_str(&manifest(&SiteSettings::default())).unwrap();
        assert_eq!(built, shipped);
    }
}
