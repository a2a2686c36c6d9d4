//! Reading a line takes time linear in its length: the classifier and the
//! page-fact reader on inputs 16 times apart must take about 16 times as
//! long, not 256 times (quadratic). Asserted on the ratio between the two
//! sizes, never on a time: each size is timed several times, interleaved,
//! and the fastest run of each is compared, so a busy machine slows both.
//! (Absolute figures: ./bench.sh, from `cargo run --release --example
//! classify-scaling`.)

use decline_doctor::classify::classify;
use decline_doctor::facts::read_line;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Inputs that make the phrase search work hard: many near-matches, no
/// clause boundary for long stretches, CJK near-matches.
fn inputs(n: usize) -> Vec<(&'static str, String)> {
    let fill = |unit: &str| {
        let s = unit.repeat(n / unit.len() + 1);
        let mut cut = n.min(s.len());
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s[..cut].to_string()
    };
    vec![
        ("near-matches", fill("your card was your card has been your card was declinedx. ")),
        ("no boundaries", fill("yourcardwasdeclined ")),
        ("CJK near-matches", fill("您的银行卡被拒。您的卡已被拒")),
        ("billing text", fill("Credit balance $0.00 Auto recharge is off Add to credit balance ")),
    ]
}

/// Reads one line, discarding the result.
type Reader = fn(&str);

fn fastest(f: impl Fn(), runs: usize, out: &mut Duration) {
    for _ in 0..runs {
        let t = Instant::now();
        f();
        *out = (*out).min(t.elapsed());
    }
}

#[test]
fn classify_and_read_line_are_linear_in_the_length_of_a_line() {
    const SMALL: usize = 16 * 1024;
    const LARGE: usize = 16 * SMALL;
    let small = inputs(SMALL);
    let large = inputs(LARGE);
    for ((name, s), (_, l)) in small.iter().zip(&large) {
        let readers: [(&str, Reader); 2] = [
            ("classify", |t| {
                black_box(classify(black_box(t)));
            }),
            ("read_line", |t| {
                black_box(read_line(black_box(t)));
            }),
        ];
        for (what, f) in readers {
            let (mut ts, mut tl) = (Duration::MAX, Duration::MAX);
            for _ in 0..5 {
                fastest(|| f(s), 2, &mut ts);
                fastest(|| f(l), 1, &mut tl);
            }
            let ratio = tl.as_secs_f64() / ts.as_secs_f64().max(1e-9);
            // Linear: 16x. Quadratic would be 256x. Allow for caches and noise.
            assert!(ratio < 48.0, "{what} on {name}: {LARGE} bytes took {ratio:.1}x as long as {SMALL} bytes ({tl:?} vs {ts:?})");
        }
    }
}
