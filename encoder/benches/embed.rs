//! Load time, time to embed a 30-word sentence and a capped long text, memory.
//! `cargo bench -p encoder --bench embed` (weights from `YC_ENCODER_DIR`, as the server).
//! Besides the median wall time it prints the CPU time an embedding took, which other work on
//! the machine changes less.

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let dir = encoder::default_dir().expect("YC_ENCODER_DIR or HOME");
    let t = Instant::now();
    let enc = encoder::Encoder::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    println!("load: {:.0} ms, RSS {}", ms(t), status("VmRSS"));

    let sentences = [
        "My parents keep fighting every night and I cannot sleep, so at school I feel tired and sad and I do not know who I could talk to about it",
        "Mis padres discuten todas las noches y no puedo dormir, así que en la escuela me siento cansado y triste y no sé con quién podría hablar de esto",
        "Мои родители ругаются каждую ночь, и я не могу спать, поэтому в школе я чувствую себя уставшим и грустным и не знаю, с кем поговорить об этом сейчас",
    ];
    for s in sentences {
        let (words, tokens) = (s.split_whitespace().count(), enc.tokenize(s).len());
        println!("{words} words, {tokens} tokens: {}", timed(|| enc.embed(s)));
    }

    // a pasted essay: only its first MAX_TOKENS tokens are embedded
    let long = "Me siento solo y nadie me entiende. ".repeat(140); // 5,000 chars
    let tokens = enc.tokenize(&long).len();
    let t = timed(|| enc.embed(&long));
    println!("{} chars, {tokens} tokens (capped at {}): {t}", long.len(), encoder::MAX_TOKENS);
    println!("peak RSS: {}", status("VmHWM"));
}

/// Median wall time and mean CPU time of 100 runs after 10 to warm up.
fn timed(f: impl Fn() -> Vec<f32>) -> String {
    (0..10).for_each(|_| drop(black_box(f())));
    let cpu = cpu_ns();
    let mut times: Vec<f64> = (0..100)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            ms(t)
        })
        .collect();
    let cpu_ms = cpu_ns().zip(cpu).map(|(b, a)| (b - a) as f64 / 100.0 / 1e6);
    times.sort_by(f64::total_cmp);
    let cpu_ms = cpu_ms.map_or_else(|| "n/a".into(), |c| format!("{c:.2} ms"));
    format!("median {:.2} ms, CPU {cpu_ms}", times[50])
}

/// Nanoseconds this thread has run on a CPU (Linux).
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// A line of /proc/self/status (Linux).
fn status(key: &str) -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix(':'));
    line.map_or_else(|| "n/a".into(), |l| l.trim().to_string())
}
