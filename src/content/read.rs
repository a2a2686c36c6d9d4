//! Reading the page: lines of visible text and a few structural facts.
//! Which tags continue a line and which are never read is data
//! (`src/knowledge/dom.toml`); this module only walks the DOM.
//!
//! Never read: form controls (`input`, `textarea`, `select`: card fields
//! above all), scripts and styles, embedded frames, SVG/MathML, editable
//! regions, and our own panel.

use super::bridge::node_kind;
use decline_doctor::text::{BREAK, PIECE};
use js_sys::{Map, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CharacterData, Element, Node};

use decline_doctor::knowledge::TOGGLE_SELECTOR;
use decline_doctor::limits::{MAX_BACKGROUND_DEPTH, MAX_INLINE_DEPTH, MAX_LINE_BYTES, MAX_LINE_NODES, MAX_TEXT_NODE};

/// What a node is to the reader (`bridge.js` matches the selector lists of
/// `src/knowledge/dom.toml`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An element whose content is never read.
    Skipped,
    /// An element whose text continues the surrounding line.
    Inline,
    /// An element that starts a line of its own.
    Block,
    Text,
    Other,
}

pub fn kind(node: &Node) -> Kind {
    match node_kind(node) {
        0 => Kind::Skipped,
        1 => Kind::Inline,
        2 => Kind::Block,
        3 => Kind::Text,
        _ => Kind::Other,
    }
}

/// Hands the element kinds (data) to the bridge, once.
pub fn init() {
    super::bridge::set_kinds(decline_doctor::knowledge::SKIP_SELECTOR, decline_doctor::knowledge::INLINE_SELECTOR);
}

/// The element whose line `node` belongs to: the nearest ancestor-or-self
/// that is not inline. `None` inside content that is never read, and past
/// [`MAX_INLINE_DEPTH`] inline ancestors.
pub fn line_of(node: &Node) -> Option<Element> {
    let mut el = match kind(node) {
        Kind::Text | Kind::Other => node.parent_element()?,
        _ => node.clone().unchecked_into::<Element>(),
    };
    for _ in 0..MAX_INLINE_DEPTH {
        match kind(&el) {
            Kind::Skipped => return None,
            Kind::Inline => match el.parent_element() {
                Some(p) => el = p,
                None => return Some(el),
            },
            _ => return Some(el),
        }
    }
    None
}

/// The lines near `el`: those within its ancestor three levels up (at most
/// 60 elements looked at), where a label's value sits.
pub fn lines_near(el: &Element) -> Vec<Element> {
    let mut top = el.clone();
    for _ in 0..3 {
        match top.parent_element() {
            Some(p) if p.tag_name() != "BODY" => top = p,
            _ => break,
        }
    }
    let mut out = Vec::new();
    let mut next = Some(top.clone());
    let mut seen = 0;
    while let Some(e) = next {
        seen += 1;
        if seen > 60 {
            break;
        }
        let k = kind(&e);
        let skipped = k == Kind::Skipped;
        if k == Kind::Block {
            out.push(e.clone());
        }
        next = if skipped { None } else { e.first_element_child() };
        if next.is_none() && e != top {
            next = following(&e, &top);
        }
    }
    out
}

/// The next element after `el`'s subtree, within `root` (pre-order).
fn following(el: &Element, root: &Element) -> Option<Element> {
    let mut cur = el.clone();
    loop {
        if let Some(s) = cur.next_element_sibling() {
            return Some(s);
        }
        let p = cur.parent_element()?;
        if p == *root {
            return None;
        }
        cur = p;
    }
}

/// The text of one line: its text nodes and inline elements, in order.
/// Inline element boundaries become [`PIECE`], nested blocks [`BREAK`].
/// Bounded (see `decline_doctor::limits`): at most [`MAX_LINE_BYTES`] and then one
/// more piece, at most [`MAX_LINE_NODES`] nodes; text nodes longer than
/// [`MAX_TEXT_NODE`] are not read.
pub fn line_text(line: &Element) -> String {
    let mut out = String::new();
    let mut node = line.first_child();
    let mut visited = 0;
    // Iterative walk (deeply nested inline markup must not exhaust the stack).
    while let Some(n) = node {
        visited += 1;
        if out.len() > MAX_LINE_BYTES || visited > MAX_LINE_NODES {
            break;
        }
        let mut descend = None;
        match kind(&n) {
            Kind::Text => {
                let t: &CharacterData = n.unchecked_ref();
                if t.length() > MAX_TEXT_NODE {
                    out.push(BREAK);
                } else {
                    out.push_str(&t.data());
                }
            }
            Kind::Inline => {
                out.push(PIECE);
                descend = n.first_child();
                if descend.is_none() {
                    out.push(PIECE);
                }
            }
            Kind::Block => out.push(BREAK),
            Kind::Skipped | Kind::Other => {}
        }
        node = match descend {
            Some(d) => Some(d),
            None => next_in_line(&n, line, &mut out),
        };
    }
    out
}

/// The next node after `n` inside `line`, closing inline elements on the way up.
fn next_in_line(n: &Node, line: &Element, out: &mut String) -> Option<Node> {
    let mut cur = n.clone();
    loop {
        if let Some(s) = cur.next_sibling() {
            return Some(s);
        }
        let p = cur.parent_node()?;
        if p == **line {
            return None;
        }
        out.push(PIECE);
        cur = p;
    }
}

/// Whether the user can see `el` (display, visibility, opacity), or is
/// about to: an element fading in is seen from its first frame (the
/// browser's `checkVisibility`, asked by the bridge).
pub fn visible(el: &Element) -> bool {
    super::bridge::visible(el)
}

pub fn closest(el: &Element, selector: &str) -> Option<Element> {
    el.closest(selector).ok().flatten()
}

/// The checked state of the switch that belongs to a toggle label: the one
/// switch in the label's line, or in the nearest of its ancestors that holds
/// exactly one.
pub fn toggle_state(label_line: &Element) -> Option<bool> {
    let mut el = Some(label_line.clone());
    for _ in 0..4 {
        let e = el?;
        let found = e.query_selector_all(TOGGLE_SELECTOR).ok()?;
        match found.length() {
            0 => el = e.parent_element(),
            1 => return checked(&found.get(0)?.unchecked_into()),
            _ => return None,
        }
    }
    None
}

fn checked(sw: &Element) -> Option<bool> {
    if let Some(v) = sw.get_attribute("aria-checked") {
        return Some(v == "true");
    }
    // A native checkbox (never any other input): its live state.
    Reflect::get(sw, &JsValue::from_str("checked")).ok()?.as_bool()
}

/// `el` and up to 11 ancestors as ids (shared through `ids` within one
/// evaluation), for the core to group facts by structure. (One call to the
/// bridge: walking up from here crossed into JS three times per ancestor.)
pub fn path(el: &Element, ids: &Map) -> Vec<u32> {
    super::bridge::path_ids(el, ids, PATH_DEPTH)
}

/// How many elements a [`path`] holds: `el` and its ancestors.
const PATH_DEPTH: u32 = 12;

/// Computed background colours from `el` up to the root, read as the core
/// asks for them, and the root's `color-scheme`, for the core to decide
/// light or dark.
pub fn backgrounds(el: &Element) -> (impl Iterator<Item = String>, impl FnOnce() -> String) {
    let style = |e: &Element, prop: &str| -> String {
        web_sys::window()
            .and_then(|w| w.get_computed_style(e).ok().flatten())
            .and_then(|s| s.get_property_value(prop).ok())
            .unwrap_or_default()
    };
    let colors = std::iter::successors(Some(el.clone()), |e| e.parent_element())
        .take(MAX_BACKGROUND_DEPTH as usize)
        .map(move |e| style(&e, "background-color"));
    let doc = el.owner_document();
    let scheme = move || doc.and_then(|d| d.document_element()).map(|r| style(&r, "color-scheme")).unwrap_or_default();
    (colors, scheme)
}
