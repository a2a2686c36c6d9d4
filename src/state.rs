//! The billing state the page shows, derived from page facts, and what is
//! remembered of it between billing pages.

use crate::vocab::{Action, AutoRecharge, DefaultCard, Fact, Known, YearMonth};
use serde::{Deserialize, Serialize};

/// What the billing pages say about the account.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct BillingState {
    pub default_card: DefaultCard,
    pub auto_recharge: AutoRecharge,
    pub default_expired: Known,
    /// Every card listed has expired (read when no card is the default).
    pub cards_expired: Known,
    /// A billing plan was started ("You have not started a billing plan yet": no).
    pub billing_plan: Known,
    /// The API credit balance in cents, when the page shows it.
    pub credit_balance_cents: Option<i64>,
}

impl BillingState {
    pub const UNKNOWN: BillingState = BillingState {
        default_card: DefaultCard::Unknown,
        auto_recharge: AutoRecharge::Unknown,
        default_expired: Known::Unknown,
        cards_expired: Known::Unknown,
        billing_plan: Known::Unknown,
        credit_balance_cents: None,
    };
}

/// A fact the shell saw, where it saw it: `path[0]` identifies the line
/// element, `path[1..]` its ancestors, nearest first (ids are only
/// meaningful within one call).
#[derive(Clone, Debug, PartialEq)]
pub struct Seen {
    pub fact: Fact,
    /// For a toggle label: the checked state of its switch, if one was found.
    pub checked: Option<bool>,
    pub path: Vec<u32>,
}

/// Steps between two elements through their nearest common ancestor, or
/// `None` when the paths do not meet.
fn distance(a: &[u32], b: &[u32]) -> Option<usize> {
    a.iter()
        .enumerate()
        .filter_map(|(i, x)| b.iter().position(|y| y == x).map(|j| i + j))
        .min()
}

/// The value of the fact nearest to `from` among `candidates`, if exactly one
/// value is nearest (two different values at the same distance: unknown).
fn nearest<'a, T: Copy + PartialEq>(from: &Seen, candidates: impl Iterator<Item = (T, &'a Seen)>) -> Option<T> {
    let mut best: Option<(usize, T, bool)> = None;
    for (value, seen) in candidates {
        let Some(d) = distance(&from.path, &seen.path) else { continue };
        best = match best {
            Some((bd, bv, unique)) if d == bd => Some((bd, bv, unique && bv == value)),
            Some((bd, ..)) if d > bd => best,
            _ => Some((d, value, true)),
        };
    }
    best.and_then(|(_, v, unique)| unique.then_some(v))
}

/// Derives the billing state from the facts on one page.
pub fn derive(seen: &[Seen], today: YearMonth) -> BillingState {
    let mut state = BillingState::UNKNOWN;

    // Auto recharge: a status text says what is configured; a switch only
    // counts where no status text is shown (a purchase dialog's "Use
    // auto-reload" box is an intention, not the setting).
    let status = seen.iter().filter_map(|s| match s.fact {
        Fact::AutoRecharge(on) => Some(on),
        _ => None,
    });
    let toggles = seen.iter().filter_map(|s| match s.fact {
        Fact::AutoRechargeToggle => s.checked,
        _ => None,
    });
    state.auto_recharge = agree(status).or_else(|| agree(toggles)).map_or(AutoRecharge::Unknown, |on| {
        if on {
            AutoRecharge::On
        } else {
            AutoRecharge::Off
        }
    });

    // Default card: the badge; or cards listed without one.
    let badge = seen.iter().find(|s| s.fact == Fact::DefaultBadge);
    let expiries = || {
        seen.iter().filter_map(|s| match s.fact {
            Fact::Expiry(ym) => Some((ym, s)),
            _ => None,
        })
    };
    let cards_listed = seen.iter().any(|s| s.fact == Fact::SetAsDefault) || expiries().next().is_some();
    state.default_card = match (badge, cards_listed) {
        (Some(_), _) => DefaultCard::Set,
        (None, true) => DefaultCard::Missing,
        (None, false) => DefaultCard::Unknown,
    };
    if let Some(badge) = badge {
        state.default_expired = match nearest(badge, expiries()) {
            Some(exp) if exp < today => Known::Yes,
            Some(_) => Known::No,
            None => Known::Unknown,
        };
    } else if expiries().next().is_some() {
        // No default: making a card the default only helps if one is valid.
        state.cards_expired = if expiries().all(|(exp, _)| exp < today) { Known::Yes } else { Known::No };
    }
    if seen.iter().any(|s| s.fact == Fact::NoBillingPlan) {
        state.billing_plan = Known::No;
    }

    // Credit balance: given with its label, or the amount nearest the label.
    for s in seen {
        match s.fact {
            Fact::CreditBalance(Some(cents)) => state.credit_balance_cents = Some(cents),
            Fact::CreditBalance(None) if state.credit_balance_cents.is_none() => {
                let amounts = seen.iter().filter_map(|a| match a.fact {
                    Fact::Amount(c) => Some((c, a)),
                    _ => None,
                });
                state.credit_balance_cents = nearest(s, amounts);
            }
            _ => {}
        }
    }
    state
}

/// What the decline at `decline` (its element's path, like [`Seen::path`])
/// is about. A route that names it decides (a checkout is a subscription,
/// the customer portal changes its card, whatever its buttons say);
/// elsewhere the action text nearest to the decline on the page (the title
/// of the dialog it stands in). Adding a card to an account that has not
/// started a billing plan is its first purchase.
pub fn action(seen: &[Seen], decline: &[u32], route: Action, state: &BillingState) -> Action {
    let from = Seen { fact: Fact::Success, checked: None, path: decline.to_vec() };
    let texts = seen.iter().filter_map(|s| match s.fact {
        Fact::Action(a) => Some((a, s)),
        _ => None,
    });
    let decided = if route == Action::Unknown { nearest(&from, texts).unwrap_or(Action::Unknown) } else { route };
    match decided {
        Action::AddCard if state.billing_plan == Known::No => Action::FirstPurchase,
        a => a,
    }
}

/// `Some(v)` when every item is `v`; `None` when there are none or they differ.
fn agree(mut it: impl Iterator<Item = bool>) -> Option<bool> {
    let first = it.next()?;
    it.all(|x| x == first).then_some(first)
}

/// What is kept between billing pages of one system: flags only, never
/// anything about the card itself (storage.local, one key per system). Each
/// fact carries the time it was read (seconds since the epoch: nothing the
/// extension stores is a run of 12 or more digits). The content script
/// writes it field by field (see `shell`), the popup reads it with serde: the
/// names here are the stored ones.
#[derive(Clone, Copy, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Remembered {
    pub default_card: DefaultCard,
    pub default_expired: Known,
    pub default_at: f64,
    pub auto_recharge: AutoRecharge,
    pub auto_at: f64,
}

/// Remembered facts older than this (seconds) are not used.
pub const REMEMBER_SECS: f64 = 24.0 * 60.0 * 60.0;

fn fresh(at: f64, now: f64) -> bool {
    at <= now && now - at < REMEMBER_SECS
}

impl Remembered {
    pub const NOTHING: Remembered = Remembered {
        default_card: DefaultCard::Unknown,
        default_expired: Known::Unknown,
        default_at: 0.0,
        auto_recharge: AutoRecharge::Unknown,
        auto_at: 0.0,
    };

    /// What to store after reading `live` at `now` (seconds), or `None` when
    /// the page showed nothing new (no write needed).
    pub fn update(old: Option<Remembered>, live: &BillingState, now: f64) -> Option<Remembered> {
        let old = old.unwrap_or(Remembered::NOTHING);
        let mut r = old;
        if live.default_card != DefaultCard::Unknown {
            r.default_card = live.default_card;
            r.default_expired = live.default_expired;
            r.default_at = now;
        }
        if live.auto_recharge != AutoRecharge::Unknown {
            r.auto_recharge = live.auto_recharge;
            r.auto_at = now;
        }
        let same_facts = r.default_card == old.default_card
            && r.default_expired == old.default_expired
            && r.auto_recharge == old.auto_recharge;
        // Rewrite unchanged facts only to keep them from going stale.
        let stale_soon = |at: f64| now - at > REMEMBER_SECS / 2.0;
        let refresh = (r.default_at != old.default_at && stale_soon(old.default_at))
            || (r.auto_at != old.auto_at && stale_soon(old.auto_at));
        (!same_facts || refresh).then_some(r)
    }
}

/// The state to act on: what this page shows, completed by fresh memory from
/// another page of the same system (`now` in seconds).
pub fn merge(live: BillingState, remembered: Option<&Remembered>, now: f64) -> BillingState {
    let Some(r) = remembered else { return live };
    let mut s = live;
    if s.default_card == DefaultCard::Unknown && fresh(r.default_at, now) {
        s.default_card = r.default_card;
        s.default_expired = r.default_expired;
    }
    if s.auto_recharge == AutoRecharge::Unknown && fresh(r.auto_at, now) {
        s.auto_recharge = r.auto_recharge;
    }
    s
}
