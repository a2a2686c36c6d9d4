//! Where the panel goes: next to the error (or in a corner when the error is
//! in a modal), inside the viewport, never over the page's own controls when
//! any free spot exists.

/// A rectangle in viewport coordinates (CSS pixels).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    fn overlap(&self, o: &Rect) -> f64 {
        let w = self.right().min(o.right()) - self.x.max(o.x);
        let h = self.bottom().min(o.bottom()) - self.y.max(o.y);
        if w > 0.0 && h > 0.0 {
            w * h
        } else {
            0.0
        }
    }
}

/// Gap between the panel and what it sits next to, and to the viewport edge.
pub const GAP: f64 = 12.0;

/// What the panel is placed against.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Anchor {
    /// Next to the error element.
    Beside(Rect),
    /// In a corner, clear of this box (the modal holding the error).
    Corner(Rect),
}

/// The panel's top-left corner for a panel of `size` (w, h) in a viewport of
/// `view` (w, h). Candidate spots are tried in order of preference; the first
/// that covers nothing in `avoid` (nor the anchor) wins, else the one that
/// covers least, counting the anchor ten times.
pub fn place(size: (f64, f64), view: (f64, f64), anchor: Anchor, avoid: &[Rect]) -> (f64, f64) {
    let (w, h) = size;
    let (vw, vh) = view;
    let clamp = |x: f64, y: f64| -> (f64, f64) {
        (x.min(vw - w - GAP).max(GAP.min(vw - w).max(0.0)), y.min(vh - h - GAP).max(GAP.min(vh - h).max(0.0)))
    };
    let corners = [
        (vw - w - GAP, vh - h - GAP), // bottom right
        (GAP, vh - h - GAP),          // bottom left
        (vw - w - GAP, GAP),          // top right
        (GAP, GAP),                   // top left
    ];
    let (keep_clear, spots): (Rect, Vec<(f64, f64)>) = match anchor {
        Anchor::Beside(a) => {
            let mut s = vec![
                (a.x, a.bottom() + GAP),  // below, left-aligned
                (a.x, a.y - h - GAP),     // above
                (a.right() + GAP, a.y),   // right
                (a.x - w - GAP, a.y),     // left
            ];
            s.extend(corners);
            (a, s)
        }
        Anchor::Corner(m) => (m, corners.to_vec()),
    };
    let mut best = (f64::INFINITY, clamp(corners[0].0, corners[0].1));
    for (x, y) in spots {
        let (x, y) = clamp(x, y);
        let r = Rect { x, y, w, h };
        let cost = r.overlap(&keep_clear) * 10.0 + avoid.iter().map(|o| r.overlap(o)).sum::<f64>();
        if cost == 0.0 {
            return (x, y);
        }
        if cost < best.0 {
            best = (cost, (x, y));
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: (f64, f64) = (1280.0, 800.0);
    const PANEL: (f64, f64) = (360.0, 300.0);

    fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn below_the_error_when_there_is_room() {
        let err = rect(100.0, 100.0, 300.0, 20.0);
        assert_eq!(place(PANEL, VIEW, Anchor::Beside(err), &[]), (100.0, 132.0));
    }

    #[test]
    fn not_over_the_button_below_the_error() {
        let err = rect(100.0, 100.0, 300.0, 20.0);
        let button = rect(100.0, 140.0, 120.0, 36.0);
        let (x, y) = place(PANEL, VIEW, Anchor::Beside(err), &[button]);
        let r = rect(x, y, PANEL.0, PANEL.1);
        assert_eq!(r.overlap(&button), 0.0);
        assert_eq!(r.overlap(&err), 0.0);
    }

    #[test]
    fn above_when_the_error_is_at_the_bottom() {
        let err = rect(100.0, 700.0, 300.0, 20.0);
        let (_, y) = place(PANEL, VIEW, Anchor::Beside(err), &[]);
        assert_eq!(y, 700.0 - 300.0 - GAP);
    }

    #[test]
    fn a_modal_error_goes_to_a_corner_clear_of_the_modal() {
        let modal = rect(390.0, 150.0, 500.0, 500.0);
        let (x, y) = place(PANEL, VIEW, Anchor::Corner(modal), &[]);
        assert_eq!((x, y), (1280.0 - 360.0 - GAP, 800.0 - 300.0 - GAP));
        assert_eq!(rect(x, y, PANEL.0, PANEL.1).overlap(&modal), 0.0);
    }

    #[test]
    fn a_modal_too_wide_for_a_clear_corner_is_covered_least() {
        let modal = rect(200.0, 100.0, 880.0, 600.0);
        let (x, y) = place(PANEL, VIEW, Anchor::Corner(modal), &[]);
        let covered = rect(x, y, PANEL.0, PANEL.1).overlap(&modal);
        for (cx, cy) in [(GAP, GAP), (GAP, 800.0 - 300.0 - GAP), (1280.0 - 360.0 - GAP, GAP)] {
            assert!(covered <= rect(cx, cy, PANEL.0, PANEL.1).overlap(&modal));
        }
    }

    #[test]
    fn stays_inside_a_small_viewport() {
        let err = rect(0.0, 0.0, 50.0, 20.0);
        let (x, y) = place(PANEL, (320.0, 240.0), Anchor::Beside(err), &[]);
        assert!(x >= 0.0 && y >= 0.0, "{x} {y}");
    }
}
