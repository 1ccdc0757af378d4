//! Wellspring's HTTP server: the router, its layers and static files. `main.rs` only reads
//! the configuration, loads the content and serves.

pub mod config;

use app::{api::SharedLibrary, components::meta::SiteOrigin, shell, App};
use axum::{http::header, Router};
use config::Config;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::{
    compression::CompressionLayer, services::ServeDir, set_header::SetResponseHeaderLayer,
};

/// Hashed build output (`/pkg/wellspring.<hash>.wasm`) never changes under its name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The whole application, ready to serve.
pub fn router(config: &Config, library: SharedLibrary) -> Router {
    let options = config.leptos.clone();
    let routes = generate_route_list(App);
    let origin = SiteOrigin(config.public_url.clone());
    let context = move || {
        provide_context(library.clone());
        provide_context(origin.clone());
    };
    let pkg_dir =
        std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let pkg = Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static(IMMUTABLE),
        ));

    Router::new()
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest(&format!("/{}", options.site_pkg_dir), pkg)
        // Other files of the site root (favicon, icons), or the app's 404 page.
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .with_state(options)
}
