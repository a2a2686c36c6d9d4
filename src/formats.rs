//! Every stored record and message, defined once: the storage.local keys,
//! and, for each record the content script writes or reads, its fields by
//! their stored names.
//!
//! The popup reads these records with serde (the derives on the structs);
//! the content script converts them field by field through [`Record`]
//! (serde-wasm-bindgen cost the content script 31 KB). `tests/formats.rs`
//! pins the JSON of each record and checks that both ways give the same.

use crate::state::Remembered;
use crate::vocab::{Action, AutoRecharge, DefaultCard, Known};
use serde::{Deserialize, Serialize};

/// storage.local keys.
pub mod key {
    use crate::vocab::System;

    /// The language setting: "auto" or a language tag.
    pub const LANG: &str = "lang";
    /// The last decline a content script showed ([`LastDecline`]).
    pub const LAST_DECLINE: &str = "lastDecline";
    /// The popup's manual ticks: item id → ticked.
    pub const CHECKLIST: &str = "checklist";
    /// What the API platform's billing pages showed (`state::Remembered`).
    pub const FACTS_API: &str = "facts.api";
    /// What ChatGPT's billing pages showed (`state::Remembered`).
    pub const FACTS_CHATGPT: &str = "facts.chatgpt";

    /// The key of a billing system's remembered facts.
    pub fn facts(system: System) -> &'static str {
        match system {
            System::Api => FACTS_API,
            System::Chatgpt => FACTS_CHATGPT,
        }
    }
}

/// Messages between the extension's parts (`type` of each).
pub mod message {
    /// Content script → background: this tab shows a decline (with `reason`).
    pub const DECLINE: &str = "decline";
    /// Content script → background: this tab shows none any more.
    pub const CLEAR: &str = "clear";
    /// Popup → content script: what does the tab show (answered with a
    /// [`TabReport`]).
    pub const REPORT: &str = "report";
}

/// The last decline a content script showed (storage.local `lastDecline`):
/// which reason, in which language, on which billing route, when. No card
/// data, no page text, no full URL (checkout URLs carry session ids).
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LastDecline {
    pub reason: String,
    pub lang: String,
    /// Host and the route's own path prefix, e.g. "pay.openai.com/c/pay".
    pub host: String,
    pub route: String,
    /// What was being paid for (`Action` id).
    #[serde(default = "unknown_action")]
    pub action: String,
    /// Seconds since the epoch.
    pub at: f64,
    /// The payment went through after it (the page said so).
    #[serde(default)]
    pub resolved: bool,
}

impl LastDecline {
    /// The record a content script stores when it shows a decline.
    pub fn new(hit: crate::classify::Hit, action: Action, host: &str, route_path: &str, at: f64) -> LastDecline {
        LastDecline {
            reason: hit.reason.id().into(),
            lang: hit.lang.id().into(),
            host: host.to_ascii_lowercase(),
            route: route_path.into(),
            action: action.id().into(),
            at,
            resolved: false,
        }
    }
}

fn unknown_action() -> String {
    Action::Unknown.id().into()
}

/// What a tab's content script answers the popup.
#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TabReport {
    /// The tab is on a billing or checkout route.
    pub active: bool,
    pub default_card: Option<DefaultCard>,
    pub auto_recharge: Option<AutoRecharge>,
    pub default_expired: Option<Known>,
    /// The decline the tab shows now (reason id).
    pub decline: Option<String>,
    /// The content script could not start (both engines failed).
    pub failed: bool,
}

/// A field's value as written.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Value<'a> {
    Text(&'a str),
    Number(f64),
    Flag(bool),
    Null,
}

/// A field's value as read back.
#[derive(Clone, PartialEq, Debug)]
pub enum Read {
    Text(String),
    Number(f64),
    Flag(bool),
}

impl Read {
    fn text(self) -> Option<String> {
        match self {
            Read::Text(s) => Some(s),
            _ => None,
        }
    }
    fn number(self) -> Option<f64> {
        match self {
            Read::Number(n) => Some(n),
            _ => None,
        }
    }
    fn flag(self) -> Option<bool> {
        match self {
            Read::Flag(b) => Some(b),
            _ => None,
        }
    }
}

/// A record converted field by field (by the content script, which has no
/// serde): the same names and values serde gives.
pub trait Record: Sized {
    /// Each field, by its stored name.
    fn write(&self, out: &mut dyn FnMut(&'static str, Value<'_>));
    /// The record from its fields, or `None` when one is missing or wrong.
    fn read(get: &mut dyn FnMut(&'static str) -> Option<Read>) -> Option<Self>;
}

impl Record for Remembered {
    fn write(&self, out: &mut dyn FnMut(&'static str, Value<'_>)) {
        out("defaultCard", Value::Text(self.default_card.id()));
        out("defaultExpired", Value::Text(self.default_expired.id()));
        out("defaultAt", Value::Number(self.default_at));
        out("autoRecharge", Value::Text(self.auto_recharge.id()));
        out("autoAt", Value::Number(self.auto_at));
    }
    fn read(get: &mut dyn FnMut(&'static str) -> Option<Read>) -> Option<Self> {
        Some(Remembered {
            default_card: DefaultCard::from_id(&get("defaultCard")?.text()?)?,
            default_expired: Known::from_id(&get("defaultExpired")?.text()?)?,
            default_at: get("defaultAt")?.number()?,
            auto_recharge: AutoRecharge::from_id(&get("autoRecharge")?.text()?)?,
            auto_at: get("autoAt")?.number()?,
        })
    }
}

impl Record for LastDecline {
    fn write(&self, out: &mut dyn FnMut(&'static str, Value<'_>)) {
        out("reason", Value::Text(&self.reason));
        out("lang", Value::Text(&self.lang));
        out("host", Value::Text(&self.host));
        out("route", Value::Text(&self.route));
        out("action", Value::Text(&self.action));
        out("at", Value::Number(self.at));
        out("resolved", Value::Flag(self.resolved));
    }
    fn read(get: &mut dyn FnMut(&'static str) -> Option<Read>) -> Option<Self> {
        Some(LastDecline {
            reason: get("reason")?.text()?,
            lang: get("lang")?.text()?,
            host: get("host")?.text()?,
            route: get("route")?.text()?,
            action: get("action")?.text()?,
            at: get("at")?.number()?,
            resolved: get("resolved")?.flag()?,
        })
    }
}

impl Record for TabReport {
    fn write(&self, out: &mut dyn FnMut(&'static str, Value<'_>)) {
        out("active", Value::Flag(self.active));
        let id = |v: Option<&'static str>| v.map_or(Value::Null, Value::Text);
        out("defaultCard", id(self.default_card.map(DefaultCard::id)));
        out("autoRecharge", id(self.auto_recharge.map(AutoRecharge::id)));
        out("defaultExpired", id(self.default_expired.map(Known::id)));
        out("decline", self.decline.as_deref().map_or(Value::Null, Value::Text));
        out("failed", Value::Flag(self.failed));
    }
    fn read(get: &mut dyn FnMut(&'static str) -> Option<Read>) -> Option<Self> {
        let active = get("active").and_then(Read::flag).unwrap_or(false);
        let failed = get("failed").and_then(Read::flag).unwrap_or(false);
        let mut id = |k| get(k).and_then(Read::text);
        Some(TabReport {
            active,
            default_card: id("defaultCard").and_then(|v| DefaultCard::from_id(&v)),
            auto_recharge: id("autoRecharge").and_then(|v| AutoRecharge::from_id(&v)),
            default_expired: id("defaultExpired").and_then(|v| Known::from_id(&v)),
            decline: id("decline"),
            failed,
        })
    }
}
