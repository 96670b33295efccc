//! A sentence embedding as it is stored: 512 bytes and a scale instead of 2 KB, one signed byte
//! per dimension. Similarities read back from it differ by about a thousandth.

/// Packs a vector: its scale (little-endian f32), then each element over the scale as an i8.
pub fn pack(vector: &[f32]) -> Vec<u8> {
    let largest = vector.iter().fold(0f32, |m, x| m.max(x.abs()));
    let scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
    let mut bytes = Vec::with_capacity(4 + vector.len());
    bytes.extend_from_slice(&scale.to_le_bytes());
    bytes.extend(vector.iter().map(|x| (x / scale).round() as i8 as u8));
    bytes
}

/// The vector a [`pack`] stored, made a unit vector again; none if the bytes are not one.
pub fn unpack(bytes: &[u8]) -> Option<Vec<f32>> {
    let (scale, elements) = bytes.split_first_chunk::<4>()?;
    let scale = f32::from_le_bytes(*scale);
    let mut v: Vec<f32> = elements.iter().map(|&b| f32::from(b as i8) * scale).collect();
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm == 0.0 || !norm.is_finite() {
        return None;
    }
    v.iter_mut().for_each(|x| *x /= norm);
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::themes::cluster::dot;

    fn unit(seed: u32) -> Vec<f32> {
        // A spread of values like an embedding's, without a random-number crate.
        let v: Vec<f32> = (0..512u32)
            .map(|i| (i.wrapping_mul(2654435761).wrapping_add(seed * 40503) % 2001) as f32)
            .map(|x| x - 1000.0)
            .collect();
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.into_iter().map(|x| x / norm).collect()
    }

    #[test]
    fn similarities_survive_packing_within_a_thousandth_or_so() {
        for (a, b) in [(1, 2), (3, 4), (5, 5)] {
            let (x, y) = (unit(a), unit(b));
            let (px, py) = (unpack(&pack(&x)).unwrap(), unpack(&pack(&y)).unwrap());
            assert!((dot(&x, &y) - dot(&px, &py)).abs() < 0.003, "{a} {b}");
        }
        assert_eq!(pack(&unit(1)).len(), 516);
    }

    #[test]
    fn bytes_that_are_no_vector_are_refused() {
        assert_eq!(unpack(&[1, 2]), None);
        assert_eq!(unpack(&pack(&[0.0; 8])), None);
    }
}
