//! Every stored record and message, pinned: the JSON a record is stored as
//! (written here, from what the extension stores today and what the popup
//! and the e2e stories read), and the two ways of producing it agreeing:
//! serde (the popup) and `formats::Record` (the content script, field by
//! field). Renaming a field in one place and not the other fails here.

use decline_doctor::checklist::PopupInput;
use decline_doctor::formats::{key, message, LastDecline, Read, Record, TabReport, Value};
use decline_doctor::state::Remembered;
use decline_doctor::vocab::{AutoRecharge, DefaultCard, Known, System};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value as Json};

/// The record as the content script writes it.
fn written<R: Record>(r: &R) -> Json {
    let mut o = Map::new();
    r.write(&mut |k, v| {
        let v = match v {
            Value::Text(s) => json!(s),
            Value::Number(n) => json!(n),
            Value::Flag(b) => json!(b),
            Value::Null => Json::Null,
        };
        assert!(o.insert(k.to_string(), v).is_none(), "field {k} written twice");
    });
    Json::Object(o)
}

/// The record as the content script reads it back from stored JSON.
fn read<R: Record>(j: &Json) -> Option<R> {
    R::read(&mut |k| match j.get(k)? {
        Json::String(s) => Some(Read::Text(s.clone())),
        Json::Number(n) => n.as_f64().map(Read::Number),
        Json::Bool(b) => Some(Read::Flag(*b)),
        _ => None,
    })
}

/// `stored` is what `r` is stored as, both ways, and both read it back.
fn pinned<R: Record + Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(r: &R, stored: Json) {
    assert_eq!(written(r), stored, "the content script's fields");
    assert_eq!(serde_json::to_value(r).unwrap(), stored, "serde's fields");
    assert_eq!(read::<R>(&stored).as_ref(), Some(r), "the content script reads it back");
    assert_eq!(&serde_json::from_value::<R>(stored).unwrap(), r, "serde reads it back");
}

#[test]
fn remembered_facts() {
    let r = Remembered {
        default_card: DefaultCard::Set,
        default_expired: Known::No,
        default_at: 1_764_000_000.0,
        auto_recharge: AutoRecharge::Off,
        auto_at: 1_764_000_100.0,
    };
    let stored = json!({
        "defaultCard": "set",
        "defaultExpired": "no",
        "defaultAt": 1_764_000_000.0,
        "autoRecharge": "off",
        "autoAt": 1_764_000_100.0,
    });
    pinned(&r, stored.clone());
    // A field missing or of another kind: not a record.
    let mut broken = stored.clone();
    broken["autoRecharge"] = json!("maybe");
    assert_eq!(read::<Remembered>(&broken), None);
    broken.as_object_mut().unwrap().remove("autoRecharge");
    assert_eq!(read::<Remembered>(&broken), None);
}

#[test]
fn the_last_decline() {
    let d = LastDecline {
        reason: "insufficient_funds".into(),
        lang: "zh-CN".into(),
        host: "platform.openai.com".into(),
        route: "/settings/organization/billing".into(),
        action: "top_up".into(),
        at: 1_764_000_000.0,
        resolved: true,
    };
    pinned(
        &d,
        json!({
            "reason": "insufficient_funds",
            "lang": "zh-CN",
            "host": "platform.openai.com",
            "route": "/settings/organization/billing",
            "action": "top_up",
            "at": 1_764_000_000.0,
            "resolved": true,
        }),
    );
    // Records stored before `action` and `resolved` existed still read.
    let old: LastDecline = serde_json::from_value(json!({
        "reason": "generic_decline", "lang": "en", "host": "pay.openai.com", "route": "/c/pay", "at": 1.0,
    }))
    .unwrap();
    assert_eq!((old.action.as_str(), old.resolved), ("unknown", false));
}

#[test]
fn the_tab_report() {
    let r = TabReport {
        active: true,
        default_card: Some(DefaultCard::Missing),
        auto_recharge: Some(AutoRecharge::Unknown),
        default_expired: None,
        decline: Some("card_not_supported".into()),
        failed: false,
    };
    pinned(
        &r,
        json!({
            "active": true,
            "defaultCard": "missing",
            "autoRecharge": "unknown",
            "defaultExpired": null,
            "decline": "card_not_supported",
            "failed": false,
        }),
    );
    // What boot.js answers when neither engine started.
    let failed: TabReport = serde_json::from_value(json!({ "failed": true })).unwrap();
    assert!(failed.failed && !failed.active);
}

#[test]
fn storage_keys() {
    assert_eq!(
        [key::LANG, key::LAST_DECLINE, key::CHECKLIST, key::facts(System::Api), key::facts(System::Chatgpt)],
        ["lang", "lastDecline", "checklist", "facts.api", "facts.chatgpt"]
    );
    // The popup reads storage.local as it is, by the same keys.
    let mut storage = Map::new();
    storage.insert(key::LANG.into(), json!("ja"));
    storage.insert(key::CHECKLIST.into(), json!({ "funds": true }));
    storage.insert(
        key::facts(System::Api).into(),
        json!({ "defaultCard": "missing", "defaultExpired": "unknown", "defaultAt": 5.0, "autoRecharge": "on", "autoAt": 6.0 }),
    );
    storage.insert(
        key::LAST_DECLINE.into(),
        json!({ "reason": "expired_card", "lang": "en", "host": "chatgpt.com", "route": "/", "action": "subscribe", "at": 7.0, "resolved": false }),
    );
    let input: PopupInput = serde_json::from_value(Json::Object(storage)).unwrap();
    assert_eq!(input.lang.as_deref(), Some("ja"));
    assert_eq!(input.checklist.get("funds"), Some(&true));
    assert_eq!(input.facts_api.map(|r| r.auto_recharge), Some(AutoRecharge::On));
    assert_eq!(input.last_decline.map(|d| d.reason), Some("expired_card".to_string()));
}

/// The message types, as the JavaScript sides (which have no access to the
/// core) spell them.
#[test]
fn message_types_in_the_javascript() {
    let root = env!("CARGO_MANIFEST_DIR");
    let file = |p: &str| std::fs::read_to_string(format!("{root}/{p}")).unwrap();
    assert_eq!([message::DECLINE, message::CLEAR, message::REPORT], ["decline", "clear", "report"]);
    let background = file("extension/background/background.js");
    for t in [message::DECLINE, message::CLEAR] {
        assert!(background.contains(&format!("message?.type === \"{t}\"")), "background.js handles {t}");
    }
    assert!(file("src/popup/bridge.js").contains(&format!("{{ type: \"{}\" }}", message::REPORT)));
    for p in ["src/content/bridge.js", "extension/content/boot.js"] {
        let js = file(p);
        assert!(
            js.contains(&format!("message?.type !== \"{}\"", message::REPORT)) || js.contains(&format!("message?.type === \"{}\"", message::REPORT)),
            "{p} answers {}",
            message::REPORT
        );
    }
}
