//! QR codes of consultation links: SVG for posters (sharp at any size), PNG for anything that
//! takes only pictures.

use qrcode::types::QrError;
use qrcode::{Color, EcLevel, QrCode};

/// The white border the standard asks for, in modules; scanners need it.
const QUIET: usize = 4;

/// A QR code as dark and light modules, border included.
pub struct Qr {
    size: usize,
    dark: Vec<bool>,
}

impl Qr {
    /// Medium error correction: a poster with a fold or a smudge still scans.
    pub fn new(text: &str) -> Result<Self, QrError> {
        let code = QrCode::with_error_correction_level(text, EcLevel::M)?;
        let inner = code.width();
        let size = inner + 2 * QUIET;
        let colors = code.to_colors();
        let dark = (0..size * size)
            .map(|i| {
                let (x, y) = ((i % size).checked_sub(QUIET), (i / size).checked_sub(QUIET));
                match (x, y) {
                    (Some(x), Some(y)) if x < inner && y < inner => {
                        colors[y * inner + x] == Color::Dark
                    }
                    _ => false,
                }
            })
            .collect();
        Ok(Self { size, dark })
    }

    fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.size + x]
    }

    /// One square per dark module, in a single path, one unit a module.
    pub fn svg(&self) -> String {
        let mut path = String::new();
        for y in 0..self.size {
            for x in (0..self.size).filter(|&x| self.is_dark(x, y)) {
                path.push_str(&format!("M{x} {y}h1v1h-1z"));
            }
        }
        let n = self.size;
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" \
             shape-rendering=\"crispEdges\"><rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/>\
             <path fill=\"#000\" d=\"{path}\"/></svg>"
        )
    }

    /// Greyscale, `scale` pixels a module: 8 prints sharply at about 6 cm.
    pub fn png(&self, scale: usize) -> Result<Vec<u8>, png::EncodingError> {
        let side = self.size * scale;
        let pixels: Vec<u8> = (0..side * side)
            .map(|i| if self.is_dark((i % side) / scale, (i / side) / scale) { 0 } else { 255 })
            .collect();
        super::png(side as u32, side as u32, png::ColorType::Grayscale, &pixels)
    }
}
