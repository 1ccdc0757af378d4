//! Configuration from environment variables, parsed once at start-up.
//!
//! | variable                       | default                     | meaning                             |
//! |--------------------------------|-----------------------------|-------------------------------------|
//! | `LEPTOS_SITE_ADDR`             | `127.0.0.1:3000`            | address and port to listen on       |
//! | `LEPTOS_SITE_ROOT`             | `target/site`               | the built site (pkg/, public files) |
//! | `WELLSPRING_CONTENT_DIR`       | `content`                   | help.toml, topics.toml, articles/   |
//! | `WELLSPRING_HELP_REGION`       | site.toml's, else help.toml's first | region shown before a pick  |
//! | `WELLSPRING_PUBLIC_URL`        | site.toml's, else `http://<LEPTOS_SITE_ADDR>` | canonical links,  |
//! |                                |                             | the feed and the sitemap            |
//! | `WELLSPRING_MAX_REQUESTS`      | `1024`                      | requests in flight before 503       |
//! | `WELLSPRING_CACHE_MB`          | `64`                        | memory for rendered pages           |
//! | `WELLSPRING_HEADER_TIMEOUT_MS` | `10000`                     | time to send a request head         |
//! | `WELLSPRING_LOG_FORMAT`        | `plain`                     | `plain` or `json` log lines         |
//! | `RUST_LOG`                     | `info`                      | log filter                          |
//!
//! Strict-Transport-Security is sent when `WELLSPRING_PUBLIC_URL` is `https://`.

use leptos::config::{get_configuration, LeptosOptions};
use std::{path::PathBuf, time::Duration};

const DEFAULT_MAX_REQUESTS: usize = 1024;
const DEFAULT_CACHE_MB: usize = 64;
/// Long enough for a phone on a poor connection, short enough that idle connections opened
/// to hold the server's sockets are let go soon.
const DEFAULT_HEADER_TIMEOUT_MS: usize = 10_000;
const MB: usize = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid Leptos configuration: {0}")]
    Leptos(String),
    #[error("WELLSPRING_PUBLIC_URL must start with http:// or https:// (got {0:?})")]
    PublicUrl(String),
    #[error("{0} must be a positive whole number (got {1:?})")]
    Number(&'static str, String),
    #[error("WELLSPRING_LOG_FORMAT must be plain or json (got {0:?})")]
    LogFormat(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Plain,
    Json,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub leptos: LeptosOptions,
    pub content_dir: PathBuf,
    /// Scheme, host and port, without a trailing slash.
    pub public_url: String,
    /// Requests handled at once; more are shed with 503 and Retry-After.
    pub max_requests: usize,
    /// Bytes of rendered pages kept in memory.
    pub cache_bytes: usize,
    /// How long a client has to send a complete request head before its connection is
    /// closed (serve.rs): no silent or trickling client holds a connection longer.
    pub header_read_timeout: Duration,
    pub log_format: LogFormat,
    /// The help.toml region code shown on /help and in help boxes before a reader picks one;
    /// `None` for help.toml's first region. An unknown code stops start-up (main.rs).
    pub help_region: Option<String>,
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
        let public_url = public_url_from_env(|| format!("http://{}", leptos.site_addr))?;
        let log_format = match std::env::var("WELLSPRING_LOG_FORMAT").as_deref() {
            Err(_) | Ok("plain") => LogFormat::Plain,
            Ok("json") => LogFormat::Json,
            Ok(other) => return Err(ConfigError::LogFormat(other.to_string())),
        };
        Ok(Self {
            help_region: help_region_from_env(),
            max_requests: number("WELLSPRING_MAX_REQUESTS", DEFAULT_MAX_REQUESTS)?,
            cache_bytes: number("WELLSPRING_CACHE_MB", DEFAULT_CACHE_MB)? * MB,
            header_read_timeout: millis("WELLSPRING_HEADER_TIMEOUT_MS", DEFAULT_HEADER_TIMEOUT_MS)?,
            log_format,
            ..Self::new(leptos, content_dir, public_url)
        })
    }

    /// A configuration with the defaults for everything but what must be given.
    pub fn new(leptos: LeptosOptions, content_dir: PathBuf, public_url: String) -> Self {
        Self {
            leptos,
            content_dir,
            public_url,
            max_requests: DEFAULT_MAX_REQUESTS,
            cache_bytes: DEFAULT_CACHE_MB * MB,
            header_read_timeout: Duration::from_millis(DEFAULT_HEADER_TIMEOUT_MS as u64),
            log_format: LogFormat::Plain,
            help_region: None,
        }
    }

    /// Served over HTTPS, so browsers may be told to insist on it.
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// `WELLSPRING_HELP_REGION`, lower-cased; unset or empty is `None`. Checked against
/// help.toml when the content loads, which is also what `server check` and `export` do.
pub fn help_region_from_env() -> Option<String> {
    std::env::var("WELLSPRING_HELP_REGION")
        .ok()
        .map(|code| code.trim().to_ascii_lowercase())
        .filter(|code| !code.is_empty())
}

/// `WELLSPRING_PUBLIC_URL`, checked and without a trailing slash, or `default()` when it is
/// not set. The server's default is its own address; the static build's (`server
/// discovery`) is `trunk serve`'s.
pub fn public_url_from_env(default: impl FnOnce() -> String) -> Result<String, ConfigError> {
    match std::env::var("WELLSPRING_PUBLIC_URL") {
        Ok(url) => parse_public_url(&url),
        Err(_) => Ok(default()),
    }
}

fn number(name: &'static str, default: usize) -> Result<usize, ConfigError> {
    match std::env::var(name) {
        Err(_) => Ok(default),
        Ok(v) => v
            .trim()
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or(ConfigError::Number(name, v)),
    }
}

fn millis(name: &'static str, default: usize) -> Result<Duration, ConfigError> {
    number(name, default).map(|ms| Duration::from_millis(ms as u64))
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
    fn the_header_read_timeout_defaults_to_ten_seconds() {
        let config = Config::new(
            LeptosOptions::builder().output_name("x").build(),
            "content".into(),
            String::new(),
        );
        assert_eq!(config.header_read_timeout, Duration::from_secs(10));
    }

    #[test]
    fn public_url_is_normalised_and_checked() {
        assert_eq!(
            parse_public_url("https://wellspring.example/").unwrap(),
            "https://wellspring.example"
        );
        assert!(parse_public_url("wellspring.example").is_err());
    }
}
