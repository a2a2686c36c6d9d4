//! The popup: a checklist for paying OpenAI. Everything it shows is decided
//! here from what the popup gathered (storage, the active tab's report, the
//! permission state); the popup shell only gathers, renders and stores.

use crate::knowledge::{Lang, Reason, Step, POPUP, SHOWN, UI};
use crate::plan::{display_lang, page_shows, steps, Context};
use crate::route::route;
use crate::state::{merge, BillingState, Remembered};
use crate::formats::{LastDecline, TabReport};
use crate::vocab::{vocabulary, Action, AutoRecharge, DefaultCard, Known, System};
use serde::Deserialize;
use std::collections::BTreeMap;

pub const OVERVIEW_URL: &str = "https://platform.openai.com/settings/organization/billing/overview";
pub const PAYMENT_METHODS_URL: &str = "https://platform.openai.com/settings/organization/billing/payment-methods";

/// Everything the popup gathered before rendering.
#[derive(Clone, PartialEq, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PopupInput {
    /// The tab the checklist is about, when it is on one of our hosts.
    pub host: Option<String>,
    pub path: Option<String>,
    /// Its content script's answer (None: no answer).
    pub report: Option<TabReport>,
    /// The extension may run on the billing hosts.
    pub permitted: bool,
    /// The browser's UI language (i18n.getUILanguage()).
    pub ui_language: String,
    pub version: String,
    pub user_agent: String,
    /// Seconds since the epoch.
    pub now: f64,
    /// storage.local as it is.
    pub lang: Option<String>,
    pub last_decline: Option<LastDecline>,
    pub checklist: BTreeMap<String, bool>,
    #[serde(rename = "facts.api")]
    pub facts_api: Option<Remembered>,
}

/// A popup text in the popup's language.
pub fn t(texts: &'static [&'static str], lang: Lang) -> &'static str {
    texts[lang.shown_index().unwrap_or(0)]
}

vocabulary! {
    /// An item the page tells (`data-item`).
    pub enum Item {
        DefaultCard = "item_default_card",
        AutoRecharge = "item_auto_recharge",
        NotExpired = "item_not_expired",
    }
}

impl Item {
    fn label(self) -> &'static [&'static str] {
        match self {
            Item::DefaultCard => POPUP.item_default_card,
            Item::AutoRecharge => POPUP.item_auto_recharge,
            Item::NotExpired => POPUP.item_not_expired,
        }
    }
}

vocabulary! {
    /// An item the user ticks by hand (`data-key`, its key in storage).
    pub enum Manual {
        International = "international",
        Funds = "funds",
        Address = "address",
        Attempts = "attempts",
        ThreeDs = "threeds",
    }
}

impl Manual {
    fn label(self) -> &'static [&'static str] {
        match self {
            Manual::International => POPUP.manual_international,
            Manual::Funds => POPUP.manual_funds,
            Manual::Address => POPUP.manual_address,
            Manual::Attempts => POPUP.manual_attempts,
            Manual::ThreeDs => POPUP.manual_3ds,
        }
    }
}

/// A hand-ticked item, ready to show.
#[derive(Clone, PartialEq, Debug)]
pub struct ManualRow {
    pub item: Manual,
    pub label: &'static str,
    pub checked: bool,
}

/// The language the popup speaks: the setting if there is one, else the
/// browser's UI language if we write it, else English.
pub fn ui_lang(setting: Option<&str>, ui_language: &str) -> Lang {
    if let Some(l) = setting.and_then(Lang::from_id).filter(|l| l.shown_index().is_some()) {
        return l;
    }
    let tag = ui_language.replace('_', "-");
    let exact = Lang::ALL.iter().copied().find(|l| l.id().eq_ignore_ascii_case(&tag));
    let family = || match tag.split('-').next().unwrap_or("") {
        "zh" if tag.contains("TW") || tag.contains("HK") || tag.contains("Hant") => Lang::from_id("zh-TW"),
        "zh" => Lang::from_id("zh-CN"),
        "pt" => Lang::from_id("pt-BR"),
        base => Lang::from_id(base),
    };
    exact.or_else(family).filter(|l| l.shown_index().is_some()).unwrap_or(SHOWN[0])
}

/// One automatic item, ready to show.
#[derive(Clone, PartialEq, Debug)]
pub struct AutoRow {
    pub item: Item,
    pub status: Known,
    pub label: &'static str,
    /// ✓, ✗ or ?.
    pub mark: &'static str,
    pub status_text: &'static str,
    /// The status is shown (not when unknown with a page that tells: the
    /// button is how to find out; the words stay for screen readers).
    pub status_shown: bool,
    /// A page that tells (or fixes) it, when the answer is not "yes": (url, button label).
    pub open: Option<(&'static str, &'static str)>,
}

vocabulary! {
    /// A notice above the checklist: why this tab cannot be read, and the fix (`data-notice`).
    pub enum Notice {
        NoPermission = "no_permission",
        NotBilling = "not_billing",
        Reload = "reload",
        Failed = "failed",
    }
}

/// A notice, ready to show: its text, and the button that fixes it.
#[derive(Clone, PartialEq, Debug)]
pub struct NoticeView {
    pub notice: Notice,
    pub text: &'static str,
    pub button: Option<Button>,
}

/// A button of the popup.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Button {
    /// Ask for the billing hosts (`data-action="grant"`).
    Grant(&'static str),
    /// Open a billing page (`data-open`): (url, label).
    Open(&'static str, &'static str),
}

/// The last decline, ready to show.
#[derive(Clone, PartialEq, Debug)]
pub struct DeclineView {
    pub reason: Reason,
    pub summary: &'static str,
    pub page: String,
    pub time: String,
    /// "Seen on {page} at {time}", filled in.
    pub seen: String,
    /// The page later said the payment went through (no steps then): the
    /// sentence that says so.
    pub resolved: Option<&'static str>,
    pub steps: Vec<(Step, &'static str)>,
}

/// The header: what this tab shows now.
#[derive(Clone, PartialEq, Debug)]
pub struct TabView {
    /// The decline on the tab now, if any.
    pub decline: Option<Reason>,
    /// "No decline on this tab." or "This tab shows a decline".
    pub lead: &'static str,
    /// The decline's reason, in a sentence.
    pub summary: Option<&'static str>,
    /// "Your billing pages show: a default card · auto recharge off", when known.
    pub shows: Option<String>,
}

/// Everything the popup shows.
#[derive(Clone, PartialEq, Debug)]
pub struct PopupView {
    pub lang: Lang,
    /// What this tab shows now (None: a tab the extension does not read).
    pub tab: Option<TabView>,
    pub notice: Option<NoticeView>,
    pub auto: Vec<AutoRow>,
    pub manual: Vec<ManualRow>,
    pub decline: Option<DeclineView>,
    pub report: String,
    /// "auto" or a language tag.
    pub lang_setting: String,
}

/// The API billing state the checklist is about: what the tab's content
/// script reads now when it is on an API billing page, else what the API
/// billing pages showed in the last day.
fn api_state(input: &PopupInput) -> BillingState {
    let remembered = merge(BillingState::UNKNOWN, input.facts_api.as_ref(), input.now);
    let on_api = input.host.as_deref().and_then(crate::route::system_of_host) == Some(System::Api);
    match &input.report {
        Some(r) if r.active && on_api => BillingState {
            default_card: r.default_card.unwrap_or(DefaultCard::Unknown),
            auto_recharge: r.auto_recharge.unwrap_or(AutoRecharge::Unknown),
            default_expired: r.default_expired.unwrap_or(Known::Unknown),
            ..BillingState::UNKNOWN
        },
        _ => remembered,
    }
}

fn yes_no(known: Option<bool>) -> Known {
    match known {
        Some(true) => Known::Yes,
        Some(false) => Known::No,
        None => Known::Unknown,
    }
}

pub fn view(input: &PopupInput) -> PopupView {
    let lang = ui_lang(input.lang.as_deref(), &input.ui_language);
    let state = api_state(input);

    let notice = if !input.permitted {
        Some(Notice::NoPermission)
    } else if input.host.is_none() {
        Some(Notice::NotBilling)
    } else {
        match &input.report {
            None => Some(Notice::Reload),
            Some(r) if r.failed => Some(Notice::Failed),
            Some(r) if !r.active => Some(Notice::NotBilling),
            Some(_) => None,
        }
    };

    let default_card = match state.default_card {
        DefaultCard::Set => Some(true),
        DefaultCard::Missing => Some(false),
        DefaultCard::Unknown => None,
    };
    let auto_recharge = match state.auto_recharge {
        AutoRecharge::On => Some(true),
        AutoRecharge::Off => Some(false),
        AutoRecharge::Unknown => None,
    };
    let not_expired = match state.default_expired {
        Known::Yes => Some(false),
        Known::No => Some(true),
        Known::Unknown => None,
    };
    let tab = match &input.report {
        Some(r) if r.active && !r.failed => {
            let decline = r.decline.as_deref().and_then(Reason::from_id);
            let i = lang.shown_index().unwrap_or(0);
            let lead = t(if decline.is_some() { POPUP.tab_decline } else { POPUP.tab_no_decline }, lang);
            let summary = decline.map(|r| r.def().summary[i].get());
            let on_api = input.host.as_deref().and_then(crate::route::system_of_host) == Some(System::Api);
            let facts = if on_api { page_shows(&state, i) } else { Vec::new() };
            let shows = (!facts.is_empty()).then(|| {
                let mut s = UI.page_shows[i].get().to_string();
                s.push_str(": ");
                s.push_str(&facts.join(" \u{b7} "));
                s
            });
            Some(TabView { decline, lead, summary, shows })
        }
        _ => None,
    };
    let row = |item: Item, status: Known, open: Option<&'static str>| {
        let (mark, text) = match status {
            Known::Yes => ("\u{2713}", POPUP.status_yes),
            Known::No => ("\u{2717}", POPUP.status_no),
            Known::Unknown => ("?", POPUP.status_unknown),
        };
        let open_label = |url| t(if url == OVERVIEW_URL { POPUP.open_overview } else { POPUP.open_payment_methods }, lang);
        AutoRow {
            item,
            status,
            label: t(item.label(), lang),
            mark,
            status_text: t(text, lang),
            status_shown: !(status == Known::Unknown && open.is_some()),
            open: open.filter(|_| status != Known::Yes).map(|url| (url, open_label(url))),
        }
    };
    let auto = vec![
        row(Item::DefaultCard, yes_no(default_card), Some(PAYMENT_METHODS_URL)),
        row(Item::AutoRecharge, yes_no(auto_recharge), Some(OVERVIEW_URL)),
        row(Item::NotExpired, yes_no(not_expired), Some(PAYMENT_METHODS_URL)),
    ];

    let manual = Manual::ALL
        .iter()
        .map(|&item| ManualRow { item, label: t(item.label(), lang), checked: input.checklist.get(item.id()).copied().unwrap_or(false) })
        .collect();
    let notice = notice.map(|notice| NoticeView {
        notice,
        text: t(
            match notice {
                Notice::NoPermission => POPUP.no_permission,
                Notice::NotBilling => POPUP.not_billing,
                Notice::Reload => POPUP.reload,
                Notice::Failed => POPUP.failed,
            },
            lang,
        ),
        button: match notice {
            Notice::NoPermission => Some(Button::Grant(t(POPUP.grant, lang))),
            Notice::NotBilling => Some(Button::Open(OVERVIEW_URL, t(POPUP.open_overview, lang))),
            _ => None,
        },
    });

    let decline = input.last_decline.as_ref().and_then(|d| {
        let reason = Reason::from_id(&d.reason)?;
        let detected = Lang::from_id(&d.lang).unwrap_or(SHOWN[0]);
        let (shown, _) = display_lang(detected, Some(lang));
        let i = shown.shown_index().unwrap_or(0);
        let r = route(&d.host, &d.route, "")?;
        let action = Action::from_id(&d.action).unwrap_or(r.action);
        let ctx = Context { system: r.system, page: r.page, action };
        let st = if r.system == System::Api { state } else { BillingState::UNKNOWN };
        let page = format!("{}{}", d.host, d.route);
        let time = format_utc(d.at);
        Some(DeclineView {
            reason,
            summary: reason.def().summary[i].get(),
            seen: t(POPUP.seen, lang).replace("{page}", &page).replace("{time}", &time),
            page,
            time,
            resolved: d.resolved.then(|| t(POPUP.went_through, lang)),
            steps: if d.resolved { Vec::new() } else { steps(reason, ctx, &st).into_iter().map(|s| (s, s.def().act[i].get())).collect() },
        })
    });

    PopupView {
        lang,
        tab,
        notice,
        auto,
        manual,
        report: report_text(input, &state),
        lang_setting: input.lang.clone().filter(|l| Lang::from_id(l).is_some()).unwrap_or_else(|| "auto".into()),
        decline,
    }
}

/// The plain-text report for a support ticket: reason, page path, states,
/// extension version, browser. Nothing else (no card data, no page text, no
/// full URL).
pub fn report_text(input: &PopupInput, state: &BillingState) -> String {
    let mut out = String::from("Decline Doctor report\n");
    match &input.last_decline {
        Some(d) => {
            let summary = Reason::from_id(&d.reason).map_or("", |r| r.def().summary[0].get());
            out.push_str(&format!("Reason: {} ({summary})\n", d.reason));
            out.push_str(&format!("Page: {}{}\n", d.host, d.route));
            out.push_str(&format!("Seen: {}\n", format_utc(d.at)));
            out.push_str(&format!("Paying for: {}\n", d.action));
            out.push_str(&format!("Went through afterwards: {}\n", if d.resolved { "yes" } else { "no" }));
        }
        None => out.push_str("Reason: no decline seen\n"),
    }
    out.push_str(&format!("Default card: {}\n", state.default_card.id()));
    out.push_str(&format!("Auto recharge: {}\n", state.auto_recharge.id()));
    out.push_str(&format!("Default card expired: {}\n", state.default_expired.id()));
    out.push_str(&format!("Extension: Decline Doctor {}\n", input.version));
    out.push_str(&format!("Browser: {}\n", browser_name(&input.user_agent)));
    out
}

/// "Firefox 153", "Chrome 156", "Edge 140" from a user-agent string.
pub fn browser_name(ua: &str) -> String {
    let version = |token: &str| {
        ua.split_whitespace()
            .find_map(|w| w.strip_prefix(token))
            .map(|v| v.split('.').next().unwrap_or("").to_string())
    };
    for (token, name) in [
        ("Firefox/", "Firefox"),
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("HeadlessChrome/", "Chrome (headless)"),
        ("Chrome/", "Chrome"),
    ] {
        if let Some(v) = version(token) {
            return format!("{name} {v}");
        }
    }
    "unknown browser".into()
}

/// "2026-11-22 04:10 UTC" from seconds since the epoch.
pub fn format_utc(secs: f64) -> String {
    let secs = secs.floor() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02} UTC", rem / 3600, rem % 3600 / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PopupInput {
        PopupInput {
            host: Some("platform.openai.com".into()),
            path: Some("/settings/organization/billing/overview".into()),
            report: Some(TabReport {
                active: true,
                default_card: Some(DefaultCard::Missing),
                auto_recharge: Some(AutoRecharge::Off),
                default_expired: Some(Known::Unknown),
                decline: Some("generic_decline".into()),
                failed: false,
            }),
            permitted: true,
            ui_language: "en-US".into(),
            version: "0.1.0".into(),
            user_agent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36".into(),
            now: 1_795_000_000.0,
            lang: None,
            last_decline: Some(LastDecline {
                reason: "generic_decline".into(),
                lang: "en".into(),
                host: "platform.openai.com".into(),
                route: "/settings/organization/billing/overview".into(),
                action: "top_up".into(),
                at: 1_795_000_000.0,
                resolved: false,
            }),
            checklist: BTreeMap::new(),
            facts_api: None,
        }
    }

    #[test]
    fn automatic_items_follow_what_the_tab_reads() {
        let v = view(&input());
        let status: Vec<_> = v.auto.iter().map(|r| (r.item.id(), r.status)).collect();
        assert_eq!(
            status,
            [
                ("item_default_card", Known::No),
                ("item_auto_recharge", Known::No),
                ("item_not_expired", Known::Unknown),
            ]
        );
        assert_eq!(v.auto[0].open, Some((PAYMENT_METHODS_URL, "Open Payment methods")));
        // The labels are resolved here, in the popup's language.
        assert_eq!((v.auto[0].label, v.auto[0].mark, v.auto[0].status_text), ("A card is set as default", "\u{2717}", "No"));
        // Unknown: a question mark and how to find out.
        assert_eq!((v.auto[2].mark, v.auto[2].status_text), ("?", "Open the billing page to check"));
        assert_eq!(v.auto[2].open, Some((PAYMENT_METHODS_URL, "Open Payment methods")));
        // The tab's decline is the header, not a checklist item.
        let tab = v.tab.unwrap();
        assert_eq!(tab.decline, Some(Reason::GenericDecline));
        assert_eq!(tab.lead, "This tab shows a decline");
        assert!(tab.summary.unwrap().starts_with("Your bank, or Stripe's fraud screening, refused"));
        assert_eq!(tab.shows.as_deref(), Some("Your billing pages show: no default card \u{b7} auto recharge off"));
        assert_eq!(v.notice, None);
        let d = v.decline.unwrap();
        assert_eq!(d.steps[0].0, Step::SetDefaultCard);
        assert_eq!(d.page, "platform.openai.com/settings/organization/billing/overview");
    }

    #[test]
    fn the_header_says_when_the_tab_shows_no_decline_in_the_popups_language() {
        let mut i = input();
        if let Some(r) = &mut i.report {
            r.decline = None;
        }
        let tab = view(&i).tab.unwrap();
        assert_eq!((tab.decline, tab.lead, tab.summary), (None, "No decline on this tab.", None));
        i.lang = Some("zh-CN".into());
        let tab = view(&i).tab.unwrap();
        assert_eq!(tab.lead, "此标签页上没有被拒提示。");
        assert!(tab.shows.unwrap().contains("没有默认卡"));
    }

    #[test]
    fn without_the_tab_the_remembered_api_facts_count_for_a_day() {
        let mut i = input();
        i.host = None;
        i.report = None;
        i.facts_api = Some(Remembered {
            default_card: DefaultCard::Set,
            default_expired: Known::No,
            default_at: i.now - 60.0,
            auto_recharge: AutoRecharge::On,
            auto_at: i.now - 60.0,
        });
        let v = view(&i);
        assert_eq!(v.notice.map(|n| n.notice), Some(Notice::NotBilling));
        assert!(v.auto.iter().all(|r| r.status == Known::Yes && r.open.is_none()));
        // Not a tab the extension reads: no header about it.
        assert_eq!(v.tab, None);
    }

    #[test]
    fn notices_say_why_the_tab_cannot_be_read() {
        let mut i = input();
        i.permitted = false;
        let n = view(&i).notice.unwrap();
        assert_eq!((n.notice, n.button), (Notice::NoPermission, Some(Button::Grant("Allow on OpenAI billing pages"))));
        let mut i = input();
        i.report = None;
        assert_eq!(view(&i).notice.map(|n| n.notice), Some(Notice::Reload));
        let mut i = input();
        i.report.as_mut().unwrap().failed = true;
        assert_eq!(view(&i).notice.map(|n| n.notice), Some(Notice::Failed));
        let mut i = input();
        i.report.as_mut().unwrap().active = false;
        let n = view(&i).notice.unwrap();
        assert_eq!((n.notice, n.button), (Notice::NotBilling, Some(Button::Open(OVERVIEW_URL, "Open Billing overview"))));
    }

    #[test]
    fn the_popup_speaks_the_setting_or_the_browser_language() {
        assert_eq!(ui_lang(None, "en-US"), Lang::En);
        assert_eq!(ui_lang(None, "zh-CN"), Lang::from_id("zh-CN").unwrap());
        assert_eq!(ui_lang(None, "zh_TW"), Lang::from_id("zh-TW").unwrap());
        assert_eq!(ui_lang(None, "zh-HK"), Lang::from_id("zh-TW").unwrap());
        assert_eq!(ui_lang(None, "pt-PT"), Lang::from_id("pt-BR").unwrap());
        assert_eq!(ui_lang(None, "de-AT"), Lang::from_id("de").unwrap());
        assert_eq!(ui_lang(None, "nl-NL"), Lang::En);
        assert_eq!(ui_lang(Some("ja"), "en-US"), Lang::from_id("ja").unwrap());
        assert_eq!(ui_lang(Some("auto"), "ko"), Lang::from_id("ko").unwrap());
    }

    #[test]
    fn the_report_holds_reason_page_states_versions_and_nothing_else() {
        let r = view(&input()).report;
        assert_eq!(
            r,
            "Decline Doctor report\n\
             Reason: generic_decline (Your bank, or Stripe's fraud screening, refused the payment without giving a reason. It is usually fixable from your side or your bank's.)\n\
             Page: platform.openai.com/settings/organization/billing/overview\n\
             Seen: 2026-11-18 11:06 UTC\n\
             Paying for: top_up\n\
             Went through afterwards: no\n\
             Default card: missing\n\
             Auto recharge: off\n\
             Default card expired: unknown\n\
             Extension: Decline Doctor 0.1.0\n\
             Browser: Chrome 156\n"
        );
    }

    #[test]
    fn a_decline_the_page_later_said_went_through_has_no_steps_left() {
        let mut i = input();
        i.last_decline.as_mut().unwrap().resolved = true;
        let d = view(&i).decline.unwrap();
        assert!(d.resolved.is_some());
        assert!(d.steps.is_empty());
        assert!(view(&i).report.contains("Went through afterwards: yes\n"));
    }

    #[test]
    fn browsers_and_dates() {
        assert_eq!(browser_name("Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0"), "Firefox 153");
        assert_eq!(browser_name("... Chrome/140.0.0.0 Safari/537.36 Edg/140.0.1"), "Edge 140");
        assert_eq!(browser_name("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0.0.0 Safari/537.36"), "Chrome (headless) 156");
        assert_eq!(format_utc(0.0), "1970-01-01 00:00 UTC");
        assert_eq!(format_utc(951_782_400.0), "2000-02-29 00:00 UTC");
    }
}
