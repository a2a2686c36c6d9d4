//! From lines of real billing-page text to the billing state, the way the
//! shell hands them over: each fact with the path of its element
//! (line element first, then ancestors).

use decline_doctor::facts::read_line;
use decline_doctor::state::{derive, merge, Remembered, Seen, REMEMBER_SECS};
use decline_doctor::vocab::{AutoRecharge, DefaultCard, Known, YearMonth};

const TODAY: YearMonth = YearMonth { year: 2026, month: 11 };

/// Facts from `(line, path)` pairs.
fn seen(lines: &[(&str, &[u32])]) -> Vec<Seen> {
    lines
        .iter()
        .flat_map(|(line, path)| read_line(line).into_iter().map(|fact| Seen { fact, checked: None, path: path.to_vec() }))
        .collect()
}

#[test]
fn payment_methods_with_a_default_card() {
    // <li 10> <div 11>Visa •••• 4242</div><div 12>Expires 08/2030</div> <span>Default</span> (in li's line)
    // <li 20> ... Expires 01/2024 ... <button 23>Set as default</button>
    let s = derive(
        &seen(&[
            ("Visa •••• 4242", &[11, 10, 1]),
            ("Expires 08/2030", &[12, 10, 1]),
            ("\u{1f}Default\u{1f}", &[10, 1]),
            ("Mastercard •••• 4444", &[21, 20, 1]),
            ("Expires 01/2024", &[22, 20, 1]),
            ("Set as default", &[23, 20, 1]),
        ]),
        TODAY,
    );
    assert_eq!(s.default_card, DefaultCard::Set);
    assert_eq!(s.default_expired, Known::No, "the default card's own expiry is 08/2030");
}

#[test]
fn the_default_card_expired() {
    let s = derive(
        &seen(&[("Expires 01/2024", &[12, 10, 1]), ("Default", &[13, 10, 1]), ("Expires 11/2029", &[22, 20, 1]), ("Set as default", &[23, 20, 1])]),
        TODAY,
    );
    assert_eq!(s.default_card, DefaultCard::Set);
    assert_eq!(s.default_expired, Known::Yes);
}

#[test]
fn this_month_is_not_expired() {
    let s = derive(&seen(&[("Expires 11/2026", &[12, 10]), ("Default", &[13, 10])]), TODAY);
    assert_eq!(s.default_expired, Known::No);
}

#[test]
fn cards_without_a_default_badge() {
    let s = derive(&seen(&[("Visa •••• 4242", &[11, 10]), ("Expires 08/2030", &[12, 10]), ("Set as default", &[13, 10])]), TODAY);
    assert_eq!(s.default_card, DefaultCard::Missing);
    assert_eq!(s.default_expired, Known::Unknown);
}

#[test]
fn two_expiries_equally_near_the_badge_is_unknown() {
    let s = derive(&seen(&[("Expires 01/2024", &[12, 10]), ("Expires 11/2029", &[13, 10]), ("Default", &[14, 10])]), TODAY);
    assert_eq!(s.default_expired, Known::Unknown);
}

#[test]
fn overview_with_auto_recharge_off_and_a_balance() {
    let s = derive(
        &seen(&[
            ("Pay as you go", &[30, 1]),
            ("Credit balance", &[31, 33, 1]),
            ("$0.00", &[32, 33, 1]),
            ("\u{1f}\u{1f}\u{1f}Auto recharge is off\u{1f}", &[34, 33, 1]),
            ("When your credit balance reaches $0, your API requests will stop working.", &[35, 33, 1]),
            ("Enable auto recharge", &[36, 33, 1]),
            ("$10.00", &[40, 41, 1]),
        ]),
        TODAY,
    );
    assert_eq!(s.auto_recharge, AutoRecharge::Off);
    assert_eq!(s.credit_balance_cents, Some(0), "the amount next to the label, not the invoice's");
    assert_eq!(s.default_card, DefaultCard::Unknown, "the overview lists no cards");
}

#[test]
fn auto_recharge_on() {
    let s = derive(&seen(&[("Auto recharge is on", &[34, 33])]), TODAY);
    assert_eq!(s.auto_recharge, AutoRecharge::On);
}

#[test]
fn a_status_text_outweighs_a_purchase_dialog_switch() {
    let mut facts = seen(&[("Auto recharge is off", &[34, 33]), ("Use auto-reload", &[50, 51])]);
    facts[1].checked = Some(true);
    assert_eq!(derive(&facts, TODAY).auto_recharge, AutoRecharge::Off);
    // Without a status text, the switch tells.
    let mut only = seen(&[("Use auto-reload", &[50, 51])]);
    only[0].checked = Some(false);
    assert_eq!(derive(&only, TODAY).auto_recharge, AutoRecharge::Off);
    only[0].checked = None;
    assert_eq!(derive(&only, TODAY).auto_recharge, AutoRecharge::Unknown);
}

#[test]
fn contradicting_statuses_are_unknown() {
    let s = derive(&seen(&[("Auto recharge is on", &[1]), ("Auto recharge is off", &[2])]), TODAY);
    assert_eq!(s.auto_recharge, AutoRecharge::Unknown);
}

#[test]
fn what_one_billing_page_showed_completes_another_for_a_day() {
    let payment_methods = derive(&seen(&[("Expires 08/2030", &[12, 10]), ("Set as default", &[13, 10])]), TODAY);
    let mem = Remembered::update(None, &payment_methods, 1_000.0).expect("something to remember");
    assert_eq!(mem.default_card, DefaultCard::Missing);
    assert_eq!(mem.auto_recharge, AutoRecharge::Unknown);

    let overview = derive(&seen(&[("Auto recharge is off", &[34, 33])]), TODAY);
    let now = 1_000.0 + 60.0;
    let merged = merge(overview, Some(&mem), now);
    assert_eq!(merged.default_card, DefaultCard::Missing);
    assert_eq!(merged.auto_recharge, AutoRecharge::Off);

    let later = merge(overview, Some(&mem), 1_000.0 + REMEMBER_SECS + 1.0);
    assert_eq!(later.default_card, DefaultCard::Unknown, "stale after a day");

    // The page itself always wins over memory.
    let set = derive(&seen(&[("Default", &[13, 10])]), TODAY);
    assert_eq!(merge(set, Some(&mem), now).default_card, DefaultCard::Set);

    // Nothing new read: nothing to write.
    let nothing = derive(&seen(&[("Pay as you go", &[1])]), TODAY);
    assert_eq!(Remembered::update(Some(mem), &nothing, now), None);
}

#[test]
fn memory_never_holds_card_details() {
    let s = derive(&seen(&[("Visa •••• 4242", &[11, 10]), ("Expires 08/2030", &[12, 10]), ("Default", &[13, 10])]), TODAY);
    let mem = Remembered::update(None, &s, 5.0).unwrap();
    let dump = format!("{mem:?}");
    assert!(!dump.contains("4242") && !dump.contains("2030"), "{dump}");
}

// Memory over time. The README promises: what one billing page showed is
// used on the others for 24 hours. Times in seconds, written out here rather
// than read from the code under test.
const HOUR: f64 = 3_600.0;

/// Payment methods showed no default card and Overview showed auto recharge
/// off, both read at `at`.
fn remembered_at(at: f64) -> Remembered {
    let pm = derive(&seen(&[("Expires 08/2030", &[12, 10]), ("Set as default", &[13, 10])]), TODAY);
    let mem = Remembered::update(None, &pm, at).unwrap();
    let ov = derive(&seen(&[("Auto recharge is off", &[34, 33])]), TODAY);
    Remembered::update(Some(mem), &ov, at).unwrap()
}

#[test]
fn both_remembered_facts_are_used_for_a_day_and_then_no_longer() {
    let mem = remembered_at(10_000.0);
    let blank = derive(&seen(&[("Pay as you go", &[1])]), TODAY);
    let within = merge(blank, Some(&mem), 10_000.0 + 23.0 * HOUR);
    assert_eq!((within.default_card, within.auto_recharge), (DefaultCard::Missing, AutoRecharge::Off));
    let after = merge(blank, Some(&mem), 10_000.0 + 25.0 * HOUR);
    assert_eq!(after.default_card, DefaultCard::Unknown, "the default card is stale after a day");
    assert_eq!(after.auto_recharge, AutoRecharge::Unknown, "auto recharge is stale after a day");
}

#[test]
fn facts_stamped_in_the_future_are_not_trusted() {
    // A clock set back, or a record written by hand: not evidence about now.
    let mem = remembered_at(10_000.0 + 2.0 * HOUR);
    let blank = derive(&seen(&[("Pay as you go", &[1])]), TODAY);
    let now = merge(blank, Some(&mem), 10_000.0);
    assert_eq!(now.default_card, DefaultCard::Unknown);
    assert_eq!(now.auto_recharge, AutoRecharge::Unknown);
}

#[test]
fn facts_seen_again_are_kept_fresh_without_a_write_on_every_look() {
    let mem = remembered_at(10_000.0);
    let pm = derive(&seen(&[("Expires 08/2030", &[12, 10]), ("Set as default", &[13, 10])]), TODAY);
    // Seen again an hour later, unchanged: no write needed yet.
    assert_eq!(Remembered::update(Some(mem), &pm, 10_000.0 + HOUR), None);
    // Seen again 20 hours later, unchanged: rewritten with the new time, so a
    // user who keeps visiting keeps the memory.
    let later = 10_000.0 + 20.0 * HOUR;
    let renewed = Remembered::update(Some(mem), &pm, later).expect("refreshed before it goes stale");
    assert_eq!(renewed.default_card, DefaultCard::Missing);
    assert_eq!(renewed.default_at, later);
    let blank = derive(&seen(&[("Pay as you go", &[1])]), TODAY);
    let next_day = merge(blank, Some(&renewed), later + 20.0 * HOUR);
    assert_eq!(next_day.default_card, DefaultCard::Missing, "still fresh 40 hours after the first look");
    assert_eq!(next_day.auto_recharge, AutoRecharge::Unknown, "auto recharge was not seen again");
}

// What was being paid for, from the action texts nearest the decline.
mod action {
    use decline_doctor::state::{action, BillingState, Seen};
    use decline_doctor::vocab::{Action, Fact, Known};

    fn text(a: Action, path: &[u32]) -> Seen {
        Seen { fact: Fact::Action(a), checked: None, path: path.to_vec() }
    }

    #[test]
    fn the_title_of_the_dialog_the_decline_stands_in_decides() {
        // <main 1> <button 2>Add to credit balance</button> ... <div dialog 10> <h2 11>Add payment details</h2> <p alert 12>
        let seen = [text(Action::TopUp, &[2, 1]), text(Action::AddCard, &[11, 10, 1])];
        assert_eq!(action(&seen, &[12, 10, 1], Action::Unknown, &BillingState::UNKNOWN), Action::AddCard);
        // No billing plan started: adding the card is the first purchase.
        let no_plan = BillingState { billing_plan: Known::No, ..BillingState::UNKNOWN };
        assert_eq!(action(&seen, &[12, 10, 1], Action::Unknown, &no_plan), Action::FirstPurchase);
        // Nothing on the page says: unknown.
        assert_eq!(action(&[], &[12, 10, 1], Action::Unknown, &BillingState::UNKNOWN), Action::Unknown);
    }

    #[test]
    fn a_route_that_names_the_action_decides() {
        // The customer portal's "Add payment method" changes the subscription's card.
        let seen = [text(Action::AddCard, &[11, 10, 1])];
        assert_eq!(action(&seen, &[12, 10, 1], Action::UpdateCard, &BillingState::UNKNOWN), Action::UpdateCard);
    }
}
