//! Pictures the server draws itself, so no page needs another site: QR codes of our links and
//! the image link previews show.

pub mod preview;
pub mod qr;

/// An 8-bit PNG of `pixels` (row by row; one byte a pixel for grey, three for colour).
fn png(
    width: u32,
    height: u32,
    color: png::ColorType,
    pixels: &[u8],
) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    encoder.write_header()?.write_image_data(pixels)?;
    Ok(out)
}
