//! The panel: one `<decline-doctor>` host in the top document with a closed
//! shadow root. Renders a [`PanelModel`] (text nodes only: nothing is parsed
//! as HTML) and moves the host where the core says.

use crate::plan::PanelModel;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// `extension/content/panel.css`, minified by `build.rs`.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/panel.min.css"));

pub struct Panel {
    pub host: HtmlElement,
    root: ShadowRoot,
    /// The `<aside>`, measured for placement.
    body: Option<Element>,
}

fn el(doc: &Document, tag: &str, class: &str, text: &str) -> Element {
    let e = doc.create_element(tag).unwrap();
    if !class.is_empty() {
        e.set_attribute("class", class).unwrap();
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    e
}

impl Panel {
    pub fn new(doc: &Document) -> Panel {
        let host: HtmlElement = doc.create_element("decline-doctor").unwrap().unchecked_into();
        let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed)).unwrap();
        Panel { host, root, body: None }
    }

    /// The shadow root (listeners are delegated here).
    pub fn root(&self) -> &ShadowRoot {
        &self.root
    }

    /// Replaces the content with `m`.
    pub fn render(&mut self, doc: &Document, m: &PanelModel, quote: &str) {
        self.root.set_text_content(None);
        let style = el(doc, "style", "", CSS);
        let _ = self.root.append_child(&style);

        let aside = el(doc, "aside", "", "");
        let _ = aside.set_attribute("aria-label", m.label);
        let _ = aside.set_attribute("lang", m.lang.id());

        let header = el(doc, "header", "", "");
        let _ = header.append_child(&el(doc, "h2", "", "Decline Doctor"));
        let close = el(doc, "button", "close", "\u{d7}");
        let _ = close.set_attribute("type", "button");
        let _ = close.set_attribute("data-action", "dismiss");
        let _ = close.set_attribute("aria-label", m.dismiss);
        let _ = close.set_attribute("title", m.dismiss);
        let _ = header.append_child(&close);
        let _ = aside.append_child(&header);

        let says = el(doc, "p", "", "");
        let _ = says.append_child(&el(doc, "span", "label", m.page_says));
        let _ = says.append_child(&doc.create_text_node(" "));
        let _ = says.append_child(&el(doc, "span", "quote", quote));
        let _ = aside.append_child(&says);

        let likely = el(doc, "p", "", "");
        let _ = likely.append_child(&el(doc, "span", "label", m.likely));
        let _ = likely.append_child(&doc.create_text_node(": "));
        let _ = likely.append_child(&doc.create_text_node(m.summary));
        let _ = aside.append_child(&likely);

        if let Some((intro, facts)) = &m.page_shows {
            let p = el(doc, "p", "shows", intro);
            let mut sep = ": ";
            for f in facts {
                let _ = p.append_child(&doc.create_text_node(sep));
                let _ = p.append_child(&doc.create_text_node(f));
                sep = " \u{b7} ";
            }
            let _ = aside.append_child(&p);
        }
        if let Some(note) = m.fallback {
            let _ = aside.append_child(&el(doc, "p", "shows", note));
        }

        let _ = aside.append_child(&el(doc, "h3", "", m.steps_heading));
        let ol = el(doc, "ol", "", "");
        for s in &m.steps {
            let li = el(doc, "li", "", "");
            let _ = li.set_attribute("data-step", s.step.id());
            let body = el(doc, "div", "step", "");
            let _ = body.append_child(&el(doc, "span", "act", s.act));
            let _ = body.append_child(&el(doc, "span", "why", s.why));
            let src = el(doc, "span", "src", m.source_label);
            let mut sep = ": ";
            for (title, url) in &s.sources {
                let _ = src.append_child(&doc.create_text_node(sep));
                sep = "; ";
                if url.is_empty() {
                    let _ = src.append_child(&doc.create_text_node(title));
                } else {
                    let a = el(doc, "a", "", title);
                    let _ = a.set_attribute("href", url);
                    let _ = a.set_attribute("target", "_blank");
                    let _ = a.set_attribute("rel", "noopener noreferrer");
                    let _ = src.append_child(&a);
                }
            }
            let _ = body.append_child(&src);
            let _ = li.append_child(&body);
            let _ = ol.append_child(&li);
        }
        let _ = aside.append_child(&ol);
        let _ = aside.append_child(&el(doc, "p", "foot", m.privacy));
        let _ = self.root.append_child(&aside);
        self.body = Some(aside);
    }

    /// Replaces the content with the short "that worked" message.
    pub fn render_resolved(&mut self, doc: &Document, label: &str, message: &str, dismiss: &str) {
        self.root.set_text_content(None);
        let _ = self.root.append_child(&el(doc, "style", "", CSS));
        let aside = el(doc, "aside", "resolved", "");
        let _ = aside.set_attribute("aria-label", label);
        let _ = aside.set_attribute("role", "status");
        let header = el(doc, "header", "", "");
        let _ = header.append_child(&el(doc, "h2", "", "Decline Doctor"));
        let close = el(doc, "button", "close", "\u{d7}");
        let _ = close.set_attribute("type", "button");
        let _ = close.set_attribute("data-action", "dismiss");
        let _ = close.set_attribute("aria-label", dismiss);
        let _ = close.set_attribute("title", dismiss);
        let _ = header.append_child(&close);
        let _ = aside.append_child(&header);
        let _ = aside.append_child(&el(doc, "p", "worked", message));
        let _ = self.root.append_child(&aside);
        self.body = Some(aside);
    }

    /// Inserts the host if the page removed it (or it was never inserted).
    pub fn attach(&self, doc: &Document) {
        if !self.host.is_connected() {
            if let Some(root) = doc.document_element() {
                let _ = root.append_child(&self.host);
            }
        }
    }

    pub fn set(&self, name: &str, value: &str) {
        if self.host.get_attribute(name).as_deref() != Some(value) {
            let _ = self.host.set_attribute(name, value);
        }
    }

    /// The rendered panel's size (w, h) in CSS pixels.
    pub fn size(&self) -> (f64, f64) {
        match &self.body {
            Some(b) => {
                let r = b.get_bounding_client_rect();
                (r.width(), r.height())
            }
            None => (0.0, 0.0),
        }
    }

    pub fn move_to(&self, x: f64, y: f64) {
        let style = self.host.style();
        let _ = style.set_property("--dd-x", &px(x));
        let _ = style.set_property("--dd-y", &px(y));
    }
}

/// `12px` without Rust's float formatting (kept out of the wasm).
fn px(v: f64) -> String {
    let n = js_sys::Number::from(v.round());
    let mut s: String = n.to_string_with_radix(10).map(String::from).unwrap_or_default();
    s.push_str("px");
    s
}
