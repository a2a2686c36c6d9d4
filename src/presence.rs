//! When the panel shows: while a decline is on the page, unless the user
//! dismissed it; a dismissed panel comes back only for a new decline (after
//! the old one went away, or with another reason). A decline shown in a
//! toast fades by itself, so its panel is held until dismissed.

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
}

#[derive(Default, Debug)]
pub struct Presence {
    present: Option<Detected>,
    dismissed: bool,
    held: Option<Detected>,
}

impl Presence {
    /// Called after every look at the page with the decline on it, if any.
    pub fn update(&mut self, current: Option<Detected>) -> Option<Shown> {
        match current {
            Some(d) => {
                let new = self.present.is_none_or(|p| p.reason != d.reason);
                if new {
                    self.dismissed = false;
                }
                self.present = Some(d);
                self.held = d.toast.then_some(d);
                (!self.dismissed).then_some(Shown { detected: d, held: false })
            }
            None => {
                self.present = None;
                match self.held {
                    Some(d) if !self.dismissed => Some(Shown { detected: d, held: true }),
                    _ => None,
                }
            }
        }
    }

    /// The user closed the panel.
    pub fn dismiss(&mut self) {
        self.dismissed = true;
        self.held = None;
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
        assert!(p.update(Some(ERR)).is_some());
        assert!(p.update(Some(ERR)).is_some());
        assert_eq!(p.update(None), None);
    }

    #[test]
    fn dismissed_stays_dismissed_until_a_new_error() {
        let mut p = Presence::default();
        p.update(Some(ERR));
        p.dismiss();
        assert_eq!(p.update(Some(ERR)), None, "same error, still on the page");
        assert_eq!(p.update(None), None);
        assert!(p.update(Some(ERR)).is_some(), "it went away and came back: a new error");
    }

    #[test]
    fn dismissed_comes_back_for_a_different_reason_while_the_first_is_on_the_page() {
        let mut p = Presence::default();
        p.update(Some(ERR));
        p.dismiss();
        assert_eq!(p.update(Some(ERR)), None);
        let cvc = Detected { reason: Reason::IncorrectCvc, ..ERR };
        assert_eq!(p.update(Some(cvc)), Some(Shown { detected: cvc, held: false }), "another reason is news");
    }

    #[test]
    fn a_toast_is_held_after_it_fades() {
        let mut p = Presence::default();
        p.update(Some(TOAST));
        assert_eq!(p.update(None), Some(Shown { detected: TOAST, held: true }));
        assert_eq!(p.update(None), Some(Shown { detected: TOAST, held: true }));
        p.dismiss();
        assert_eq!(p.update(None), None);
    }
}
