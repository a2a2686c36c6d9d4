//! Decline messages: which reason and language a line of page text states.
//! Patterns live in `src/knowledge/messages.toml`.

use crate::knowledge::{Lang, Reason, MESSAGES};
use crate::text::{ends_clause, for_match, is_unspaced_script, is_word_char, QUESTION};
use std::sync::OnceLock;

/// Every message's wordings, normalised once, indexed by their first byte:
/// `(message index, wording index, normalised phrase)`.
fn phrases_by_first_byte() -> &'static [Vec<(usize, usize, String)>] {
    static INDEX: OnceLock<Vec<Vec<(usize, usize, String)>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = vec![Vec::new(); 256];
        for (i, m) in MESSAGES.iter().enumerate() {
            for (w, wording) in m.wordings.iter().enumerate() {
                let p = for_match(wording.get());
                if let Some(&b) = p.as_bytes().first() {
                    index[b as usize].push((i, w, p));
                }
            }
        }
        index
    })
}

/// A decline message found in a line of text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Hit {
    pub reason: Reason,
    pub lang: Lang,
    /// The recorded wording that matched: (index into `MESSAGES`, which of
    /// its wordings). `None`: a sentence we have no record of, read from its
    /// card and declined words ([`crate::unseen`]).
    pub recorded: Option<(usize, usize)>,
}

impl Hit {
    /// The recorded message as the page words it (case and punctuation
    /// aside); empty for an unrecorded sentence.
    pub fn wording(&self) -> &'static str {
        self.recorded.and_then(|(m, w)| MESSAGES[m].wordings.get(w)).map_or("", |t| t.get())
    }
}

/// The decline a line of page text states: a recorded wording wherever the
/// line stands; else, when `in_error_spot()` says the line stands in an
/// error spot (an alert, an error-styled element, the payment form or
/// dialog), an unrecorded sentence with a card word and a declined word,
/// as a generic decline. The spot is asked only when it matters (the shell
/// asks the DOM).
pub fn classify_line(text: &str, in_error_spot: impl FnOnce() -> bool) -> Option<Hit> {
    let norm = for_match(text);
    classify_normalised(&norm).or_else(|| {
        let lang = crate::unseen::unseen_decline(&norm)?;
        in_error_spot().then_some(Hit { reason: Reason::GenericDecline, lang, recorded: None })
    })
}

/// The decline message a line of page text states, if any. When a line
/// states several, the most specific reason wins (order of reasons.toml),
/// then the earliest.
///
/// A message must open a clause, so only clause starts are tried: the start
/// of the text and each position right after a clause's end (`for_match`
/// leaves no space there); a clause that is a question is skipped. Each
/// start is compared only with the phrases that begin with its first byte.
/// Linear in the text's length.
pub fn classify(text: &str) -> Option<Hit> {
    classify_normalised(&for_match(text))
}

fn classify_normalised(norm: &str) -> Option<Hit> {
    let index = phrases_by_first_byte();
    let starts = std::iter::once(0).chain(norm.match_indices(ends_clause).map(|(i, _)| i + 1));
    let mut best: Option<(Reason, usize, Hit)> = None;
    for at in starts {
        let rest = &norm[at..];
        let Some(&first) = rest.as_bytes().first() else { continue };
        // A question is not a message ("Was your card declined?").
        if rest.find(ends_clause).is_some_and(|end| rest[end..].starts_with(QUESTION)) {
            continue;
        }
        for (i, w, phrase) in &index[first as usize] {
            if !rest.starts_with(phrase.as_str()) || !ends_word(phrase, &rest[phrase.len()..]) {
                continue;
            }
            let m = &MESSAGES[*i];
            if best.is_none_or(|(r, pos, _)| precedence(m.reason, at as u32) < precedence(r, pos as u32)) {
                best = Some((m.reason, at, Hit { reason: m.reason, lang: m.lang, recorded: Some((*i, *w)) }));
            }
        }
    }
    best.map(|(_, _, hit)| hit)
}

/// Which of several declines wins, the least key first: the most specific
/// reason (the order of reasons.toml), then, among equal reasons, the one
/// `order` puts first. Within a line `order` is the sentence's position
/// (the first sentence); across the page it is the newest line first
/// (`crate::session`: the error the user just met).
pub fn precedence(reason: Reason, order: u32) -> (Reason, u32) {
    (reason, order)
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
