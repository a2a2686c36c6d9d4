//! When the panel shows: while a decline is on the page, unless the user
//! dismissed it; a dismissed panel comes back only for a new decline (after
//! the old one went away, or with another reason). A decline shown in a
//! toast fades by itself, so its panel is held until dismissed. When the page
//! then says the payment went through, the panel says it worked, for
//! [`RESOLVED_MS`], and goes.

use crate::knowledge::{Lang, Reason};

/// The decline currently on the page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Detected {
    pub reason: Reason,
    pub lang: Lang,
    pub toast: bool,
}

/// What to show now.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Shown {
    pub detected: Detected,
    /// The toast that carried it is gone; the panel stays pinned.
    pub held: bool,
    /// The payment went through after this decline: say so, then go.
    pub resolved: bool,
}

/// How long the panel says "that worked" before it goes (milliseconds).
pub const RESOLVED_MS: u32 = 4000;

#[derive(Default, Debug)]
pub struct Presence {
    present: Option<Detected>,
    dismissed: bool,
    held: Option<Detected>,
    /// The decline the panel last showed, until a success resolves it or the
    /// user dismisses it.
    shown: Option<Detected>,
    /// Resolved by a success, until [`Presence::finish`].
    resolved: Option<Detected>,
    /// The user is working with the panel: it stays when the error goes (a
    /// click in it may close the page's dialog, and the steps are still needed).
    pinned: bool,
}

impl Presence {
    /// Called after every look at the page with the decline on it, if any,
    /// and whether the page says a payment went through.
    pub fn update(&mut self, current: Option<Detected>, success: bool) -> Option<Shown> {
        if success {
            if let Some(d) = self.shown.take() {
                // The page says it worked: whatever it still shows of the decline is past.
                self.resolved = Some(d);
                self.present = current;
                self.held = None;
            }
        }
        if let Some(d) = self.resolved {
            if current.is_none_or(|c| Some(c) == self.present) {
                return Some(Shown { detected: d, held: true, resolved: true });
            }
            // A new decline after the success: that is news.
            self.resolved = None;
        }
        let shown = self.decline(current);
        // The last decline shown stays the one a later success resolves (the
        // error usually goes while the retry is processed).
        if let Some(s) = shown {
            self.shown = Some(s.detected);
        }
        shown
    }

    /// The "that worked" message has been shown long enough.
    pub fn finish(&mut self) {
        self.resolved = None;
    }

    fn decline(&mut self, current: Option<Detected>) -> Option<Shown> {
        match current {
            Some(d) => {
                let new = self.present.is_none_or(|p| p.reason != d.reason);
                if new {
                    self.dismissed = false;
                }
                if new {
                    self.pinned = false;
                }
                self.present = Some(d);
                self.held = (d.toast || self.pinned).then_some(d);
                (!self.dismissed).then_some(Shown { detected: d, held: false, resolved: false })
            }
            None => {
                self.present = None;
                match self.held {
                    Some(d) if !self.dismissed => Some(Shown { detected: d, held: true, resolved: false }),
                    _ => None,
                }
            }
        }
    }

    /// The page moved to another billing page of the same system while the
    /// user was working with the panel (a step said to go there): the panel
    /// stays, held, with the decline it showed. Answers whether it does.
    pub fn carry(&mut self) -> bool {
        let Some(d) = self.shown.filter(|_| self.pinned && !self.dismissed && self.resolved.is_none()) else {
            return false;
        };
        self.present = None;
        self.held = Some(d);
        true
    }

    /// The user clicked or typed in the panel.
    pub fn interact(&mut self) {
        self.pinned = true;
        if let Some(d) = self.present {
            self.held = Some(d);
        }
    }

    /// The user closed the panel.
    pub fn dismiss(&mut self) {
        self.dismissed = true;
        self.held = None;
        self.shown = None;
        self.resolved = None;
        self.pinned = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ERR: Detected = Detected { reason: Reason::GenericDecline, lang: Lang::En, toast: false };
    const TOAST: Detected = Detected { toast: true, ..ERR };

    #[test]
    fn shows_while_present_and_goes_with_the_error() {
        let mut p = Presence::default();
        assert!(p.update(Some(ERR), false).is_some());
        assert!(p.update(Some(ERR), false).is_some());
        assert_eq!(p.update(None, false), None);
    }

    #[test]
    fn dismissed_stays_dismissed_until_a_new_error() {
        let mut p = Presence::default();
        p.update(Some(ERR), false);
        p.dismiss();
        assert_eq!(p.update(Some(ERR), false), None, "same error, still on the page");
        assert_eq!(p.update(None, false), None);
        assert!(p.update(Some(ERR), false).is_some(), "it went away and came back: a new error");
    }

    #[test]
    fn dismissed_comes_back_for_a_different_reason_while_the_first_is_on_the_page() {
        let mut p = Presence::default();
        p.update(Some(ERR), false);
        p.dismiss();
        assert_eq!(p.update(Some(ERR), false), None);
        let cvc = Detected { reason: Reason::IncorrectCvc, ..ERR };
        assert_eq!(p.update(Some(cvc), false), Some(Shown { detected: cvc, held: false, resolved: false }), "another reason is news");
    }

    #[test]
    fn a_toast_is_held_after_it_fades() {
        let mut p = Presence::default();
        p.update(Some(TOAST), false);
        assert_eq!(p.update(None, false), Some(Shown { detected: TOAST, held: true, resolved: false }));
        assert_eq!(p.update(None, false), Some(Shown { detected: TOAST, held: true, resolved: false }));
        p.dismiss();
        assert_eq!(p.update(None, false), None);
    }

    #[test]
    fn a_success_after_a_decline_says_it_worked_then_goes() {
        let mut p = Presence::default();
        p.update(Some(ERR), false);
        // The dialog closed, the toast says "Payment successful".
        assert_eq!(p.update(None, true), Some(Shown { detected: ERR, held: true, resolved: true }));
        assert_eq!(p.update(None, true), Some(Shown { detected: ERR, held: true, resolved: true }), "until finished");
        p.finish();
        assert_eq!(p.update(None, true), None, "the same success says nothing more");
        assert!(p.update(Some(ERR), false).is_some_and(|s| !s.resolved), "a new decline is news again");
    }

    #[test]
    fn a_success_without_a_decline_before_it_or_after_a_dismissal_shows_nothing() {
        let mut p = Presence::default();
        assert_eq!(p.update(None, true), None);
        p.update(Some(ERR), false);
        p.dismiss();
        assert_eq!(p.update(None, true), None);
    }

    #[test]
    fn a_panel_in_use_stays_when_the_error_goes() {
        // A click in the panel can close the page's dialog (and its error):
        // the steps are still what the user is reading.
        let mut p = Presence::default();
        p.update(Some(ERR), false);
        p.interact();
        assert_eq!(p.update(None, false), Some(Shown { detected: ERR, held: true, resolved: false }));
        p.dismiss();
        assert_eq!(p.update(None, false), None);
        // Without the interaction, the panel goes with the error.
        p.update(Some(ERR), false);
        assert_eq!(p.update(None, false), None);
    }

    #[test]
    fn a_success_after_the_error_went_away_still_resolves_it() {
        // The retry clears the error while it is processed; then the page says it worked.
        let mut p = Presence::default();
        p.update(Some(ERR), false);
        assert_eq!(p.update(None, false), None);
        assert_eq!(p.update(None, true), Some(Shown { detected: ERR, held: true, resolved: true }));
    }
}
