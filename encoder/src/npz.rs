//! Minimal reader for NumPy `.npz` archives (a zip of `.npy` files).
//!
//! Only what weights.npz needs: little-endian f4/f8/u1/i1 arrays in C order.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::Error;

/// One array from the archive: raw little-endian bytes plus its dtype and shape.
pub struct Array {
    pub dtype: String,
    pub shape: Vec<usize>,
    pub data: Vec<u8>,
}

impl Array {
    /// The array as f32, converting from f8 when needed (eps is stored as f8).
    pub fn to_f32(&self, name: &str) -> Result<Vec<f32>, Error> {
        match self.dtype.as_str() {
            "<f4" => Ok(self
                .data
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
                .collect()),
            "<f8" => Ok(self
                .data
                .chunks_exact(8)
                .map(|b| f64::from_le_bytes(b.try_into().unwrap()) as f32)
                .collect()),
            d => Err(Error::Format(format!("{name}: expected float array, got dtype {d}"))),
        }
    }
}

pub struct Npz {
    zip: zip::ZipArchive<File>,
}

impl Npz {
    pub fn open(path: &Path) -> Result<Npz, Error> {
        let file = File::open(path).map_err(|e| Error::Io(path.to_path_buf(), e))?;
        let zip = zip::ZipArchive::new(file)
            .map_err(|e| Error::Format(format!("{}: {e}", path.display())))?;
        Ok(Npz { zip })
    }

    /// Reads and parses `<name>.npy`.
    pub fn array(&mut self, name: &str) -> Result<Array, Error> {
        let mut entry = self
            .zip
            .by_name(&format!("{name}.npy"))
            .map_err(|e| Error::Format(format!("weights.npz: {name}.npy: {e}")))?;
        let mut bytes = Vec::with_capacity(entry.size().min(1 << 26) as usize); // size is only a hint
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Format(format!("weights.npz: {name}.npy: {e}")))?;
        parse_npy(name, bytes)
    }
}

/// Parses a .npy file: magic, version, header length, a Python-dict header, data.
fn parse_npy(name: &str, mut bytes: Vec<u8>) -> Result<Array, Error> {
    let bad = |msg: &str| Error::Format(format!("{name}.npy: {msg}"));
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        return Err(bad("not a .npy file"));
    }
    // v1 has a u16 header length, v2/v3 a u32.
    let (hlen, start): (usize, usize) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        2 | 3 if bytes.len() >= 12 => {
            (u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize, 12)
        }
        _ => return Err(bad("unsupported .npy version")),
    };
    let end = start
        .checked_add(hlen)
        .filter(|&e| e <= bytes.len())
        .ok_or_else(|| bad("truncated header"))?;
    let header = std::str::from_utf8(&bytes[start..end]).map_err(|_| bad("header is not text"))?;

    let dtype = dict_value(header, "descr").ok_or_else(|| bad("no descr"))?;
    let dtype = dtype.trim_matches(|c| c == '\'' || c == '"').to_string();
    if dict_value(header, "fortran_order") != Some("False") {
        return Err(bad("only C-order arrays are supported"));
    }
    let shape_txt = dict_value(header, "shape").ok_or_else(|| bad("no shape"))?;
    let shape = shape_txt
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<usize>().map_err(|_| bad("bad shape")))
        .collect::<Result<Vec<_>, _>>()?;

    let item = match dtype.as_str() {
        "<f4" => 4,
        "<f8" => 8,
        "|u1" | "|i1" => 1,
        d => return Err(bad(&format!("unsupported dtype {d}"))),
    };
    let want = shape.iter().product::<usize>() * item; // () -> 1 element
    if bytes.len() - end != want {
        return Err(bad("data length does not match shape"));
    }
    bytes.drain(..end); // keep only the data, no second copy
    Ok(Array { dtype, shape, data: bytes })
}

/// Value text for `'key': value` in the header dict: a quoted string, a
/// parenthesised tuple, or a bare word.
fn dict_value<'a>(header: &'a str, key: &str) -> Option<&'a str> {
    let at = header.find(&format!("'{key}'"))? + key.len() + 2;
    let rest = header[at..].trim_start().strip_prefix(':')?.trim_start();
    let end = match rest.chars().next()? {
        '(' => rest.find(')')? + 1,
        q @ ('\'' | '"') => rest[1..].find(q)? + 2,
        _ => rest.find([',', '}'])?,
    };
    Some(rest[..end].trim())
}
