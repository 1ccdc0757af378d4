//! Rendered pages kept in memory and compressed once, yet served with a fresh CSP nonce.
//!
//! A page is the same for every reader (reader state never reaches the server), so the first
//! render of a URL serves every later request for it until the next deploy. Each response
//! still needs its own nonce (security.rs), which would defeat both caching and compressing
//! once. So the page is kept as the pieces between its nonces, compressed once, and each
//! response splices a new nonce between them (gzip.rs) for the cost of a CRC, not a
//! compression. Brotli has no such seam, so cached pages are sent as gzip (or plain to
//! clients that do not take it); assets in /pkg stay precompressed brotli.
//!
//! - `store.rs`: the pages by path, within a memory budget;
//! - `page.rs`: one page, cut at its nonces, and its answer to a request;
//! - `gzip.rs`: the gzip stream spliced around a nonce;
//! - `middleware.rs`: answering hits before the layers, keeping first renders inside them.

mod gzip;
mod middleware;
mod page;
mod store;

pub use middleware::{answer_hits, keep_first_render, Hits};
pub use store::PageCache;
