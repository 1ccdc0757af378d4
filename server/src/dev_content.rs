//! Authors see an edit at once: `cargo leptos watch` restarts the server and reloads the open
//! page on every save under content/ (`watch-additional-files` in Cargo.toml), and sets
//! `LEPTOS_WATCH=true` for the server it runs. A save that breaks the content must not take
//! the preview away mid-sentence, so while watching, each good load is kept as a snapshot
//! under target/, and a broken one prints its `file:line: field: message` errors and serves
//! that snapshot until the author fixes it. Never outside watch: a deployment with broken
//! content refuses to start, as it always has.

use app::content::{ContentErrors, Library};
use std::path::{Path, PathBuf};

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
}
