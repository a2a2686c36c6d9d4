//! Page facts: what a line of billing-page text says about the account
//! ("Default", "Set as default", "Auto recharge is off", "Expires 01/2024",
//! "Credit balance $4.23"). Vocabulary in `src/knowledge/facts.toml`.

use crate::knowledge::FACTS;
use crate::vocab::{Fact, FactKind, FactMatch, YearMonth};
use crate::text::{fold, BREAK, PIECE};

/// The facts in one line of page text (pieces separated by [`PIECE`], or
/// by [`BREAK`] where blocks nest).
pub fn read_line(line: &str) -> Vec<Fact> {
    let mut out = Vec::new();
    for piece in fold(line).split([PIECE, BREAK]) {
        read_piece(piece, &mut out);
    }
    out
}

fn trim_punct(s: &str) -> &str {
    s.trim_matches(|c: char| c == ' ' || c == '.' || c == ':' || c == '。' || c == '：')
}

fn read_piece(piece: &str, out: &mut Vec<Fact>) {
    let piece = trim_punct(piece);
    if piece.is_empty() || piece.len() > 200 {
        return;
    }
    for (i, def) in FACTS.iter().enumerate() {
        let plain = |kind: FactKind| match kind {
            FactKind::DefaultBadge => Some(Fact::DefaultBadge),
            FactKind::SetAsDefault => Some(Fact::SetAsDefault),
            FactKind::AutoRechargeOff => Some(Fact::AutoRecharge(false)),
            FactKind::AutoRechargeOn => Some(Fact::AutoRecharge(true)),
            FactKind::AutoRechargeToggle => Some(Fact::AutoRechargeToggle),
            FactKind::CreditBalance => Some(Fact::CreditBalance(None)),
            FactKind::NoBillingPlan => Some(Fact::NoBillingPlan),
            FactKind::Success => Some(Fact::Success),
            FactKind::Action => Some(Fact::Action(def.action)),
            FactKind::Control => Some(Fact::Control(i as u16)),
            FactKind::Expiry => None,
        };
        let fact = match def.how {
            FactMatch::Piece if piece == def.text => plain(def.kind),
            FactMatch::Contains if crate::text::positions(piece, def.text).next().is_some() => plain(def.kind),
            FactMatch::Prefix => piece
                .strip_prefix(def.text)
                .filter(|rest| rest.starts_with([' ', ':']))
                .and_then(|rest| match def.kind {
                    FactKind::Expiry => parse_expiry(rest).map(Fact::Expiry),
                    FactKind::CreditBalance => parse_amount(trim_punct(rest)).map(|c| Fact::CreditBalance(Some(c))),
                    _ => None,
                }),
            _ => None,
        };
        if let Some(f) = fact {
            out.push(f);
            // The text is also a control a step points at.
            if def.control.is_some() && def.kind != FactKind::Control {
                out.push(Fact::Control(i as u16));
            }
            return;
        }
    }
    if let Some(cents) = parse_amount(piece) {
        out.push(Fact::Amount(cents));
    }
}

/// "01/2024", "1/24", "01 / 24", "on 01/2028" -> year and month.
fn parse_expiry(s: &str) -> Option<YearMonth> {
    let s = s.trim_start_matches([' ', ':']);
    let s = s.strip_prefix("on ").unwrap_or(s);
    let (m, y) = s.split_once('/')?;
    let (m, y) = (m.trim(), y.trim());
    let y: String = y.chars().take_while(char::is_ascii_digit).collect();
    if m.is_empty() || m.len() > 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = u8::try_from(digits(m)?).ok()?;
    let year = match y.len() {
        2 => 2000 + u16::try_from(digits(&y)?).ok()?,
        4 => u16::try_from(digits(&y)?).ok()?,
        _ => return None,
    };
    (1..=12).contains(&month).then_some(YearMonth { year, month })
}

/// A run of ASCII digits as a number; `None` when empty, not all digits, or
/// too big. (Not `str::parse`: its generic code costs the wasm more.)
fn digits(s: &str) -> Option<i64> {
    if s.is_empty() {
        return None;
    }
    s.bytes().try_fold(0i64, |n, b| if b.is_ascii_digit() { n.checked_mul(10)?.checked_add(i64::from(b - b'0')) } else { None })
}

/// "$4.23", "-$1,204.50", "$-0.20", "US$5", "$5.00 USD" -> cents.
pub fn parse_amount(s: &str) -> Option<i64> {
    let s = s.trim();
    let s = s.strip_suffix(" usd").unwrap_or(s);
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let s = s.strip_prefix("us").unwrap_or(s).strip_prefix('$')?;
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) if !neg => (true, r),
        _ => (neg, s),
    };
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f),
        None => (s, ""),
    };
    if whole.is_empty() || frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Thousands separators only in groups of three.
    let mut groups = whole.split(',');
    let head = groups.next()?;
    if head.is_empty() || head.len() > 3 && whole.contains(',') || !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut dollars = digits(head)?;
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        dollars = dollars.checked_mul(1000)?.checked_add(digits(g)?)?;
    }
    let cents = match frac.len() {
        0 => 0,
        1 => digits(frac)? * 10,
        _ => digits(frac)?,
    };
    let total = dollars.checked_mul(100)?.checked_add(cents)?;
    Some(if neg { -total } else { total })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(year: u16, month: u8) -> YearMonth {
        YearMonth { year, month }
    }

    #[test]
    fn reads_the_payment_methods_vocabulary() {
        assert_eq!(read_line("Default"), vec![Fact::DefaultBadge]);
        assert_eq!(read_line("Set as default")[0], Fact::SetAsDefault);
        assert_eq!(read_line("Auto recharge is off"), vec![Fact::AutoRecharge(false)]);
        assert_eq!(read_line("Enable auto recharge")[0], Fact::AutoRecharge(false));
        assert_eq!(read_line("Use auto-reload"), vec![Fact::AutoRechargeToggle]);
        assert_eq!(read_line("Expires 01/2024"), vec![Fact::Expiry(ym(2024, 1))]);
        assert_eq!(read_line("Expires 8/27"), vec![Fact::Expiry(ym(2027, 8))]);
        assert_eq!(read_line("Credit balance"), vec![Fact::CreditBalance(None)]);
        assert_eq!(read_line("Credit balance: $4.23"), vec![Fact::CreditBalance(Some(423))]);
        assert_eq!(read_line("$0.00"), vec![Fact::Amount(0)]);
    }

    /// The controls a line names ("Show me").
    fn controls(line: &str) -> Vec<crate::vocab::Control> {
        read_line(line).into_iter().filter_map(|f| if let Fact::Control(i) = f { FACTS[i as usize].control } else { None }).collect()
    }

    #[test]
    fn reads_the_controls_the_steps_point_at() {
        use crate::vocab::Control;
        // The billing pages' own labels (real-pages §3; Checkout's address group).
        assert_eq!(controls("Set as default"), [Control::SetDefault]);
        assert_eq!(controls("Enable auto recharge"), [Control::AutoRecharge]);
        // "Modify" shows only while auto recharge is on, when no step is about it.
        assert!(controls("Modify").is_empty());
        assert_eq!(controls("Payment methods"), [Control::PaymentMethods]);
        assert_eq!(controls("Billing address"), [Control::BillingAddress]);
        // A sentence that holds the words is not the control.
        assert!(controls("Modify your payment methods below").is_empty());
        assert!(controls("Default").is_empty());
    }

    #[test]
    fn reads_each_inline_piece_of_a_card_row() {
        let row = "Visa •••• 4242\u{1f}Expires 08/2030\u{1f} \u{1f}Default\u{1f}";
        assert_eq!(read_line(row), vec![Fact::Expiry(ym(2030, 8)), Fact::DefaultBadge]);
    }

    #[test]
    fn ordinary_sentences_are_not_facts() {
        for line in [
            "The default amount is $10.",
            "Set a default payment method to enable auto recharge",
            "When your credit balance reaches $0, your API requests will stop working.",
            "Enable automatic recharge to automatically keep your credit balance topped up.",
            "Expires soon",
            "Default payment method",
            "Card number 4242 4242 4242 4242",
        ] {
            assert_eq!(read_line(line), vec![], "{line}");
        }
    }

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("$1,204.50"), Some(120450));
        assert_eq!(parse_amount("-$0.20"), Some(-20));
        assert_eq!(parse_amount("$-0.20"), Some(-20));
        assert_eq!(parse_amount("us$5"), Some(500));
        assert_eq!(parse_amount("$5.00 usd"), Some(500));
        assert_eq!(parse_amount("$5.5"), Some(550));
        for bad in ["$", "5.00", "$1,20", "$1.234", "$12a", "$1234,567", "$--1", "-$-1", "$99999999999999999999"] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
    }

    #[test]
    fn expiry_needs_a_real_month_and_year() {
        assert_eq!(read_line("Expires 13/2024"), vec![]);
        assert_eq!(read_line("Expires 01/202"), vec![]);
        assert_eq!(read_line("Expires on 02/2028"), vec![Fact::Expiry(ym(2028, 2))]);
        assert_eq!(read_line("Expired 11/2023"), vec![Fact::Expiry(ym(2023, 11))]);
    }
}
