//! What the integration tests share: one server per test binary on a real listener, served
//! by `server::serve::serve` as in production (so with hyper's header-read timeout and
//! head-size cap), more where a test needs another configuration, and a raw HTTP/1.1 client
//! that sends exactly the bytes it is given.

// Each test binary uses its own part of this module.
#![allow(dead_code)]

use app::content::Library;
use axum::Router;
use leptos::config::LeptosOptions;
use server::config::Config;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

/// How long any test waits for an answer before calling the server hung.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// What `server check DIR` prints and returns, with `--allow-overdue` so a test never fails
/// because a real article's review date passed (the clock is not the test's to choose).
pub fn check(dir: &Path) -> std::process::Output {
    check_with(dir, &["--allow-overdue"])
}

/// `server check` with `flags` (and no others) on the content in `dir`.
pub fn check_with(dir: &Path, flags: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("check")
        .args(flags)
        .arg(dir)
        .output()
        .unwrap()
}

/// `server export FILE` with the content in `dir`, as Trunk's pre-build hook runs it.
pub fn export(dir: &Path, file: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args([std::ffi::OsStr::new("export"), file.as_os_str()])
        .env("WELLSPRING_CONTENT_DIR", dir)
        .output()
        .unwrap()
}

/// Copies the folder `from` (a content folder) to `to`, with everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// What `/pkg/` serves in the fixture site.
pub const PKG_FILES: [&str; 3] = ["wellspring.css", "wellspring.js", "wellspring.wasm"];
/// In files just outside the fixture's site root, where a path traversal would land.
pub const CANARIES: [&str; 2] = ["[workspace]", "root:x:0:0"];

/// The directory holding the fixture site: `site/` is the site root (a favicon, an icon and
/// `pkg/`), and beside it, outside what may be served, a `Cargo.toml` and an `etc/passwd`
/// that no request may ever read. The tests do not depend on a `cargo leptos build`.
pub fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("wellspring-fixture")
}

fn write_fixture(dir: &Path) {
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::create_dir_all(dir.join("etc")).unwrap();
    let files: [(PathBuf, &[u8]); 8] = [
        (
            dir.join("Cargo.toml"),
            b"[workspace]\nmembers = [\"canary\"] # never served\n",
        ),
        (dir.join("etc/passwd"), b"root:x:0:0:canary:/root:/bin/sh\n"),
        (site.join("favicon.ico"), b"\x00\x00\x01\x00fixture icon"),
        (
            site.join("icon.svg"),
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        ),
        (site.join("pkg/wellspring.css"), b"body { margin: 0 }\n"),
        (
            site.join("pkg/wellspring.js"),
            b"export default function(){}\n",
        ),
        (site.join("pkg/wellspring.wasm"), b"\x00asm\x01\x00\x00\x00"),
        (
            site.join("sw.js"),
            b"self.addEventListener(\"fetch\", () => {});\n",
        ),
    ];
    for (path, bytes) in files {
        // Left alone when already right, else replaced whole, so that a server in another
        // test process never reads a half-written file.
        if std::fs::read(&path).ok().as_deref() != Some(bytes) {
            let temporary = path.with_extension(format!("tmp{}", std::process::id()));
            std::fs::write(&temporary, bytes).unwrap();
            std::fs::rename(&temporary, &path).unwrap();
        }
    }
}

/// The library the test server serves, loaded once per test binary whatever number of
/// servers it starts. Tests derive what they expect (how many cards, how many per topic)
/// from it, never from a typed number, so an author who adds or removes an article breaks
/// none of them.
pub static LIBRARY: LazyLock<Arc<Library>> = LazyLock::new(|| Arc::new(load(&content_dir())));

/// How many articles the library publishes; above zero, so a loop over cards is never empty.
pub fn published() -> usize {
    let n = LIBRARY.articles().len();
    assert!(n > 0, "content/articles holds no published article");
    n
}

/// How many articles carry `topic`; above zero, so a loop over their cards is never empty.
pub fn published_with(topic: &str) -> usize {
    let n = LIBRARY
        .catalog()
        .articles
        .iter()
        .filter(|a| a.has_topic(topic))
        .count();
    assert!(n > 0, "no published article carries {topic}");
    n
}

pub fn load(content: &Path) -> Library {
    Library::load(content)
        .unwrap_or_else(|e| panic!("the content in {} loads: {e}", content.display()))
}

/// The configuration of the fixture site, with the defaults for everything else.
pub fn config() -> Config {
    config_for(content_dir())
}

/// [`config`] over the content in `content`.
pub fn config_for(content: PathBuf) -> Config {
    let dir = fixture_dir();
    write_fixture(&dir);
    Config::new(
        LeptosOptions::builder()
            .output_name("wellspring")
            .site_root(dir.join("site").to_str().unwrap())
            .build(),
        content,
        "https://wellspring.example".into(),
    )
}

pub fn app() -> Router {
    server::router(&config(), LIBRARY.clone())
}

/// One server for all tests of a binary that need nothing special of it.
pub static SERVER: LazyLock<SocketAddr> = LazyLock::new(|| start(config()));

/// A server configured by `config`, on a real listener on 127.0.0.1 with a multi-threaded
/// runtime and the production accept loop. (Per-test single-threaded runtimes stalled
/// Leptos' streaming renders.)
pub fn start(config: Config) -> SocketAddr {
    start_with(config, LIBRARY.clone())
}

/// [`start`], serving `library`.
pub fn start_with(config: Config, library: Arc<Library>) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(4)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let app = server::router(&config, library);
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            let timeout = config.header_read_timeout;
            server::serve::serve(listener, app, timeout, std::future::pending()).await;
        });
    });
    rx.recv().unwrap()
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// De-chunked, but not decompressed.
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn has_header(&self, name: &str) -> bool {
        self.header(name).is_some()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A plain HTTP/1.1 GET; the body is de-chunked.
pub fn request(path: &str, extra: &[(&str, &str)]) -> Response {
    request_with("GET", path, extra)
}

/// One request with any method and target, `Connection: close`, and no body.
pub fn request_with(method: &str, path: &str, extra: &[(&str, &str)]) -> Response {
    request_to(*SERVER, method, path, extra)
}

/// [`request_with`] to the server at `addr`.
pub fn request_to(addr: SocketAddr, method: &str, path: &str, extra: &[(&str, &str)]) -> Response {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (k, v) in extra {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    exchange_with(addr, req.as_bytes())
        .unwrap_or_else(|| panic!("{method} {path}: the connection closed without an answer"))
}

pub fn get(path: &str) -> (u16, String) {
    get_at(*SERVER, path)
}

/// [`get`] from the server at `addr`.
pub fn get_at(addr: SocketAddr, path: &str) -> (u16, String) {
    let res = request_to(addr, "GET", path, &[]);
    (res.status, res.text())
}

/// Sends `bytes` as they are, then reads until the server closes. `None` when it closed
/// without answering at all. Panics if the server neither answers nor closes within
/// [`PATIENCE`].
pub fn exchange(bytes: &[u8]) -> Option<Response> {
    exchange_with(*SERVER, bytes)
}

/// [`exchange`] with the server at `addr`.
pub fn exchange_with(addr: SocketAddr, bytes: &[u8]) -> Option<Response> {
    let raw = exchange_raw_with(addr, bytes);
    if raw.is_empty() {
        None
    } else {
        Some(
            parse(&raw).unwrap_or_else(|| {
                panic!("not an HTTP response: {:?}", String::from_utf8_lossy(&raw))
            }),
        )
    }
}

/// The bytes the server sent back for `bytes`, up to its closing the connection.
pub fn exchange_raw(bytes: &[u8]) -> Vec<u8> {
    exchange_raw_with(*SERVER, bytes)
}

/// Most bytes written before reading: far below a fresh socket's send buffer, so writing
/// them cannot block on a server that answers without reading them all.
const WRITTEN_AT_ONCE: usize = 4 * 1024;

fn exchange_raw_with(addr: SocketAddr, bytes: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    // A small request goes out at once, as a browser's does, so a busy test machine cannot
    // hold it back past a short header-read timeout. A larger one is sent from another
    // thread, so a server that answers before reading everything cannot deadlock the test.
    let sender = if bytes.len() <= WRITTEN_AT_ONCE {
        // The server may answer and hang up before taking it all: that is its right.
        let _ = stream.write_all(bytes);
        None
    } else {
        let mut writer = stream.try_clone().unwrap();
        let bytes = bytes.to_vec();
        Some(std::thread::spawn(move || {
            let _ = writer.write_all(&bytes);
            let _ = writer.flush();
        }))
    };
    let mut raw = Vec::new();
    if let Err(e) = stream.read_to_end(&mut raw) {
        assert!(
            !matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
            "no answer and no close within {PATIENCE:?} (got {:?} so far)",
            String::from_utf8_lossy(&raw)
        );
        // A reset after (or instead of) an answer: keep what arrived.
    }
    let _ = stream.shutdown(Shutdown::Both);
    if let Some(sender) = sender {
        sender.join().unwrap();
    }
    raw
}

/// Parses one HTTP/1.1 response read to the end of the connection.
pub fn parse(raw: &[u8]) -> Option<Response> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    Some(Response {
        status,
        headers,
        body,
    })
}

/// The payload of a chunked body (as much of it as is well formed).
pub fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = raw.windows(2).position(|w| w == b"\r\n") {
        let Some(size) = std::str::from_utf8(&raw[..i])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok())
        else {
            break;
        };
        let start = i + 2;
        if size == 0 || raw.len() < start + size {
            break;
        }
        out.extend_from_slice(&raw[start..start + size]);
        raw = raw.get(start + size + 2..).unwrap_or_default();
    }
    out
}

/// What is wrong with the headers of a response the application produced: every one carries
/// `nosniff`, `no-referrer` and a Content-Security-Policy (but a 304, which keeps the
/// stored page's), never sets a cookie, and an error is never stored.
pub fn security_problems(res: &Response) -> Vec<String> {
    let mut problems = Vec::new();
    if res.header("x-content-type-options") != Some("nosniff") {
        problems.push(format!(
            "x-content-type-options is {:?}, not nosniff",
            res.header("x-content-type-options")
        ));
    }
    if res.header("referrer-policy") != Some("no-referrer") {
        problems.push(format!(
            "referrer-policy is {:?}, not no-referrer",
            res.header("referrer-policy")
        ));
    }
    if res.status != 304 && !res.has_header("content-security-policy") {
        problems.push("no content-security-policy".into());
    }
    if res.has_header("set-cookie") {
        problems.push(format!("sets a cookie: {:?}", res.header("set-cookie")));
    }
    if res.status >= 400 && res.header("cache-control") != Some("no-store") {
        problems.push(format!(
            "an error with cache-control {:?}, not no-store",
            res.header("cache-control")
        ));
    }
    problems
}
