//! Bindings to `src/content/bridge.js`: the guard around every
//! callback into Rust, and the extension APIs web-sys does not cover.

use js_sys::Function;
use wasm_bindgen::prelude::*;
use web_sys::EventTarget;

#[wasm_bindgen(module = "/bridge.js")]
extern "C" {
    /// `f`, wrapped: an exception (a Rust panic traps) stops the extension
    /// on this page, logged once; a stopped or orphaned instance is never
    /// called again.
    pub fn guard(f: &Function) -> Function;
    /// On stop, call `target[method]()`.
    #[wasm_bindgen(js_name = undoOnStop)]
    pub fn undo_on_stop(target: &JsValue, method: &str);
    /// A guarded passive listener, removed on stop.
    pub fn listen(target: &EventTarget, kind: &str, f: &Function, capture: bool);
    /// Calls `f` with the storage.local value for `key` (or null).
    #[wasm_bindgen(js_name = storageGet)]
    pub fn storage_get(key: &str, f: &Function);
    #[wasm_bindgen(js_name = storageSet)]
    pub fn storage_set(key: &str, value: &JsValue);
    /// A message to the background (badge).
    pub fn notify(message: &JsValue);
    /// Calls `f` with `{ key: newValue }` when storage.local changes.
    #[wasm_bindgen(js_name = onStorage)]
    pub fn on_storage(f: &Function);
    /// Hands over the selector lists of elements never read and inline elements.
    #[wasm_bindgen(js_name = setKinds)]
    pub fn set_kinds(skip: &str, inline: &str);
    /// 0: never read, 1: inline element, 2: block, 3: text, 4: other.
    #[wasm_bindgen(js_name = nodeKind)]
    pub fn node_kind(node: &JsValue) -> u8;
    /// `el` and its ancestors, at most `max`, as ids: each element's value
    /// in `ids`, given the next id (`ids.size`) when it has none yet.
    #[wasm_bindgen(js_name = pathIds)]
    pub fn path_ids(el: &web_sys::Element, ids: &js_sys::Map, max: u32) -> Vec<u32>;
    /// Whether the user can see `el` (display, visibility, opacity), or is
    /// about to (it, or an ancestor, is fading in).
    pub fn visible(el: &web_sys::Element) -> bool;
    /// Renders the panel's content into `root` from its flat view model; returns the `<aside>`.
    #[wasm_bindgen(js_name = renderPanel)]
    pub fn render_panel(root: &web_sys::ShadowRoot, css: &str, parts: &js_sys::Array) -> web_sys::Element;
    /// Renders the short "that worked" message into `root`; returns the `<aside>`.
    #[wasm_bindgen(js_name = renderResolved)]
    pub fn render_resolved(root: &web_sys::ShadowRoot, css: &str, label: &str, message: &str, dismiss: &str) -> web_sys::Element;
    /// Places the panel's `<aside>` at (x, y) CSS pixels (rounded).
    #[wasm_bindgen(js_name = moveTo)]
    pub fn move_to(aside: &web_sys::Element, x: f64, y: f64);
    /// "Why?" of step `id`: shows or hides its reason and sources.
    #[wasm_bindgen(js_name = toggleWhy)]
    pub fn toggle_why(root: &web_sys::ShadowRoot, id: &str);
    /// "All N steps" / "Fewer steps".
    #[wasm_bindgen(js_name = toggleSteps)]
    pub fn toggle_steps(root: &web_sys::ShadowRoot);
    /// Scrolls the first of `targets` into view and outlines each (from the
    /// shadow root) for `ms`.
    #[wasm_bindgen(js_name = showOutline)]
    pub fn show_outline(root: &web_sys::ShadowRoot, targets: &js_sys::Array, ms: u32);
    /// Moves the outline to where its control is now (a function with no
    /// argument would be imported from the snippet itself, which the
    /// inlined build does not ship: hence `root`).
    #[wasm_bindgen(js_name = drawOutline)]
    pub fn draw_outline(root: &web_sys::ShadowRoot);
    /// The innermost element in `within` whose whole text, folded, is `folded`.
    #[wasm_bindgen(js_name = findText)]
    pub fn find_text(within: &web_sys::Element, folded: &str) -> Option<web_sys::Element>;
    /// Calls `f` once `target` is laid out (after layout, before paint), and
    /// whenever its size changes.
    #[wasm_bindgen(js_name = whenLaidOut)]
    pub fn when_laid_out(target: &web_sys::Element, f: &Function);
    /// Calls `f` once, after the frame being prepared is painted, and
    /// within 100 ms in any case (a hidden page paints nothing).
    #[wasm_bindgen(js_name = afterPaint)]
    pub fn after_paint(f: &Function);
    /// Calls `f` once, when the page is next idle (within 200 ms in any case).
    #[wasm_bindgen(js_name = whenIdle)]
    pub fn when_idle(f: &Function);
    /// Styles the rehearsed panel once, unseen, and takes it out again.
    #[wasm_bindgen(js_name = rehearseStyle)]
    pub fn rehearse_style(host: &web_sys::HtmlElement, doc: &web_sys::Document);
    /// Answers the popup's report request with `f()`.
    #[wasm_bindgen(js_name = onReport)]
    pub fn on_report(f: &Function);
}
