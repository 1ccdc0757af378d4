//! One gzip stream per response for the cost of a CRC: a page's pieces between its nonces are
//! deflated once, each flushed to a byte boundary, and a response splices its own nonce
//! between them as a *stored* (uncompressed) deflate block.
//!
//! Each piece is deflated with the page before it as its dictionary (so the hydration data
//! can point back at the article it repeats), with NUL bytes where the nonces go: a page
//! without NULs can never match them, so no back-reference reaches a nonce, whatever its
//! value. (`Page::new` refuses a page holding a NUL.)

use axum::body::Bytes;
use flate2::{Compress, Compression, Crc, FlushCompress};

/// How far back a deflate back-reference can reach.
const WINDOW: usize = 32 * 1024;

pub(super) struct SplicedGzip {
    /// Each piece as raw deflate, sync-flushed and not final, so they can be joined.
    deflated: Vec<Bytes>,
    /// Each piece's CRC-32, so a response combines them with its nonce's instead of
    /// running the CRC over the whole page again (a few combines against ~40 KB of CRC).
    crcs: Vec<Crc>,
    /// The deflated pieces refer back across nonces of exactly this length.
    nonce_len: usize,
}

impl SplicedGzip {
    /// `pieces` deflated to be joined by nonces of `nonce_len` bytes.
    pub(super) fn new(pieces: &[&[u8]], nonce_len: usize) -> Self {
        let total = pieces.iter().map(|p| p.len() + nonce_len).sum();
        let mut history = Vec::with_capacity(total);
        let mut deflated = Vec::with_capacity(pieces.len());
        for piece in pieces {
            if !history.is_empty() {
                history.resize(history.len() + nonce_len, 0);
            }
            let window = &history[history.len().saturating_sub(WINDOW)..];
            deflated.push(Bytes::from(deflate_flushed(window, piece)));
            history.extend_from_slice(piece);
        }
        let crcs = pieces
            .iter()
            .map(|piece| {
                let mut crc = Crc::new();
                crc.update(piece);
                crc
            })
            .collect();
        Self {
            deflated,
            crcs,
            nonce_len,
        }
    }

    /// Bytes held.
    pub(super) fn len(&self) -> usize {
        self.deflated.iter().map(Bytes::len).sum()
    }

    /// One gzip member: header, the deflated pieces with the nonce between them as stored
    /// blocks, an empty final block, then the CRC and length of the whole page. None for a
    /// nonce of another length than the page was deflated around.
    pub(super) fn with_nonce(&self, nonce: &[u8]) -> Option<Vec<u8>> {
        if nonce.len() != self.nonce_len {
            return None;
        }
        let mut out = Vec::with_capacity(self.len() + 64);
        out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        let mut nonce_crc = Crc::new();
        nonce_crc.update(nonce);
        let mut crc = Crc::new();
        for (i, (piece_crc, deflated)) in self.crcs.iter().zip(&self.deflated).enumerate() {
            if i > 0 {
                out.extend_from_slice(&stored_block(nonce));
                crc.combine(&nonce_crc);
            }
            out.extend_from_slice(deflated);
            crc.combine(piece_crc);
        }
        out.extend_from_slice(&[0x03, 0x00]); // BFINAL, fixed Huffman, end of block
        out.extend_from_slice(&crc.sum().to_le_bytes());
        out.extend_from_slice(&crc.amount().to_le_bytes());
        Some(out)
    }
}

/// Raw deflate of `raw`, which follows `dictionary` in the stream, ending on a byte boundary.
fn deflate_flushed(dictionary: &[u8], raw: &[u8]) -> Vec<u8> {
    let mut deflate = Compress::new(Compression::best(), false);
    if !dictionary.is_empty() {
        deflate
            .set_dictionary(dictionary)
            .expect("a raw deflate stream takes a dictionary before any input");
    }
    let mut out = Vec::with_capacity(raw.len() / 3 + 64);
    loop {
        let done = deflate.total_in() as usize;
        deflate
            .compress_vec(&raw[done..], &mut out, FlushCompress::Sync)
            .expect("deflating into a growing buffer cannot fail");
        // Finished when all input is taken and the flush did not fill the buffer.
        if deflate.total_in() as usize == raw.len() && out.len() < out.capacity() {
            return out;
        }
        out.reserve(out.capacity().max(64));
    }
}

/// A non-final stored deflate block holding `bytes` (a nonce: far below 64 KiB).
fn stored_block(bytes: &[u8]) -> Vec<u8> {
    let len = u16::try_from(bytes.len()).expect("a nonce is short");
    let mut block = vec![0x00];
    block.extend_from_slice(&len.to_le_bytes());
    block.extend_from_slice(&(!len).to_le_bytes());
    block.extend_from_slice(bytes);
    block
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_spliced_page_is_valid_gzip_of_the_page_with_the_new_nonce() {
        // The body repeats itself across the nonces, so later pieces refer back over them.
        let body = "<p>the same words, over and over</p>".repeat(40);
        let html =
            format!("<script nonce=\"OLD\">a</script>{body}<script nonce=\"OLD\">{body}</script>");
        let pieces: Vec<&[u8]> = html.split("OLD").map(str::as_bytes).collect();
        assert_eq!(pieces.len(), 3);
        let spliced = SplicedGzip::new(&pieces, "OLD".len());
        let gz = spliced.with_nonce(b"NEW").unwrap();
        assert!(
            gz.len() < html.len() / 10,
            "compressed across pieces: {} bytes",
            gz.len()
        );
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, html.replace("OLD", "NEW"));
        // A nonce of another length would shift every reference: sent plain instead.
        assert_eq!(spliced.with_nonce(b"LONGER"), None);
    }
}
