//! Decline sentences we have no record of: a clause that holds one of its
//! language's words for *card* and one for *declined* close together
//! (`src/knowledge/unseen.toml`). Only asked for lines in an error spot of a
//! billing or checkout page (the shell knows where a line stands; see
//! [`crate::classify::classify_line`]), and only after the recorded
//! wordings, which carry the reason.

use crate::knowledge::{Lang, UnseenDef, UNSEEN, UNSEEN_GAP};
use crate::text::{ends_clause, is_unspaced_script, is_word_char, positions, QUESTION};
use std::sync::OnceLock;

/// The language of an unrecorded decline sentence in `norm` (page text
/// after [`crate::text::for_match`]), if one of its clauses states one and
/// is not a condition or a question. Linear in the length of `norm`.
pub fn unseen_decline(norm: &str) -> Option<Lang> {
    // Most lines of a busy page hold no card word in any language: one pass
    // over the line says so, before each language is tried clause by clause.
    if !any_card_word(norm) {
        return None;
    }
    // Clauses with what ends them; a question is not a message.
    let clauses = norm.split_inclusive(ends_clause).filter(|c| !c.ends_with(QUESTION));
    clauses.map(|c| c.trim_end_matches(ends_clause)).find_map(|clause| {
        UNSEEN.iter().find_map(|def| {
            let words = UnseenDef::words;
            let help = words(def.not_opening).any(|w| whole_word_at(clause, 0, w))
                || words(def.not_anywhere).any(|w| positions(clause, w).next().is_some());
            let stated = near(clause, words(def.card), words(def.declined))
                || (def.either_order && near(clause, words(def.declined), words(def.card)));
            (!help && stated).then_some(def.lang)
        })
    })
}

/// Every language's card words, indexed by their first byte.
fn card_words_by_first_byte() -> &'static [Vec<&'static str>] {
    static INDEX: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = vec![Vec::new(); 256];
        for w in UNSEEN.iter().flat_map(|def| UnseenDef::words(def.card)) {
            index[w.as_bytes()[0] as usize].push(w);
        }
        index
    })
}

/// Whether any language's card word occurs anywhere in `norm`: a single
/// pass, each position compared only with the words that begin with its byte.
fn any_card_word(norm: &str) -> bool {
    let index = card_words_by_first_byte();
    norm.char_indices().any(|(i, _)| index[norm.as_bytes()[i] as usize].iter().any(|w| norm[i..].starts_with(w)))
}

/// Whether `word` stands in `s` at byte `at`, starting a word. (It may go on:
/// a stem covers its inflections.)
fn at_word(s: &str, at: usize, word: &str) -> bool {
    if !s[at..].starts_with(word) {
        return false;
    }
    let first = word.chars().next();
    let before = s[..at].chars().next_back();
    match (before, first) {
        (Some(b), Some(f)) => !(is_word_char(b) && is_word_char(f) && !is_unspaced_script(f)),
        _ => true,
    }
}

/// Whether `word` stands in `s` at byte `at` as a whole word: an opening
/// "se" (if) is not the start of "Seu" (your), nor "si" of "Sin embargo".
fn whole_word_at(s: &str, at: usize, word: &str) -> bool {
    let after = s[at..].get(word.len()..).and_then(|r| r.chars().next());
    at_word(s, at, word) && !after.is_some_and(|c| is_word_char(c) && !is_unspaced_script(c))
}

/// Whether a word of `first` is followed, starting within [`UNSEEN_GAP`]
/// bytes of its end, by a word of `then`. Each look is bounded by the gap, so
/// this is linear in the clause's length.
fn near(clause: &str, mut first: impl Iterator<Item = &'static str>, then: impl Iterator<Item = &'static str> + Clone) -> bool {
    first.any(|a| {
        positions(clause, a).any(|i| {
            let from = i + a.len();
            at_word(clause, i, a)
                && then.clone().any(|b| {
                    let mut to = (from + UNSEEN_GAP + b.len()).min(clause.len());
                    while !clause.is_char_boundary(to) {
                        to -= 1;
                    }
                    positions(&clause[from..to], b).any(|j| at_word(clause, from + j, b))
                })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::for_match;

    fn lang(text: &str) -> Option<&'static str> {
        unseen_decline(&for_match(text)).map(|l| l.id())
    }

    #[test]
    fn card_and_declined_words_in_either_order() {
        assert_eq!(lang("Your debit card was declined by the bank."), Some("en"));
        assert_eq!(lang("Payment failed. We couldn't charge your card, it was refused."), Some("en"));
        assert_eq!(lang("Votre carte bancaire a malheureusement été refusée."), Some("fr"));
        assert_eq!(lang("Se rechazó el pago con tu tarjeta."), Some("es"));
        assert_eq!(lang("Ihre Kreditkarte wurde leider abgelehnt."), Some("de"));
        assert_eq!(lang("您的借记卡被拒绝了。"), Some("zh-CN"));
        assert_eq!(lang("您的簽帳金融卡遭拒。"), Some("zh-TW"));
    }

    #[test]
    fn a_condition_word_opens_a_clause_only_as_a_whole_word() {
        // "Seu" (your) starts with "se" (if); "Sin embargo" with "si" (if).
        assert_eq!(lang("Seu cartão de débito foi recusado pelo banco emissor."), Some("pt-BR"));
        assert_eq!(lang("Sin embargo, tu tarjeta fue rechazada por el banco."), Some("es"));
        assert_eq!(lang("Se o seu cartão foi recusado, fale com o banco."), None);
        assert_eq!(lang("Isso aconteceu: seu cartão foi recusado."), Some("pt-BR"));
    }

    #[test]
    fn conditions_questions_and_far_apart_words_are_not_declines() {
        for t in [
            "If your card was declined, contact your bank.",
            "Why was my card declined?",
            "Was your card declined? Read this.",
            "Si tu tarjeta fue rechazada, contacta con tu banco.",
            "如果您的银行卡被拒绝了，请联系银行。",
            "カードが拒否された場合は、カード会社にお問い合わせください。",
            "Card number",
            "Declined",
            "Your card ending in 4242 is saved as the default for this workspace and all of its members; invoices that were declined are listed below.",
            "Declined invoices, payment method updates and refunds for this workspace appear below.",
        ] {
            assert_eq!(lang(t), None, "{t}");
        }
    }
}
