//! How classifying a line scales with its length: it must be linear (the
//! content script reads page text of any size). Prints a table; times are
//! measured, not asserted (run: cargo run --release --example classify-scaling).
use decline_doctor::classify::classify;
use decline_doctor::facts::read_line;
use std::hint::black_box;
use std::time::Instant;

/// Inputs built to make the phrase search work hard: many near-matches.
fn inputs(n: usize) -> Vec<(&'static str, String)> {
    let fill = |unit: &str| unit.repeat(n / unit.len() + 1)[..n].to_string();
    vec![
        ("billing text", fill("Credit balance $0.00 Auto recharge is off Add to credit balance ")),
        ("near-matches", fill("your card was your card has been your card was declinedx ")),
        ("no spaces", fill("yourcardwasdeclined")),
        ("CJK near-matches", {
            let s = "您的银行卡被拒您的卡已被拒".repeat(n / 39 + 1);
            let mut cut = n.min(s.len());
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            s[..cut].to_string()
        }),
        ("message at the end", fill("x ") + " Error: Your card was declined."),
    ]
}

fn main() {
    println!("| input | bytes | classify ns/byte | read_line ns/byte |");
    println!("|---|---|---|---|");
    for n in [1_000, 10_000, 100_000, 1_000_000] {
        for (name, text) in inputs(n) {
            let reps = (2_000_000 / n).max(3);
            let t = Instant::now();
            for _ in 0..reps {
                black_box(classify(black_box(&text)));
            }
            let c = t.elapsed().as_nanos() as f64 / (reps * text.len()) as f64;
            let t = Instant::now();
            for _ in 0..reps {
                black_box(read_line(black_box(&text)));
            }
            let f = t.elapsed().as_nanos() as f64 / (reps * text.len()) as f64;
            println!("| {name} | {} | {c:.2} | {f:.2} |", text.len());
        }
    }
}
