//! Watching and reading the page: the MutationObserver's records become
//! lines to read, read in tasks of bounded work (`decline_doctor::limits`), each
//! handed to the session. Mechanics only: what a line says is the session's.

use super::dom::Dom;
use super::{read, App};
use decline_doctor::limits::READ_UNITS_PER_TASK;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationObserverInit, MutationRecord};

/// Attributes whose change can show or hide text, or flip a switch.
const WATCHED_ATTRIBUTES: [&str; 6] = ["style", "class", "hidden", "open", "aria-hidden", "aria-checked"];

/// What the observer found and `drain` has not read yet.
#[derive(Default)]
pub struct Work {
    /// Lines whose text changed.
    pub lines: std::collections::VecDeque<Element>,
    /// Added elements whose subtrees are still to be walked.
    pub stack: Vec<Element>,
    pub scheduled: bool,
}

impl App {
    pub(super) fn on_mutations(&mut self, records: &Array) {
        if self.navigate() || !self.session.billing() {
            // Not billing, or a fresh route (queued whole).
            return;
        }
        let host: Option<JsValue> = self.panel.as_ref().map(|p| p.host.clone().into());
        let is_host = |n: &JsValue| host.as_ref() == Some(n);
        // Whether anything but our own panel's insertion changed (that needs
        // no second look at the page; its removal does: it may come back).
        let mut page_changed = false;
        for rec in records.iter() {
            let rec: MutationRecord = rec.unchecked_into();
            let Some(target) = rec.target() else { continue };
            if is_host(&target) {
                continue;
            }
            match rec.type_().as_str() {
                "childList" => {
                    let added = rec.added_nodes();
                    let removed = rec.removed_nodes();
                    let ours = removed.length() == 0 && added.length() == 1 && added.get(0).is_some_and(|n| is_host(&n));
                    if ours {
                        continue;
                    }
                    page_changed = true;
                    for i in 0..added.length() {
                        let Some(n) = added.get(i) else { continue };
                        if is_host(&n) {
                            continue;
                        }
                        // An added text or inline node changes its line; an
                        // added element may hold lines of its own.
                        self.work.lines.extend(read::line_of(&n));
                        if let Ok(el) = n.dyn_into::<Element>() {
                            self.work.stack.push(el);
                        }
                    }
                    // A removed text or inline node changes the target's line;
                    // a removed block (a table row) takes its own lines with
                    // it (dropped at evaluation): re-reading the target would
                    // cost a walk over all its children, per removal.
                    let in_line = (0..removed.length()).any(|i| {
                        removed.get(i).is_some_and(|n| matches!(read::kind(&n), read::Kind::Text | read::Kind::Inline))
                    });
                    if in_line {
                        self.work.lines.extend(read::line_of(&target));
                    }
                }
                "characterData" => {
                    page_changed = true;
                    self.work.lines.extend(read::line_of(&target));
                }
                // Attributes: visibility is rechecked by every evaluation; only
                // a switch flipping changes a fact.
                _ => {
                    page_changed = true;
                    if rec.attribute_name().as_deref() == Some("aria-checked") {
                        self.session.switch_changed();
                    }
                }
            }
        }
        if page_changed {
            self.drain();
        }
    }

    /// Reads queued changes until this task's units of work are spent (see
    /// `decline_doctor::limits`), then evaluates; what is left continues in a later
    /// task.
    pub(super) fn drain(&mut self) {
        let read = js_sys::Set::new(&JsValue::UNDEFINED);
        let mut left = READ_UNITS_PER_TASK;
        while left > 0 {
            let mut cost = 1;
            if let Some(line) = self.work.lines.pop_front() {
                if !read.has(&line) {
                    read.add(&line);
                    cost = self.scan(&line);
                }
            } else if let Some(el) = self.work.stack.pop() {
                // One element of an added subtree: a line if it is a block,
                // and its children to visit.
                let kind = read::kind(&el);
                if kind != read::Kind::Skipped {
                    if kind == read::Kind::Block && !read.has(&el) {
                        read.add(&el);
                        cost = self.scan(&el);
                    }
                    let mut child = el.last_element_child();
                    while let Some(c) = child {
                        child = c.previous_element_sibling();
                        self.work.stack.push(c);
                    }
                }
            } else {
                break;
            }
            left = left.saturating_sub(cost);
        }
        self.dispatch(|s, page, out| s.evaluate(page, out));
        if !self.work.lines.is_empty() || !self.work.stack.is_empty() {
            self.schedule();
        }
    }

    /// Reads one line and hands it to the session; returns what that cost
    /// in units of work.
    fn scan(&mut self, el: &Element) -> u32 {
        let text = read::line_text(el);
        #[cfg(feature = "panic-test")]
        if text.contains("decline-doctor-test-panic") {
            panic!("test build: a panic in the content shell");
        }
        self.session.line(&mut Dom::new(&self.doc, self.panel.as_ref()), el, &text)
    }

    /// Watches the page: text and attributes on a billing page; elsewhere
    /// only the structure, for a single-page navigation into one. Forgets
    /// what was queued for the page before.
    pub(super) fn observe(&mut self, billing: bool) {
        self.work.lines.clear();
        self.work.stack.clear();
        let Some(root) = self.doc.document_element() else { return };
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        if billing {
            init.set_character_data(true);
            init.set_attributes(true);
            let filter = Array::new();
            for a in WATCHED_ATTRIBUTES {
                filter.push(&JsValue::from_str(a));
            }
            init.set_attribute_filter(&filter);
        }
        let _ = self.observer.observe_with_options(&root, &init);
    }

    /// Continues reading in a later task.
    pub(super) fn schedule(&mut self) {
        if !self.work.scheduled {
            self.work.scheduled = true;
            let _ = self.window.set_timeout_with_callback_and_timeout_and_arguments_0(&self.resume, 0);
        }
    }
}
