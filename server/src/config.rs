//! Configuration from environment variables, parsed once at start-up.
//!
//! | variable                 | default                    | meaning                           |
//! |--------------------------|----------------------------|-----------------------------------|
//! | `LEPTOS_SITE_ADDR`       | `127.0.0.1:3000`           | address and port to listen on     |
//! | `LEPTOS_SITE_ROOT`       | `target/site`              | the built site (pkg/, public files)|
//! | `WELLSPRING_CONTENT_DIR` | `content`                  | topics.toml and articles/         |
//! | `WELLSPRING_PUBLIC_URL`  | `http://<LEPTOS_SITE_ADDR>`| origin used in canonical links    |
//! | `RUST_LOG`               | `info`                     | log filter                        |

use leptos::config::{get_configuration, LeptosOptions};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid Leptos configuration: {0}")]
    Leptos(String),
    #[error("WELLSPRING_PUBLIC_URL must start with http:// or https:// (got {0:?})")]
    PublicUrl(String),
}

#[derive(Clone, Debug)]
pub struct Config {
    pub leptos: LeptosOptions,
    pub content_dir: PathBuf,
    /// Scheme, host and port, without a trailing slash.
    pub public_url: String,
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let mut leptos = get_configuration(None)
            .map_err(|e| ConfigError::Leptos(e.to_string()))?
            .leptos_options;
        // cargo-leptos sets LEPTOS_HASH_FILES when it runs the server; a deployed binary
        // started on its own finds hash.txt beside itself instead.
        if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
            leptos.hash_files = std::env::current_exe()
                .ok()
                .and_then(|exe| Some(exe.parent()?.join(leptos.hash_file.as_ref())))
                .is_some_and(|p| p.exists());
        }
        let content_dir = std::env::var_os("WELLSPRING_CONTENT_DIR")
            .map_or_else(|| PathBuf::from("content"), PathBuf::from);
        let public_url = match std::env::var("WELLSPRING_PUBLIC_URL") {
            Ok(url) => parse_public_url(&url)?,
            Err(_) => format!("http://{}", leptos.site_addr),
        };
        Ok(Self {
            leptos,
            content_dir,
            public_url,
        })
    }
}

fn parse_public_url(url: &str) -> Result<String, ConfigError> {
    let url = url.trim().trim_end_matches('/');
    if url.starts_with("http://") || url.starts_with("https://") {
        Ok(url.to_string())
    } else {
        Err(ConfigError::PublicUrl(url.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_url_is_normalised_and_checked() {
        assert_eq!(
            parse_public_url("https://wellspring.example/").unwrap(),
            "https://wellspring.example"
        );
        assert!(parse_public_url("wellspring.example").is_err());
    }
}
