//! Authors see an edit at once. `cargo leptos watch` sets `LEPTOS_WATCH=true` for the server
//! it runs and reloads the open page on every save under content/ (`watch-additional-files`
//! in Cargo.toml), but keeps a server whose binary did not change. So while watching, the
//! server follows content/ itself ([`follow`]): on a change it loads the content again and
//! serves a new app built from it. A save that breaks the content must not take the preview
//! away mid-sentence: it prints its `file:line: field: message` errors and the last content
//! that loaded goes on serving (also across restarts: it is kept under target/). Never
//! outside watch: a deployment with broken content refuses to start, as it always has.

use app::content::{ContentErrors, Library};
use axum::{extract::Request, Router};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};
use tower::ServiceExt;

/// Where the last content that loaded is kept while watching (ignored by git and the watcher).
pub const LAST_GOOD: &str = "target/last-good-content";

/// Whether this server runs under `cargo leptos watch`.
pub fn watching() -> bool {
    std::env::var("LEPTOS_WATCH").is_ok_and(|v| v == "true")
}

/// Loads `dir` with `load`; on success keeps a copy in `last_good`, on failure reports the
/// errors and loads that copy instead. The errors stand when there is no good copy yet.
pub fn load_or_last_good(
    dir: &Path,
    last_good: &Path,
    load: impl Fn(&Path) -> Result<Library, ContentErrors>,
) -> Result<Library, ContentErrors> {
    match load(dir) {
        Ok(lib) => {
            if let Err(e) = replace_copy(dir, last_good) {
                eprintln!(
                    "warning: could not keep a copy of the content in {}: {e}",
                    last_good.display()
                );
            }
            Ok(lib)
        }
        Err(errors) => {
            eprint!("{errors}");
            let kept = load(last_good).map_err(|_| errors)?;
            eprintln!(
                "Serving the last content that loaded ({}) until this is fixed.",
                last_good.display()
            );
            Ok(kept)
        }
    }
}

/// An app that answers with whatever app `current` holds at the time of each request.
pub fn swappable(current: Arc<RwLock<Router>>) -> Router {
    Router::new().fallback_service(tower::service_fn(move |request: Request| {
        // A writer that panicked left the app it had: serving it is still right.
        let app = match current.read() {
            Ok(app) => app.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        app.oneshot(request)
    }))
}

/// Watches `dir` (a look every 300 ms: no watcher crate for a dev-only loop) and, when any
/// file in it changes, puts the app `rebuild` makes into `current`. `rebuild` returns `None`
/// when the content did not load (it has said why), and the app serving goes on.
pub fn follow(
    dir: PathBuf,
    current: Arc<RwLock<Router>>,
    rebuild: impl Fn() -> Option<Router> + Send + 'static,
) {
    std::thread::spawn(move || {
        let mut seen = fingerprint(&dir);
        loop {
            std::thread::sleep(Duration::from_millis(300));
            let now = fingerprint(&dir);
            if now == seen {
                continue;
            }
            seen = now;
            if let Some(app) = rebuild() {
                if let Ok(mut current) = current.write() {
                    *current = app;
                }
                eprintln!("{} changed: the app was built again.", dir.display());
            }
        }
    });
}

/// Every file under `dir` with its size and time of change, in order.
fn fingerprint(dir: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                out.push((entry.path(), meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}

/// Makes `to` a copy of the folder `from`.
fn replace_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    let fresh = to.with_extension("new");
    let _ = std::fs::remove_dir_all(&fresh);
    copy_dir(from, &fresh)?;
    let _ = std::fs::remove_dir_all(to);
    std::fs::rename(&fresh, to)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_save_serves_the_last_content_that_loaded() {
        let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let tmp = std::env::temp_dir().join(format!("wellspring-dev-{}", std::process::id()));
        let (content, last_good) = (tmp.join("content"), tmp.join("last-good"));
        copy_dir(&real, &content).unwrap();
        let good = load_or_last_good(&content, &last_good, Library::load).unwrap();
        let articles = good.articles().len();
        assert!(articles > 0 && last_good.join("help.toml").exists());

        // The author saves a broken article: the errors stand, the last good content serves.
        let broken = content.join("articles/half-written.md");
        std::fs::write(&broken, "+++\ntitle = \"Half\"\n").unwrap();
        assert!(Library::load(&content).is_err());
        let kept = load_or_last_good(&content, &last_good, Library::load).unwrap();
        assert_eq!(kept.articles().len(), articles);

        // With no good copy yet, the errors are what the author gets.
        std::fs::remove_dir_all(&last_good).unwrap();
        assert!(load_or_last_good(&content, &last_good, Library::load).is_err());
        std::fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn a_change_under_content_is_seen() {
        let tmp = std::env::temp_dir().join(format!("wellspring-fp-{}", std::process::id()));
        std::fs::create_dir_all(tmp.join("articles")).unwrap();
        std::fs::write(tmp.join("articles/a.md"), "one").unwrap();
        let before = fingerprint(&tmp);
        std::fs::write(tmp.join("articles/a.md"), "one and more").unwrap();
        assert_ne!(fingerprint(&tmp), before, "an edit");
        let edited = fingerprint(&tmp);
        std::fs::write(tmp.join("articles/b.md"), "two").unwrap();
        assert_ne!(fingerprint(&tmp), edited, "a new file");
        assert_eq!(fingerprint(&tmp), fingerprint(&tmp));
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
