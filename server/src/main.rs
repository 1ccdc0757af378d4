use app::content::{ContentErrors, Date, Library, Overdue};
use app::embedded::EmbeddedLibrary;
use server::config::{help_region_from_env, public_url_from_env, Config};
use server::discovery::Discovery;
use std::{
    path::{Path, PathBuf},
    process::ExitCode,
    sync::Arc,
};

const USAGE: &str = "\
Usage: server [serve]          serve Wellspring (configured by environment variables)
       server check [--allow-overdue] [DIR]
                               validate the content in DIR (default: $WELLSPRING_CONTENT_DIR
                               or ./content) without serving, with the editorial rules
                               (length, help boxes, review dates); warnings (help lines
                               or reviews due soon) are printed but do not fail it, and
                               --allow-overdue makes an overdue review a warning too
       server export FILE      validate the content as check does and write it to FILE as
                               JSON, for the static build (Trunk.toml runs this), with the
                               manifest, site.css and logo of site.toml under root/ beside it
       server discovery DIR    write feed.xml, sitemap.xml and robots.txt into DIR, as the
                               server serves them, for the static build (Trunk.toml runs
                               this); their URLs start with $WELLSPRING_PUBLIC_URL, which
                               a static host should set (default: trunk serve's address,
                               http://127.0.0.1:8080)";

/// Where `trunk serve` serves the static build: the address its feed and sitemap name when
/// WELLSPRING_PUBLIC_URL is not set.
const STATIC_PUBLIC_URL: &str = "http://127.0.0.1:8080";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] | ["serve"] => serve().await,
        ["check", rest @ ..] => {
            let overdue = if rest.contains(&"--allow-overdue") {
                Overdue::Warning
            } else {
                Overdue::Error
            };
            match rest
                .iter()
                .filter(|a| **a != "--allow-overdue")
                .collect::<Vec<_>>()[..]
            {
                [] => check(None, overdue),
                [dir] if !dir.starts_with('-') => check(Some(PathBuf::from(dir)), overdue),
                _ => {
                    eprintln!("{USAGE}");
                    ExitCode::from(2)
                }
            }
        }
        ["export", file] => export(Path::new(file)),
        ["discovery", dir] => discovery(Path::new(dir)),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The content folder named on the command line, else as the server would find it.
fn content_dir(dir: Option<PathBuf>) -> PathBuf {
    dir.or_else(|| std::env::var_os("WELLSPRING_CONTENT_DIR").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("content"))
}

/// Loads the content with `region` as the default help region, naming the variable it came
/// from if help.toml does not have it (the content pipeline cannot know where it came from).
fn load(dir: &Path, region: Option<&str>) -> Result<Library, ContentErrors> {
    Library::load_with_help_region(dir, region).map_err(|mut errors| {
        for e in &mut errors.0 {
            if let Some(rest) = e.message.strip_prefix("the default region") {
                e.message = format!("WELLSPRING_HELP_REGION{rest}");
            }
        }
        errors
    })
}

/// Loads the content as serving does, then applies the editorial rules as of today: they
/// live here and not at start-up, so a passed review date never stops a running site.
fn check(dir: Option<PathBuf>, overdue: Overdue) -> ExitCode {
    let dir = content_dir(dir);
    let lib = match load(&dir, help_region_from_env().as_deref()) {
        Ok(lib) => lib,
        Err(errors) => {
            eprint!("{errors}");
            return ExitCode::FAILURE;
        }
    };
    let findings = lib.editorial(Date::today(), overdue);
    for warning in lib.warnings().iter().chain(&findings.warnings) {
        eprintln!("warning: {warning}");
    }
    if !findings.errors.is_empty() {
        eprint!("{}", ContentErrors(findings.errors));
        return ExitCode::FAILURE;
    }
    let words: usize = lib.articles().iter().map(|a| a.word_count).sum();
    println!(
        "{}: {}: {} articles, {} topics, {} help lines in {} regions, {words} words: all good",
        dir.display(),
        lib.site().name,
        lib.articles().len(),
        lib.catalog().topics.len(),
        lib.help().services.len(),
        lib.help().regions.len(),
    );
    ExitCode::SUCCESS
}

/// Loads the content with the same pipeline (and the same errors) as serving, and writes
/// what the static build compiles in. An unchanged file is not rewritten, so cargo does
/// not rebuild the WASM for nothing.
fn export(file: &Path) -> ExitCode {
    let (dir, lib) = match static_content() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    // Beside FILE: what the server builds from site.toml at start-up, as files.
    let root = file.parent().unwrap_or(Path::new(".")).join("root");
    if let Err(e) = server::site::write_static(lib.site(), &dir, &root) {
        eprintln!(
            "error: cannot write the site files to {}: {e}",
            root.display()
        );
        return ExitCode::FAILURE;
    }
    let json = match EmbeddedLibrary::from(&lib).to_json() {
        Ok(json) => json,
        Err(e) => {
            eprintln!("error: cannot encode the library: {e}");
            return ExitCode::FAILURE;
        }
    };
    if std::fs::read_to_string(file).is_ok_and(|old| old == json) {
        return ExitCode::SUCCESS;
    }
    let written = file
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(file, &json));
    match written {
        Ok(()) => {
            println!(
                "{}: {} articles exported to {}",
                dir.display(),
                lib.articles().len(),
                file.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", file.display());
            ExitCode::FAILURE
        }
    }
}

/// The content the static build is made from, loaded as the server would load it; bad
/// content is reported and fails the build.
fn static_content() -> Result<(PathBuf, Library), ExitCode> {
    let dir = content_dir(None);
    match load(&dir, help_region_from_env().as_deref()) {
        Ok(lib) => Ok((dir, lib)),
        Err(errors) => {
            eprint!("error: the static build needs valid content.\n{errors}");
            Err(ExitCode::FAILURE)
        }
    }
}

/// Writes the feed, the sitemap and robots.txt into the static build's output, made by the
/// same code as the server's.
fn discovery(out: &Path) -> ExitCode {
    let (dir, lib) = match static_content() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    // The environment's, else site.toml's, else trunk serve's address.
    let public_url = public_url_from_env(|| {
        lib.site().public_url.clone().unwrap_or_else(|| {
            eprintln!(
                "warning: neither WELLSPRING_PUBLIC_URL nor site.toml's public_url is set: the \
                 feed and sitemap name {STATIC_PUBLIC_URL}; set one to the address the site is \
                 published at"
            );
            STATIC_PUBLIC_URL.to_string()
        })
    });
    let public_url = match public_url {
        Ok(url) => url,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match Discovery::new(&lib, &public_url).write_to(out) {
        Ok(()) => {
            println!(
                "{}: feed, sitemap and robots.txt for {public_url} written to {}",
                dir.display(),
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write to {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> ExitCode {
    let mut config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let _log = server::logs::init(config.log_format);
    let started = std::time::Instant::now();
    let region = config.help_region.clone();
    let load_content = |dir: &Path| load(dir, region.as_deref());
    let loaded = if server::dev_content::watching() {
        let last_good = Path::new(server::dev_content::LAST_GOOD);
        server::dev_content::load_or_last_good(&config.content_dir, last_good, load_content)
    } else {
        load_content(&config.content_dir)
    };
    let library = match loaded {
        Ok(lib) => Arc::new(lib),
        Err(errors) => {
            eprint!("error: Wellspring did not start.\n{errors}");
            return ExitCode::FAILURE;
        }
    };
    release_startup_memory();
    // site.toml's public URL, unless the environment (the deployment) says otherwise.
    if let (None, Some(url)) = (
        std::env::var_os("WELLSPRING_PUBLIC_URL"),
        &library.site().public_url,
    ) {
        config.public_url.clone_from(url);
    }
    tracing::info!(
        articles = library.articles().len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "content loaded from {}",
        config.content_dir.display()
    );
    let addr = config.leptos.site_addr;
    let app = server::router(&config, library);
    // Under `cargo leptos watch`, an edit under content/ is served without a restart.
    let app = if server::dev_content::watching() {
        let current = Arc::new(std::sync::RwLock::new(app));
        let (dir, config) = (config.content_dir.clone(), config.clone());
        server::dev_content::follow(dir.clone(), current.clone(), move || {
            let last_good = Path::new(server::dev_content::LAST_GOOD);
            let load_content = |dir: &Path| load(dir, config.help_region.as_deref());
            let library = server::dev_content::load_or_last_good(&dir, last_good, load_content);
            library
                .ok()
                .map(|lib| server::router(&config, Arc::new(lib)))
        });
        server::dev_content::swappable(current)
    } else {
        app
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!("listening on http://{addr}");
    server::serve::serve(listener, app, config.header_read_timeout, shutdown_signal()).await;
    tracing::info!("stopped");
    ExitCode::SUCCESS
}

/// Loading reads and indexes every article on every core; glibc keeps what that freed in
/// per-thread arenas. Handing it back keeps the resident size to what the library needs.
fn release_startup_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    server::start_draining();
    tracing::info!("shutting down: finishing the requests in flight");
}
