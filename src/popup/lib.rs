//! The popup's shell: gathers (through `src/popup/bridge.js`), asks
//! the core for the view (`decline_doctor::checklist::view`: every label already in
//! the popup's language), renders it, and turns clicks into storage writes.
//! Storage objects cross the boundary with serde-wasm-bindgen; events are
//! gloo's listeners (the popup is an extension page of its own: no guard
//! needed, unlike the content script).

use decline_doctor::checklist::{t, view, Button, PopupInput, PopupView};
use decline_doctor::formats::key;
use decline_doctor::knowledge::{POPUP, SHOWN};
use gloo_events::EventListener;
use js_sys::{Array, Function, Reflect};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlInputElement, HtmlSelectElement};

#[wasm_bindgen(module = "/bridge.js")]
extern "C" {
    fn gather(hosts: &Array, done: &Function);
    #[wasm_bindgen(js_name = storageSet)]
    fn storage_set(key: &str, value: &JsValue, done: &Function);
    #[wasm_bindgen(js_name = storageRemove)]
    fn storage_remove(key: &str, done: &Function);
    #[wasm_bindgen(js_name = copyText)]
    fn copy_text(text: &str, done: &Function);
    #[wasm_bindgen(js_name = openPage)]
    fn open_page(url: &str, tab_id: &JsValue);
    #[wasm_bindgen(js_name = requestHosts)]
    fn request_hosts(hosts: &Array, done: &Function);
}

#[derive(Default)]
struct Popup {
    input: PopupInput,
    tab_id: JsValue,
    view: Option<PopupView>,
}

thread_local! {
    static STATE: RefCell<Popup> = RefCell::new(Popup::default());
}

/// A one-shot JS callback.
fn once(f: impl FnOnce(JsValue) + 'static) -> Function {
    Closure::once_into_js(f).unchecked_into()
}

fn doc() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

fn app() -> Element {
    doc().get_element_by_id("app").unwrap()
}

/// Entry point (extension/popup/main.js).
#[wasm_bindgen]
pub fn start() {
    let root = app();
    // For the popup's life.
    EventListener::new(&root, "click", on_click).forget();
    EventListener::new(&root, "change", on_change).forget();
    refresh();
}

/// The billing hosts, for the bridge (one list: `decline_doctor::route::hosts`).
fn hosts() -> Array {
    decline_doctor::route::hosts().into_iter().map(JsValue::from_str).collect()
}

fn refresh() {
    gather(&hosts(), &once(|data| {
        let input: PopupInput = serde_wasm_bindgen::from_value(data.clone()).unwrap_or_default();
        let tab_id = Reflect::get(&data, &"tabId".into()).unwrap_or(JsValue::NULL);
        let v = view(&input);
        render(&v);
        STATE.with(|s| *s.borrow_mut() = Popup { input, tab_id, view: Some(v) });
    }));
}

fn target(ev: &Event) -> Option<Element> {
    ev.target()?.dyn_into::<Element>().ok()
}

fn on_click(ev: &Event) {
    let Some(el) = target(ev).and_then(|t| t.closest("button").ok().flatten()) else { return };
    if let Some(url) = el.get_attribute("data-open") {
        STATE.with(|s| open_page(&url, &s.borrow().tab_id));
        return;
    }
    match el.get_attribute("data-action").as_deref() {
        Some("grant") => request_hosts(&hosts(), &once(|_| refresh())),
        Some("reset") => storage_remove(key::CHECKLIST, &once(|_| refresh())),
        Some("copy") => {
            let (text, done_label) = STATE.with(|s| {
                let s = s.borrow();
                let v = s.view.as_ref();
                (v.map(|v| v.report.clone()).unwrap_or_default(), v.map_or("", |v| t(POPUP.copied, v.lang)))
            });
            copy_text(
                &text,
                &once(move |ok| {
                    if ok.as_bool() == Some(true) {
                        el.set_text_content(Some(done_label));
                    }
                }),
            );
        }
        _ => {}
    }
}

fn on_change(ev: &Event) {
    let Some(el) = target(ev) else { return };
    if let Some(key) = el.get_attribute("data-key") {
        let checked = el.unchecked_ref::<HtmlInputElement>().checked();
        let mut ticks = STATE.with(|s| s.borrow().input.checklist.clone());
        ticks.insert(key, checked);
        let value = ticks.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL);
        storage_set(key::CHECKLIST, &value, &once(|_| refresh()));
    } else if el.get_attribute("data-action").as_deref() == Some("lang") {
        let value = el.unchecked_ref::<HtmlSelectElement>().value();
        storage_set(key::LANG, &JsValue::from_str(&value), &once(|_| refresh()));
    }
}

fn el(tag: &str, class: &str, text: &str) -> Element {
    let e = doc().create_element(tag).unwrap();
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    e
}

fn button(label: &str, attr: &str, value: &str) -> Element {
    let b = el("button", "", label);
    let _ = b.set_attribute("type", "button");
    let _ = b.set_attribute(attr, value);
    b
}

/// A collapsible section, closed by default: `<details>` with its summary.
fn section(class: &str, summary: &str) -> Element {
    let d = el("details", class, "");
    let _ = d.append_child(&el("summary", "", summary));
    d
}

fn render(v: &PopupView) {
    let l = v.lang;
    if let Some(html) = doc().document_element() {
        let _ = html.set_attribute("lang", l.id());
    }
    let root = app();
    root.set_text_content(None);
    let add = |parent: &Element, child: &Element| {
        let _ = parent.append_child(child);
    };
    let header = el("header", "", "");
    add(&header, &el("h1", "", t(POPUP.title, l)));
    // What this tab shows now.
    if let Some(tab) = &v.tab {
        let now = el("div", "tab", "");
        let _ = now.set_attribute("role", "status");
        let _ = now.set_attribute("data-tab-decline", tab.decline.map_or("", |r| r.id()));
        let line = el("p", if tab.decline.is_some() { "declined" } else { "" }, "");
        add(&line, &el("strong", "", tab.lead));
        if let Some(summary) = tab.summary {
            let _ = line.append_with_str_1(": ");
            let _ = line.append_with_str_1(summary);
        }
        add(&now, &line);
        if let Some(shows) = &tab.shows {
            add(&now, &el("p", "muted", shows));
        }
        add(&header, &now);
    }
    add(&root, &header);

    if let Some(n) = &v.notice {
        let box_ = el("div", "notice", "");
        let _ = box_.set_attribute("role", "status");
        let _ = box_.set_attribute("data-notice", n.notice.id());
        add(&box_, &el("p", "", n.text));
        match n.button {
            Some(Button::Grant(label)) => add(&box_, &button(label, "data-action", "grant")),
            Some(Button::Open(url, label)) => add(&box_, &button(label, "data-open", url)),
            None => {}
        }
        add(&root, &box_);
    }

    let auto = el("section", "", "");
    add(&auto, &el("h2", "", t(POPUP.auto_heading, l)));
    let ul = el("ul", "", "");
    for row in &v.auto {
        let li = el("li", "row", "");
        let _ = li.set_attribute("data-item", row.item.id());
        let _ = li.set_attribute("data-status", row.status.id());
        let m = el("span", "mark", row.mark);
        let _ = m.set_attribute("aria-hidden", "true");
        add(&li, &m);
        let body = el("div", "", row.label);
        add(&body, &el("span", if row.status_shown { "status" } else { "status sr-only" }, row.status_text));
        if let Some((url, label)) = row.open {
            add(&body, &button(label, "data-open", url));
        }
        add(&li, &body);
        add(&ul, &li);
    }
    add(&auto, &ul);
    add(&root, &auto);

    let manual = el("section", "", "");
    let head = el("div", "head", "");
    add(&head, &el("h2", "", t(POPUP.manual_heading, l)));
    add(&head, &button(t(POPUP.reset, l), "data-action", "reset"));
    add(&manual, &head);
    let ul = el("ul", "", "");
    for row in &v.manual {
        let li = el("li", "", "");
        let label = el("label", "", "");
        let input: HtmlInputElement = el("input", "", "").unchecked_into();
        input.set_type("checkbox");
        input.set_checked(row.checked);
        let _ = input.set_attribute("data-key", row.item.id());
        add(&label, &input);
        add(&label, &el("span", "", row.label));
        add(&li, &label);
        add(&ul, &li);
    }
    add(&manual, &ul);
    add(&root, &manual);

    let decline = section("decline", t(POPUP.decline_heading, l));
    let _ = decline.set_attribute("data-decline", v.decline.as_ref().map_or("", |d| d.reason.id()));
    match &v.decline {
        None => add(&decline, &el("p", "muted", t(POPUP.no_decline, l))),
        Some(d) => {
            add(&decline, &el("p", "", d.summary));
            add(&decline, &el("p", "muted", &d.seen));
            if let Some(went_through) = d.resolved {
                let done = el("p", "resolved", went_through);
                let _ = done.set_attribute("data-resolved", "true");
                add(&decline, &done);
            }
            let ol = el("ol", "", "");
            for (step, act) in &d.steps {
                let li = el("li", "", act);
                let _ = li.set_attribute("data-step", step.id());
                add(&ol, &li);
            }
            add(&decline, &ol);
        }
    }
    add(&root, &decline);

    let report = section("report", t(POPUP.report_section, l));
    add(&report, &button(t(POPUP.copy_report, l), "data-action", "copy"));
    add(&report, &el("p", "muted", t(POPUP.report_hint, l)));
    let pre = el("pre", "", &v.report);
    let _ = pre.set_attribute("aria-label", t(POPUP.copy_report, l));
    add(&report, &pre);
    add(&root, &report);

    let language = section("language", t(POPUP.language, l));
    let select: HtmlSelectElement = el("select", "", "").unchecked_into();
    let _ = select.set_attribute("data-action", "lang");
    let _ = select.set_attribute("aria-label", t(POPUP.language, l));
    let mut options = vec![("auto", t(POPUP.language_auto, l))];
    options.extend(SHOWN.iter().map(|s| (s.id(), s.name())));
    for (value, name) in options {
        let o = el("option", "", name);
        let _ = o.set_attribute("value", value);
        if value == v.lang_setting {
            let _ = o.set_attribute("selected", "");
        }
        add(&select, &o);
    }
    add(&language, &select);
    add(&root, &language);

    let footer = el("footer", "", "");
    add(&footer, &el("p", "muted", t(POPUP.privacy, l)));
    add(&root, &footer);
}
