//! The classifier over real strings: what pages show, and ordinary billing
//! text that merely resembles it.

mod common;

use decline_doctor::classify::classify;
use decline_doctor::knowledge::{Lang, Reason};

fn detect(text: &str) -> Option<(&'static str, &'static str)> {
    classify(text).map(|h| (h.reason.id(), h.lang.id()))
}

/// As pages render them: whole, inside longer error text, with odd spacing,
/// case, full-width punctuation, split into inline pieces (U+001F marks an
/// inline element boundary, as the shell inserts it).
#[test]
fn real_decline_text() {
    let table: &[(&str, Reason, Lang)] = &[
        ("Your card was declined.", Reason::GenericDecline, Lang::En),
        ("Your card has been declined.", Reason::GenericDecline, Lang::En),
        ("Your card was declined. Please try a different card.", Reason::GenericDecline, Lang::En),
        ("Error: Your card was declined.", Reason::GenericDecline, Lang::En),
        ("Payment failed: your card was declined", Reason::GenericDecline, Lang::En),
        ("Couldn't add payment method\u{1e}Your card has been declined.", Reason::GenericDecline, Lang::En),
        ("\n      Your card\n      has been declined.\n    ", Reason::GenericDecline, Lang::En),
        ("Your\u{a0}card was\u{a0}declined.", Reason::GenericDecline, Lang::En),
        ("YOUR CARD WAS DECLINED", Reason::GenericDecline, Lang::En),
        ("\u{1f}Your card \u{1f}\u{1f}was declined\u{1f} \u{1f}.\u{1f}", Reason::GenericDecline, Lang::En),
        ("Your payment method was declined.", Reason::GenericDecline, Lang::En),
        ("您的银行卡被拒绝了。", Reason::GenericDecline, Lang::ZhCn),
        ("您的银行卡被拒绝了", Reason::GenericDecline, Lang::ZhCn),
        ("您的卡已被拒绝", Reason::GenericDecline, Lang::ZhCn),
        ("您的支付方式被拒绝了。", Reason::GenericDecline, Lang::ZhCn),
        ("付款失败：您的银行卡被拒绝了。", Reason::GenericDecline, Lang::ZhCn),
        ("您的银行卡被拒绝了！", Reason::GenericDecline, Lang::ZhCn),
    ];
    for (text, reason, lang) in table {
        assert_eq!(detect(text), Some((reason.id(), lang.id())), "{text:?}");
    }
}

/// Every reason and language, from the strings Stripe's web pages and SDKs
/// show (research file §1.2-1.3 and Stripe's SDK string files).
#[test]
fn every_reason_in_every_language_it_is_shown_in() {
    let table = common::DECLINES;
    for (text, reason, lang) in table {
        assert_eq!(detect(text), Some((reason.id(), lang.id())), "{text:?}");
    }
    let reasons: std::collections::BTreeSet<_> = table.iter().map(|t| t.1).collect();
    assert_eq!(reasons.len(), Reason::ALL.len(), "a string for every reason");
    let langs: std::collections::BTreeSet<_> = table.iter().map(|t| t.2).collect();
    assert_eq!(langs.len(), Lang::ALL.len(), "a string for every language");
}

/// Ordinary billing-page text, chat messages quoting the error, and
/// "declined" in unrelated sentences: nothing.
#[test]
fn near_misses() {
    for text in [
        "Credit balance",
        "Auto recharge is off",
        "When your credit balance reaches $0, your API requests will stop working.",
        "Add to credit balance",
        "Set as default",
        "Payment methods",
        "Declined",
        "declined",
        "Card declined",
        "Your invitation was declined.",
        "Your card was charged $10.00.",
        "Your card was added.",
        "Your card was declinedd",
        "If your card was declined, contact your bank.",
        "Why was my credit card declined?",
        "What to do when your card was declined",
        "The checkout said \u{201c}Your card was declined\u{201d} again.",
        "He said your card was declined",
        "Learn why cards get declined",
        "我的银行卡被拒绝了怎么办",
        "如果您的银行卡被拒绝了，请联系银行。",
        "为什么您的银行卡被拒绝",
        "银行卡",
        "",
        "   ",
        // The same near-misses in the other languages.
        "Si tu tarjeta ha sido rechazada, contacta con tu banco.",
        "¿Por qué la tarjeta ha sido rechazada?",
        "Pourquoi votre carte a été refusée ?",
        "Was tun, wenn Ihre Karte wurde abgelehnt",
        "Abgelehnte Zahlungen",
        "Ihre Karte wurde abgelehntes",
        "Seu cartão foi recusado?",
        "Почему карта отклонена?",
        "Если карта отклонена, позвоните в банк.",
        "왜 카드가 거절되었습니까?",
        "なぜクレジットカードが拒否されましたか",
        "如果您的卡已被拒绝，请联系银行",
        "Votre carte a été acceptée.",
        "Your card security code",
        "Your card number",
        "Expires 01/2024",
    ] {
        assert_eq!(detect(text), None, "{text:?}");
    }
}
