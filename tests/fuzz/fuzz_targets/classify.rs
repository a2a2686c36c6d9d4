//! Arbitrary UTF-8 into everything that reads page text: the classifier,
//! unrecorded sentences in error spots, the page-fact reader, the
//! normalisers, the amount and colour parsers, routes with fragments.
//! Nothing may panic (libFuzzer reports panics and timeouts).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = decline_doctor::classify::classify(s);
        let _ = decline_doctor::classify::classify_line(s, || true);
        let _ = decline_doctor::facts::read_line(s);
        let _ = decline_doctor::facts::parse_amount(s);
        let _ = decline_doctor::text::fold(s);
        let _ = decline_doctor::text::for_match(s);
        let _ = decline_doctor::scheme::parse_color(s);
        let _ = decline_doctor::route::route("platform.openai.com", s, "");
        let mid = (0..=s.len() / 2).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
        let (path, hash) = s.split_at(mid);
        let _ = decline_doctor::route::route("chatgpt.com", path, hash);
    }
});
