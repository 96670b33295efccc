//! The picture a messaging app shows beside a pasted link: two speech bubbles on the site's blue.
//! No words in it, so it suits every language; drawn once, at start.

const WIDTH: usize = 1200;
const HEIGHT: usize = 630;
const BLUE: [u8; 3] = [0x0b, 0x4f, 0xa8];
const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
const YELLOW: [u8; 3] = [0xff, 0xbf, 0x47];

/// A rounded rectangle with a triangular tail below one corner.
struct Bubble {
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
    radius: f32,
    /// Where the tail meets the bottom edge, and its tip.
    tail: (f32, f32, f32, f32),
    color: [u8; 3],
}

impl Bubble {
    fn covers(&self, x: f32, y: f32) -> bool {
        let r = self.radius;
        let dx = (self.left + r - x).max(x - (self.right - r)).max(0.0);
        let dy = (self.top + r - y).max(y - (self.bottom - r)).max(0.0);
        let in_body = x >= self.left
            && x <= self.right
            && y >= self.top
            && y <= self.bottom
            && dx * dx + dy * dy <= r * r;
        let (from, to, tip_x, tip_y) = self.tail;
        // The tail narrows linearly from the bottom edge to its tip.
        let t = (y - self.bottom) / (tip_y - self.bottom);
        let in_tail = (0.0..=1.0).contains(&t) && {
            let (a, b) = (from + (tip_x - from) * t, to + (tip_x - to) * t);
            x >= a.min(b) && x <= a.max(b)
        };
        in_body || in_tail
    }
}

pub fn png() -> Result<Vec<u8>, png::EncodingError> {
    let bubbles = [
        Bubble {
            left: 170.0,
            top: 120.0,
            right: 700.0,
            bottom: 400.0,
            radius: 60.0,
            tail: (260.0, 360.0, 220.0, 500.0),
            color: WHITE,
        },
        Bubble {
            left: 560.0,
            top: 250.0,
            right: 1030.0,
            bottom: 480.0,
            radius: 60.0,
            tail: (850.0, 950.0, 990.0, 570.0),
            color: YELLOW,
        },
    ];
    let mut pixels = Vec::with_capacity(WIDTH * HEIGHT * 3);
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            let (x, y) = (x as f32 + 0.5, y as f32 + 0.5);
            // The later bubble is drawn over the earlier one.
            let color = bubbles.iter().rev().find(|b| b.covers(x, y)).map_or(BLUE, |b| b.color);
            pixels.extend_from_slice(&color);
        }
    }
    super::png(WIDTH as u32, HEIGHT as u32, png::ColorType::Rgb, &pixels)
}
