//! The panel: one `<decline-doctor>` host in the top document with a closed
//! shadow root. Renders a [`PanelModel`] (text nodes only: nothing is parsed
//! as HTML) and moves the host where the core says.

use super::bridge::{render_panel, render_resolved};
use decline_doctor::plan::PanelModel;
use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// `extension/content/panel.css`, minified by `build.rs`.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/panel.min.css"));

pub struct Panel {
    pub host: HtmlElement,
    root: ShadowRoot,
    /// The `<aside>`, measured for placement.
    body: Option<Element>,
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

    /// Replaces the content with `m`: the model goes to the bridge as a flat
    /// list of strings (its layout is documented at `renderPanel` in
    /// `src/content/bridge.js`), which builds the DOM from text nodes
    /// only. Building it here cost the wasm several KB.
    pub fn render(&mut self, m: &PanelModel, quote: &str) {
        let parts = Array::new();
        let push = |s: &str| {
            parts.push(&JsValue::from_str(s));
        };
        for s in [m.label, m.lang.id(), m.dismiss, m.page_says, quote, m.likely, m.summary] {
            push(s);
        }
        match &m.page_shows {
            Some((intro, facts)) => {
                push(intro);
                let mut line = String::new();
                for f in facts {
                    if !line.is_empty() {
                        line.push_str(" \u{b7} ");
                    }
                    line.push_str(f);
                }
                push(&line);
            }
            None => {
                push("");
                push("");
            }
        }
        for s in [m.fallback.unwrap_or(""), m.steps_heading, m.source_label, m.privacy] {
            push(s);
        }
        parts.push(&JsValue::from(m.first));
        for s in [m.why, &m.all_steps, m.fewer_steps, m.show_me] {
            push(s);
        }
        for st in &m.steps {
            let (url, label) = st.link.as_ref().map_or(("", ""), |(u, l)| (u.as_str(), l.as_str()));
            for s in [st.step.id(), st.short, st.act, st.why, if st.show_me { "1" } else { "" }, url, label] {
                push(s);
            }
            parts.push(&JsValue::from(st.sources.len() as u32));
            for (title, url) in &st.sources {
                push(title);
                push(url);
            }
        }
        self.body = Some(render_panel(&self.root, CSS, &parts));
    }

    /// Replaces the content with the short "that worked" message.
    pub fn render_resolved(&mut self, label: &str, message: &str, dismiss: &str) {
        self.body = Some(render_resolved(&self.root, CSS, label, message, dismiss));
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

    /// The rendered `<aside>`.
    pub fn body(&self) -> Option<&Element> {
        self.body.as_ref()
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
        if let Some(b) = &self.body {
            super::bridge::move_to(b, x, y);
        }
    }
}
