// The app's view types are deeply nested; laying out the rendered page (in the release build)
// needs more room than the default, as in the app crate.
#![recursion_limit = "256"]

//! Wellspring's HTTP server: the router, its layers and static files. `main.rs` only reads
//! the configuration, loads the content and serves.

pub mod api_cache;
pub mod config;
pub mod dev_content;
pub mod discovery;
pub mod logs;
pub mod negotiate;
pub mod page_cache;
pub mod security;
pub mod serve;
pub mod site;

use app::{api::SharedLibrary, components::meta::SiteOrigin, shell, App};
use axum::{
    error_handling::HandleErrorLayer,
    http::{header, StatusCode},
    middleware,
    routing::get,
    Router,
};
use config::Config;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::{
    atomic::{AtomicBool, Ordering},
    Arc,
};
use tower::ServiceBuilder;
use tower_http::{
    compression::{CompressionLayer, CompressionLevel},
    limit::RequestBodyLimitLayer,
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
};

/// Hashed build output (`/pkg/wellspring.<hash>.wasm`) never changes under its name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Set once shutdown begins, so /readyz tells load balancers to send requests elsewhere.
static DRAINING: AtomicBool = AtomicBool::new(false);

/// Whether `path` is a server function's: under `app::api::API_PREFIX`, their one home.
pub fn is_api(path: &str) -> bool {
    path.strip_prefix(app::api::API_PREFIX)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// Marks this process as going away: /readyz answers 503 from now on.
pub fn start_draining() {
    DRAINING.store(true, Ordering::Relaxed);
}

/// The whole application, ready to serve.
pub fn router(config: &Config, library: SharedLibrary) -> Router {
    let options = config.leptos.clone();
    let routes = generate_route_list(App);
    let articles = library.articles().len();
    // Made once here, from the library every request will see.
    let discovery = discovery::Discovery::new(&library, &config.public_url);
    let site_routes = site::routes(library.site(), &config.content_dir);
    let origin = SiteOrigin(config.public_url.clone());
    let context = move || {
        provide_context(library.clone());
        provide_context(origin.clone());
        security::provide_page_policy();
    };
    let pkg_dir =
        std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let pkg = Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        // ServeDir answers 500 for a name the file system refuses (too long, say): under
        // hashed names, anything it cannot serve is simply not there.
        .layer(middleware::map_response(
            |mut response: axum::response::Response| async {
                if response.status().is_server_error() {
                    *response.status_mut() = StatusCode::NOT_FOUND;
                    *response.body_mut() = axum::body::Body::empty();
                }
                response
            },
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static(IMMUTABLE),
        ));
    let cache = Arc::new(page_cache::PageCache::new(config.cache_bytes));

    let app = Router::new()
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest(&format!("/{}", options.site_pkg_dir), pkg)
        .merge(discovery.routes())
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(move || ready(articles)))
        .merge(site_routes)
        // Other files of the site root (favicon, icons), or the app's 404 page.
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .with_state(options)
        .layer(middleware::from_fn(own_owner))
        .layer(middleware::from_fn_with_state(
            cache.clone(),
            page_cache::keep_first_render,
        ));
    layers(app, config, cache)
}

/// Everything around the routes, outermost last: one log line per request; the security
/// and caching headers on every answer, refusals included; shedding load beyond the
/// concurrency limit; refusing odd methods and oversized requests; a deadline; no internal
/// error text; compression of what is not compressed yet.
fn layers(app: Router, config: &Config, cache: Arc<page_cache::PageCache>) -> Router {
    let mut app = app
        // Inside compression: it reads the error text as the server function wrote it (a
        // compressed body hid "Args|" from it, so bad arguments became a 500, and logged
        // compressed bytes).
        .layer(middleware::from_fn(security::hide_internal_errors))
        // Server functions' answers are hashed as made and tagged as sent (api_cache.rs).
        .layer(middleware::from_fn(api_cache::tag))
        // Only what is not cached is compressed here (cached pages come compressed): a quick
        // level, since brotli's default of 11 costs milliseconds per response.
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(CompressionLevel::Precise(4)),
        )
        .layer(middleware::from_fn(api_cache::revalidate))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            security::REQUEST_TIMEOUT,
        ))
        .layer(RequestBodyLimitLayer::new(security::MAX_BODY_BYTES))
        .layer(middleware::from_fn(security::gate))
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(security::overloaded))
                .load_shed()
                .concurrency_limit(config.max_requests),
        )
        .layer(middleware::from_fn(security::cache_policy));
    let headers = security::static_headers(config.https());
    for (name, value) in &headers {
        app = app.layer(SetResponseHeaderLayer::overriding(
            name.clone(),
            value.clone(),
        ));
    }
    let hits = Arc::new(page_cache::Hits { cache, headers });
    app.layer(middleware::from_fn_with_state(
        hits,
        page_cache::answer_hits,
    ))
    .layer(middleware::map_response(close_when_draining))
    .layer(logs::layer())
}

/// While draining, every answer closes its connection, so a client or proxy holding a
/// keep-alive connection sends its next request to another replica rather than into a
/// connection about to close.
async fn close_when_draining(mut response: axum::response::Response) -> axum::response::Response {
    if DRAINING.load(Ordering::Relaxed) {
        response.headers_mut().insert(
            header::CONNECTION,
            header::HeaderValue::from_static("close"),
        );
    }
    response
}

/// Runs each request under a reactive owner of its own (see
/// `app::leptos_internals::in_own_owner`, with the other things Leptos upgrades may change).
async fn own_owner(
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    app::leptos_internals::in_own_owner(next.run(request)).await
}

/// Content is loaded before the server listens, so a listening server is ready until it
/// starts draining.
async fn ready(articles: usize) -> (StatusCode, String) {
    if DRAINING.load(Ordering::Relaxed) {
        (StatusCode::SERVICE_UNAVAILABLE, "draining\n".into())
    } else {
        (StatusCode::OK, format!("ready: {articles} articles\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::is_api;
    use app::api::API_PREFIX;

    #[test]
    fn api_paths_are_those_under_the_prefix() {
        assert!(is_api(&format!("{API_PREFIX}/search-index")));
        assert!(!is_api(API_PREFIX));
        assert!(!is_api(&format!("{API_PREFIX}ary")));
        assert!(!is_api(&format!("/articles{API_PREFIX}/x")));
        assert!(!is_api("/"));
    }
}
