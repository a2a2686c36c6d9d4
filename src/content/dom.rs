//! The session's questions about the page ([`decline_doctor::session::Page`]),
//! answered from the DOM. Measures and reads; decides nothing.

use super::panel::Panel;
use super::read;
use decline_doctor::knowledge::{CONTROL_SELECTOR, ERROR_SPOT_SELECTOR, GROUP_SELECTOR, MODAL_SELECTOR, TOAST_SELECTOR};
use decline_doctor::place::Rect;
use decline_doctor::scheme::is_dark;
use decline_doctor::session::Page;
use decline_doctor::vocab::YearMonth;
use js_sys::{Date, Map};
use web_sys::{Document, Element};

/// The page, for one call into the session.
pub struct Dom<'a> {
    pub doc: &'a Document,
    pub panel: Option<&'a Panel>,
    /// Element ids of [`read::path`], shared within the call (made on first use).
    ids: Option<Map>,
}

impl<'a> Dom<'a> {
    pub fn new(doc: &'a Document, panel: Option<&'a Panel>) -> Self {
        Dom { doc, panel, ids: None }
    }
}

/// Seconds since the epoch (what storage keeps: no 13-digit millisecond runs).
pub fn now_secs() -> f64 {
    (Date::now() / 1000.0).floor()
}

fn rect(e: &Element) -> Rect {
    let r = e.get_bounding_client_rect();
    Rect { x: r.x(), y: r.y(), w: r.width(), h: r.height() }
}

impl Page<Element> for Dom<'_> {
    fn now(&self) -> f64 {
        now_secs()
    }
    fn today(&self) -> YearMonth {
        let date = Date::new_0();
        YearMonth { year: date.get_full_year() as u16, month: date.get_month() as u8 + 1 }
    }
    fn connected(&self, e: &Element) -> bool {
        e.is_connected()
    }
    fn visible(&self, e: &Element) -> bool {
        read::visible(e)
    }
    fn in_error_spot(&self, e: &Element) -> bool {
        read::closest(e, ERROR_SPOT_SELECTOR).is_some()
    }
    fn in_dialog(&self, e: &Element) -> bool {
        read::closest(e, MODAL_SELECTOR).is_some()
    }
    fn in_toast(&self, e: &Element) -> bool {
        read::closest(e, TOAST_SELECTOR).is_some()
    }
    fn toggle(&self, e: &Element) -> Option<bool> {
        read::toggle_state(e)
    }
    fn path(&mut self, e: &Element) -> Vec<u32> {
        read::path(e, self.ids.get_or_insert_with(Map::new))
    }
    fn lines_near(&self, e: &Element) -> Vec<Element> {
        read::lines_near(e)
    }
    fn text(&self, e: &Element) -> String {
        read::line_text(e)
    }
    fn dark(&self, e: Option<&Element>) -> bool {
        let probe = e.cloned().or_else(|| self.doc.body().map(Into::into));
        probe.is_some_and(|p| {
            let (colors, scheme) = read::backgrounds(&p);
            is_dark(colors, scheme)
        })
    }
    fn view(&self) -> (f64, f64) {
        self.doc.document_element().map_or((0.0, 0.0), |r| (r.client_width() as f64, r.client_height() as f64))
    }
    fn rect(&self, e: &Element) -> Rect {
        rect(e)
    }
    fn dialog_rect(&self, e: &Element) -> Option<Rect> {
        read::closest(e, MODAL_SELECTOR).map(|m| rect(&m))
    }
    fn controls(&self, within_dialog_of: Option<&Element>, max: u32) -> Vec<Rect> {
        let found = match within_dialog_of.and_then(|e| read::closest(e, MODAL_SELECTOR)) {
            Some(m) => m.query_selector_all(CONTROL_SELECTOR),
            None => self.doc.query_selector_all(CONTROL_SELECTOR),
        };
        let Ok(found) = found else { return Vec::new() };
        (0..found.length().min(max)).filter_map(|i| found.get(i)).map(|c| rect(&wasm_bindgen::JsCast::unchecked_into(c))).collect()
    }
    fn group(&self, e: &Element) -> Option<Element> {
        read::closest(e, GROUP_SELECTOR)
    }
    fn find_text(&self, within: &Element, folded: &str) -> Option<Element> {
        super::bridge::find_text(within, folded)
    }
    fn panel_size(&self) -> (f64, f64) {
        self.panel.map_or((0.0, 0.0), Panel::size)
    }
}
