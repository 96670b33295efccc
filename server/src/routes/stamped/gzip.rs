//! A kept page gzipped once, yet stamped per reader. Each fixed piece is deflated on its own and
//! flushed to a byte boundary, so a reader's copy is those pieces with their nonce and token
//! between them as stored (uncompressed) blocks: one valid deflate stream (RFC 1951), and only a
//! checksum to compute per request. Compressing the whole page for each reader cost five times
//! more than everything else the page needs.

use flate2::{Compress, Compression, FlushCompress};

/// Gzip's header (RFC 1952): deflate, no name, no time, unknown system.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
/// An empty stored block marked final: the end of the deflate stream.
const LAST_BLOCK: [u8; 5] = [1, 0, 0, 0xff, 0xff];

/// `text` deflated with nothing before it, ending on a byte boundary and not final.
pub fn deflate_piece(text: &[u8]) -> Vec<u8> {
    let mut deflate = Compress::new(Compression::default(), false);
    let mut out = Vec::with_capacity(text.len() / 2 + 64);
    loop {
        let done = deflate.total_in() as usize;
        deflate
            .compress_vec(&text[done..], &mut out, FlushCompress::Sync)
            .expect("deflating into memory cannot fail");
        // A flush that filled the buffer may not be complete.
        if deflate.total_in() as usize == text.len() && out.len() < out.capacity() {
            return out;
        }
        out.reserve(out.capacity());
    }
}

/// A gzip body built from pieces, each either deflated ahead or plain.
pub struct Body {
    out: Vec<u8>,
    crc: crc32fast::Hasher,
    len: u32,
}

impl Body {
    pub fn with_capacity(capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(&HEADER);
        Self { out, crc: crc32fast::Hasher::new(), len: 0 }
    }

    /// `text`, given as [`deflate_piece`] deflated it.
    pub fn deflated(&mut self, text: &[u8], deflated: &[u8]) {
        self.out.extend_from_slice(deflated);
        self.count(text);
    }

    /// `text` as a stored block; short (a nonce, a token), far below a block's 65,535 bytes.
    pub fn stored(&mut self, text: &[u8]) {
        let len = u16::try_from(text.len()).expect("a stamp is short");
        self.out.push(0); // not final, stored; already on a byte boundary
        self.out.extend_from_slice(&len.to_le_bytes());
        self.out.extend_from_slice(&(!len).to_le_bytes());
        self.out.extend_from_slice(text);
        self.count(text);
    }

    pub fn finish(mut self) -> Vec<u8> {
        self.out.extend_from_slice(&LAST_BLOCK);
        self.out.extend_from_slice(&self.crc.finalize().to_le_bytes());
        self.out.extend_from_slice(&self.len.to_le_bytes());
        self.out
    }

    fn count(&mut self, text: &[u8]) {
        self.crc.update(text);
        self.len = self.len.wrapping_add(text.len() as u32); // ISIZE is the length modulo 2³²
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn gunzip(bytes: &[u8]) -> String {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes).read_to_string(&mut text).expect("valid gzip");
        text
    }

    #[test]
    fn pieces_deflated_apart_and_stamps_between_them_read_back_as_one_text() {
        let (a, b) = ("<p>".repeat(5_000) + "nonce=\"", "\">".to_owned() + &"تشاور ".repeat(3_000));
        let (da, db) = (deflate_piece(a.as_bytes()), deflate_piece(b.as_bytes()));
        assert!(da.len() < a.len() / 10, "the pieces are compressed");

        for stamp in ["abc123", "", "another-stamp"] {
            let mut body = Body::with_capacity(1024);
            body.deflated(a.as_bytes(), &da);
            body.stored(stamp.as_bytes());
            body.deflated(b.as_bytes(), &db);
            assert_eq!(gunzip(&body.finish()), format!("{a}{stamp}{b}"));
        }
    }

    #[test]
    fn an_empty_piece_is_still_a_valid_stream() {
        let mut body = Body::with_capacity(64);
        body.deflated(b"", &deflate_piece(b""));
        body.stored(b"x");
        assert_eq!(gunzip(&body.finish()), "x");
    }
}
