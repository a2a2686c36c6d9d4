//! Decline messages: which reason and language a line of page text states.
//! Patterns live in `src/knowledge/messages.toml`.

use crate::knowledge::{Lang, Reason, MESSAGES};
use crate::text::{for_match, is_unspaced_script, is_word_char, BOUNDARY};
use std::sync::OnceLock;

/// Every message's wordings, normalised once (index like `MESSAGES`).
fn phrases() -> &'static [Vec<String>] {
    static PHRASES: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    PHRASES.get_or_init(|| MESSAGES.iter().map(|m| m.wordings.iter().map(|w| for_match(w.get())).collect()).collect())
}

/// A decline message found in a line of text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Hit {
    pub reason: Reason,
    pub lang: Lang,
    /// Index into `MESSAGES` of the phrase that matched.
    pub message: usize,
    /// Which of its wordings matched.
    pub wording: usize,
}

impl Hit {
    /// The message as the page words it (case and punctuation aside).
    pub fn wording(&self) -> &'static str {
        MESSAGES[self.message].wordings.get(self.wording).map_or("", |t| t.get())
    }
}

/// The decline message a line of page text states, if any. When a line
/// states several, the most specific reason wins (order of reasons.toml),
/// then the earliest.
pub fn classify(text: &str) -> Option<Hit> {
    let norm = for_match(text);
    if norm.is_empty() {
        return None;
    }
    let mut best: Option<(Reason, usize, Hit)> = None;
    for ((i, m), phrases) in MESSAGES.iter().enumerate().zip(phrases()) {
        let found = phrases.iter().enumerate().filter_map(|(w, p)| find_clause_opening(&norm, p).map(|at| (at, w)));
        let Some((at, wording)) = found.min() else { continue };
        let better = match best {
            None => true,
            Some((r, pos, _)) => (m.reason, at) < (r, pos),
        };
        if better {
            best = Some((m.reason, at, Hit { reason: m.reason, lang: m.lang, message: i, wording }));
        }
    }
    best.map(|(_, _, hit)| hit)
}

/// The first position where `phrase` opens a clause of `norm` and, in
/// spaced scripts, ends at a word boundary.
fn find_clause_opening(norm: &str, phrase: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(off) = norm[from..].find(phrase) {
        let at = from + off;
        let end = at + phrase.len();
        if opens_clause(&norm[..at]) && ends_word(phrase, &norm[end..]) {
            return Some(at);
        }
        // Continue after this occurrence's first character.
        from = at + norm[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Nothing but the start of the text or a clause boundary comes before:
/// `for_match` leaves only words, single spaces and boundaries, so the
/// character before is either nothing, a boundary, or a space after a word.
fn opens_clause(before: &str) -> bool {
    match before.chars().next_back() {
        None => true,
        Some(c) => c == BOUNDARY,
    }
}

/// In scripts written with spaces, the phrase must not stop inside a word
/// ("abgelehnt" must not match "abgelehnte").
fn ends_word(phrase: &str, after: &str) -> bool {
    let last = phrase.chars().next_back();
    let next = after.chars().next();
    match (last, next) {
        (Some(l), Some(n)) => !(is_word_char(l) && !is_unspaced_script(l) && is_word_char(n)),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> Option<&'static str> {
        classify(text).map(|h| h.reason.id())
    }

    #[test]
    fn finds_the_generic_decline_in_english_and_chinese() {
        for t in [
            "Your card was declined.",
            "Your card has been declined.",
            "  YOUR CARD\u{a0}WAS  DECLINED ",
            "Error: Your card was declined. Try a different card.",
            "⚠ Your card was declined",
            "Payment failed — your card was declined",
            "您的银行卡被拒绝了。",
            "支付失败：您的银行卡被拒绝了",
        ] {
            assert_eq!(reason(t), Some("generic_decline"), "{t}");
        }
        assert_eq!(classify("您的银行卡被拒绝了。").unwrap().lang, Lang::ZhCn);
        assert_eq!(classify("Your card was declined.").unwrap().lang, Lang::En);
        assert_eq!(classify("YOUR CARD HAS BEEN DECLINED!").unwrap().wording(), "Your card has been declined");
        assert_eq!(classify("Your card was declined.").unwrap().wording(), "Your card was declined");
    }

    #[test]
    fn a_phrase_that_does_not_open_a_clause_is_not_a_message() {
        for t in [
            "If your card was declined, contact your bank.",
            "The error said \u{201c}Your card was declined\u{201d} twice.",
            "Why your card was declined and what to do",
            "如果您的银行卡被拒绝了，请联系银行。",
            "Your card was declinedX",
            "Declined",
            "",
        ] {
            assert_eq!(reason(t), None, "{t}");
        }
    }
}
