//! Property tests on the classifier and the page-fact reader.

mod common;

use common::DECLINES;
use decline_doctor::classify::classify;
use decline_doctor::facts::read_line;
use decline_doctor::text::lower;
use proptest::prelude::*;

const SPACES: [&str; 7] = [" ", "  ", "\t", "\n", "\u{a0}", "\u{3000}", " \n   "];
const ENDS: [&str; 7] = ["", ".", "!", "。", "．", "…", " ."];
const LEADS: [&str; 5] = ["", "⚠ ", "Error: ", "\u{200b}", "✕ "];

/// A variant of `text` the way pages differ: letter case, runs of (other)
/// whitespace, an invisible character inside a word, other end punctuation, a
/// leading icon or label.
fn variant(text: &str, case_mask: u64, spaces: &[usize], invisible_at: usize, end: usize, lead: usize) -> String {
    let body = text.trim_end_matches(['.', '。', '!', '！']);
    let mut out = String::from(LEADS[lead]);
    let mut n_space = 0;
    for (i, c) in body.chars().enumerate() {
        if c == ' ' {
            out.push_str(SPACES[spaces[n_space % spaces.len()]]);
            n_space += 1;
            continue;
        }
        let mut up = c.to_uppercase();
        let flip = case_mask >> (i % 64) & 1 == 1;
        match (flip, up.next(), up.next()) {
            (true, Some(u), None) if lower(u) == lower(c) => out.push(u),
            _ => out.push(c),
        }
        if i == invisible_at {
            out.push('\u{200b}');
        }
    }
    out.push_str(ENDS[end]);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_on_any_text(s in any::<String>()) {
        let _ = classify(&s);
        let _ = read_line(&s);
    }

    #[test]
    fn never_panics_on_text_made_of_what_matters(s in "[ -~\u{a0}\u{1e}\u{1f}\u{200b}\u{202e}。！：，卡拒绝被您的银行éÉЁёкарта$/0-9]{0,300}") {
        let _ = classify(&s);
        let _ = read_line(&s);
    }

    /// A real message as pages vary it still states its reason, in its
    /// language (both written in the evidence table, not computed).
    #[test]
    fn case_whitespace_and_punctuation_variants_state_the_same_reason(
        i in 0..DECLINES.len(),
        case_mask in any::<u64>(),
        spaces in prop::collection::vec(0..SPACES.len(), 1..8),
        invisible_at in 0usize..80,
        end in 0..ENDS.len(),
        lead in 0..LEADS.len(),
    ) {
        let (text, reason, lang) = DECLINES[i];
        let v = variant(text, case_mask, &spaces, invisible_at, end, lead);
        prop_assert_eq!(classify(&v).map(|h| (h.reason, h.lang)), Some((reason, lang)), "{:?}", v);
    }
}
