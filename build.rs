//! Compiles the knowledge in `src/knowledge/*.toml` into typed static tables
//! (`$OUT_DIR/knowledge.rs`, included by `src/knowledge.rs`). Ids become
//! enums, so a rule that names a step that does not exist fails the build,
//! and the wasm carries no TOML parser. Phrases are normalised here with the
//! same `src/text.rs` the core uses on page text.

#[path = "src/text.rs"]
#[allow(dead_code)]
mod text;

// The enums the data names (pages, actions, states, fact kinds), written
// once in the core: the data's ids are checked against the same lists.
#[path = "src/vocab.rs"]
#[allow(dead_code)]
mod vocab;

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

type Texts = BTreeMap<String, String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sources {
    source: Vec<Source>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    id: String,
    quality: String,
    title: String,
    url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Langs {
    fallback_note: String,
    lang: Vec<LangDef>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LangDef {
    tag: String,
    name: String,
    shown: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Messages {
    message: Vec<Message>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Message {
    lang: String,
    reason: String,
    phrase: String,
    example: String,
    surface: String,
    evidence: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Steps {
    step: Vec<StepDef>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepDef {
    id: String,
    sources: Vec<String>,
    #[serde(rename = "do")]
    act: Texts,
    why: Texts,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reasons {
    reason: Vec<ReasonDef>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReasonDef {
    id: String,
    sources: Vec<String>,
    steps: Vec<String>,
    summary: Texts,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rules {
    rule: Vec<Rule>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    when: BTreeMap<String, toml::Value>,
    #[serde(default)]
    first: Vec<String>,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    replace: Vec<[String; 2]>,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Routes {
    route: Vec<Route>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Route {
    host: String,
    path: String,
    #[serde(default)]
    hash: String,
    system: String,
    page: String,
    #[serde(default)]
    action: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    ignore: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Facts {
    fact: Vec<Fact>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fact {
    kind: String,
    #[serde(default)]
    action: Option<String>,
    #[serde(rename = "match")]
    how: String,
    text: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dom {
    inline_tags: Vec<String>,
    skip_tags: Vec<String>,
    skip_also: Vec<String>,
    modal_selector: String,
    toast_selector: String,
    toggle_selector: String,
    control_selector: String,
    error_spot_selector: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Unseen {
    gap: usize,
    lang: Vec<UnseenLang>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnseenLang {
    tag: String,
    card: Vec<String>,
    declined: Vec<String>,
    not_opening: Vec<String>,
    not_anywhere: Vec<String>,
    either_order: bool,
    evidence: String,
}

fn read<T: for<'de> Deserialize<'de>>(dir: &Path, name: &str) -> T {
    let path = dir.join(name);
    println!("cargo:rerun-if-changed={}", path.display());
    let src = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&src).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `generic_decline` -> `GenericDecline`; `zh-CN` -> `ZhCn`.
fn camel(id: &str) -> String {
    id.split(['_', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut cs = p.chars();
            let first = cs.next().unwrap().to_ascii_uppercase();
            std::iter::once(first).chain(cs.map(|c| c.to_ascii_lowercase())).collect::<String>()
        })
        .collect()
}

fn fail(msg: String) -> ! {
    panic!("knowledge: {msg}")
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

struct Gen {
    out: String,
}

impl Gen {
    fn enum_(&mut self, name: &str, doc: &str, ids: &[String]) {
        writeln!(self.out, "/// {doc}").unwrap();
        writeln!(self.out, "#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]").unwrap();
        writeln!(self.out, "#[repr(u8)]\npub enum {name} {{").unwrap();
        for id in ids {
            writeln!(self.out, "    {},", camel(id)).unwrap();
        }
        writeln!(self.out, "}}\nimpl {name} {{").unwrap();
        write!(self.out, "    pub const ALL: &'static [{name}] = &[").unwrap();
        for id in ids {
            write!(self.out, "{name}::{}, ", camel(id)).unwrap();
        }
        writeln!(self.out, "];").unwrap();
        writeln!(self.out, "    pub fn id(self) -> &'static str {{ [").unwrap();
        for id in ids {
            write!(self.out, "{}, ", lit(id)).unwrap();
        }
        writeln!(self.out, "][self as usize] }}").unwrap();
        writeln!(
            self.out,
            "    pub fn from_id(id: &str) -> Option<{name}> {{ Self::ALL.iter().copied().find(|x| x.id() == id) }}\n}}"
        )
        .unwrap();
    }
}

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").unwrap();
    let dir = Path::new(&root).join("src/knowledge");
    println!("cargo:rerun-if-changed=src/text.rs");
    println!("cargo:rerun-if-changed=src/vocab.rs");

    let sources: Sources = read(&dir, "sources.toml");
    let langs: Langs = read(&dir, "languages.toml");
    let messages: Messages = read(&dir, "messages.toml");
    let steps: Steps = read(&dir, "steps.toml");
    let reasons: Reasons = read(&dir, "reasons.toml");
    let rules: Rules = read(&dir, "rules.toml");
    let routes: Routes = read(&dir, "routes.toml");
    let facts: Facts = read(&dir, "facts.toml");
    let dom: Dom = read(&dir, "dom.toml");
    let unseen: Unseen = read(&dir, "unseen.toml");
    let ui: BTreeMap<String, Texts> = read(&dir, "ui.toml");
    let popup: BTreeMap<String, Texts> = read(&dir, "popup.toml");

    // ---- ids and cross-references ------------------------------------
    let source_ids: Vec<String> = sources.source.iter().map(|s| s.id.clone()).collect();
    let source_ix = |id: &str, what: &str| -> usize {
        source_ids.iter().position(|s| s == id).unwrap_or_else(|| fail(format!("{what}: unknown source `{id}`")))
    };
    for s in &sources.source {
        if !["official", "observed", "community"].contains(&s.quality.as_str()) {
            fail(format!("source {}: quality `{}`", s.id, s.quality));
        }
    }
    let lang_tags: Vec<String> = langs.lang.iter().map(|l| l.tag.clone()).collect();
    let shown: Vec<String> = langs.lang.iter().filter(|l| l.shown).map(|l| l.tag.clone()).collect();
    if shown.first().map(String::as_str) != Some("en") {
        fail("the first shown language must be `en` (the fallback)".into());
    }
    let step_ids: Vec<String> = steps.step.iter().map(|s| s.id.clone()).collect();
    let reason_ids: Vec<String> = reasons.reason.iter().map(|r| r.id.clone()).collect();
    for (what, ids) in [("step", &step_ids), ("reason", &reason_ids), ("source", &source_ids), ("lang", &lang_tags)] {
        let set: BTreeSet<_> = ids.iter().collect();
        if set.len() != ids.len() {
            fail(format!("duplicate {what} id"));
        }
    }
    let step_of = |id: &str, what: &str| -> String {
        if !step_ids.iter().any(|s| s == id) {
            fail(format!("{what}: unknown step `{id}`"));
        }
        format!("Step::{}", camel(id))
    };
    let reason_of = |id: &str, what: &str| -> String {
        if !reason_ids.iter().any(|s| s == id) {
            fail(format!("{what}: unknown reason `{id}`"));
        }
        format!("Reason::{}", camel(id))
    };
    let lang_of = |tag: &str, what: &str| -> String {
        if !lang_tags.iter().any(|s| s == tag) {
            fail(format!("{what}: unknown language `{tag}`"));
        }
        format!("Lang::{}", camel(tag))
    };
    // Every text a user is shown goes into one table, grouped by language
    // (it compresses better), and is referred to by its index.
    let table = std::cell::RefCell::new(TextTable::new(shown.len()));
    // Text in every shown language, as a static slice of Text ids indexed like SHOWN.
    let shown_texts = |t: &Texts, what: &str| -> String {
        for k in t.keys() {
            if !shown.contains(k) {
                fail(format!("{what}: text in `{k}`, which is not a shown language"));
            }
        }
        let items: Vec<String> = shown
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let s = t.get(l).unwrap_or_else(|| fail(format!("{what}: no `{l}` text")));
                if s.trim().is_empty() {
                    fail(format!("{what}: empty `{l}` text"));
                }
                table.borrow_mut().slot(i, s)
            })
            .collect();
        format!("&[{}]", items.join(", "))
    };
    let sources_list = |ids: &[String], what: &str| -> String {
        if ids.is_empty() {
            fail(format!("{what}: no source"));
        }
        let ix: Vec<String> = ids.iter().map(|s| source_ix(s, what).to_string()).collect();
        format!("&[{}]", ix.join(", "))
    };

    let mut g = Gen { out: String::new() };
    g.out.push_str("// @generated by build.rs from src/knowledge/*.toml. Do not edit.\n\n");
    g.enum_("Lang", "A language the extension knows (BCP 47 tag = `id()`).", &lang_tags);
    g.enum_("Reason", "Why a payment failed, as far as the page says (`data-reason`).", &reason_ids);
    g.enum_("Step", "One fix step (`data-steps`).", &step_ids);

    // ---- languages ---------------------------------------------------
    write!(g.out, "/// Languages every text is written in; index 0 is the fallback.\npub static SHOWN: &[Lang] = &[").unwrap();
    for l in &shown {
        write!(g.out, "{}, ", lang_of(l, "shown")).unwrap();
    }
    g.out.push_str("];\n");
    write!(g.out, "pub static LANG_NAMES: &[&str] = &[").unwrap();
    for l in &langs.lang {
        write!(g.out, "{}, ", lit(&l.name)).unwrap();
    }
    g.out.push_str("];\n");

    // ---- sources -----------------------------------------------------
    g.out.push_str("pub static SOURCES: &[SourceDef] = &[\n");
    for s in &sources.source {
        writeln!(
            g.out,
            "    SourceDef {{ #[cfg(not(target_arch = \"wasm32\"))] id: {}, #[cfg(not(target_arch = \"wasm32\"))] quality: {}, title: {}, url: {} }},",
            lit(&s.id),
            lit(&s.quality),
            table.borrow_mut().shared(&s.title),
            lit(&s.url)
        )
        .unwrap();
    }
    g.out.push_str("];\n");

    // ---- steps ---------------------------------------------------------
    g.out.push_str("pub static STEPS: &[StepDef] = &[\n");
    for s in &steps.step {
        let what = format!("step {}", s.id);
        writeln!(
            g.out,
            "    StepDef {{ step: {}, sources: {}, act: {}, why: {} }},",
            step_of(&s.id, &what),
            sources_list(&s.sources, &what),
            shown_texts(&s.act, &what),
            shown_texts(&s.why, &what)
        )
        .unwrap();
    }
    g.out.push_str("];\n");

    // ---- reasons -----------------------------------------------------
    g.out.push_str("pub static REASONS: &[ReasonDef] = &[\n");
    for r in &reasons.reason {
        let what = format!("reason {}", r.id);
        if r.steps.is_empty() {
            fail(format!("{what}: no steps"));
        }
        let st: Vec<String> = r.steps.iter().map(|s| step_of(s, &what)).collect();
        writeln!(
            g.out,
            "    ReasonDef {{ reason: Reason::{}, sources: {}, steps: &[{}], summary: {} }},",
            camel(&r.id),
            sources_list(&r.sources, &what),
            st.join(", "),
            shown_texts(&r.summary, &what)
        )
        .unwrap();
    }
    g.out.push_str("];\n");

    // ---- messages ----------------------------------------------------
    g.out.push_str("pub static MESSAGES: &[MessageDef] = &[\n");
    for m in &messages.message {
        let what = format!("message {:?}", m.phrase);
        // Only the wordings are stored: `classify` normalises them at run
        // time; the build checks each is one clause once normalised.
        let mut wordings = Vec::new();
        for variant in expand(&m.phrase, &what) {
            let norm = text::for_match(&variant);
            if norm.is_empty() || norm.contains(text::BOUNDARY) {
                fail(format!("{what}: a phrase is one clause (normalised: {norm:?})"));
            }
            wordings.push(table.borrow_mut().wording(&variant));
        }
        if !["checkout", "elements", "api", "sdk", "chatgpt"].contains(&m.surface.as_str()) {
            fail(format!("{what}: surface `{}`", m.surface));
        }
        if !["official", "observed", "claim", "guess"].contains(&m.evidence.as_str()) {
            fail(format!("{what}: evidence `{}`", m.evidence));
        }
        writeln!(
            g.out,
            "    MessageDef {{ lang: {}, reason: {}, wordings: &[{}], #[cfg(not(target_arch = \"wasm32\"))] example: {}, #[cfg(not(target_arch = \"wasm32\"))] surface: {}, #[cfg(not(target_arch = \"wasm32\"))] evidence: {}, #[cfg(not(target_arch = \"wasm32\"))] sources: {} }},",
            lang_of(&m.lang, &what),
            reason_of(&m.reason, &what),
            wordings.join(", "),
            lit(&m.example),
            lit(&m.surface),
            lit(&m.evidence),
            sources_list(&m.sources, &what)
        )
        .unwrap();
    }
    g.out.push_str("];\n");

    // ---- unseen wordings ----------------------------------------------
    // Words normalised like page text, each one clause.
    let words = |list: &[String], what: &str| -> String {
        let items: Vec<String> = list
            .iter()
            .map(|w| {
                let norm = text::for_match(w);
                if norm.is_empty() || norm.contains(text::BOUNDARY) {
                    fail(format!("{what}: `{w}` is not a word or phrase (normalised: {norm:?})"));
                }
                if norm.contains('|') {
                    fail(format!("{what}: `{w}` holds '|', the words' separator"));
                }
                norm
            })
            .collect();
        lit(&items.join("|"))
    };
    writeln!(g.out, "/// Bytes between an unseen sentence's card word and its declined word, at most.\npub const UNSEEN_GAP: usize = {};", unseen.gap).unwrap();
    g.out.push_str("pub static UNSEEN: &[UnseenDef] = &[\n");
    for u in &unseen.lang {
        let what = format!("unseen {}", u.tag);
        if u.card.is_empty() || u.declined.is_empty() || u.evidence.trim().is_empty() {
            fail(format!("{what}: card and declined words, and their evidence, are needed"));
        }
        writeln!(
            g.out,
            "    UnseenDef {{ lang: {}, card: {}, declined: {}, not_opening: {}, not_anywhere: {}, either_order: {} }},",
            lang_of(&u.tag, &what),
            words(&u.card, &what),
            words(&u.declined, &what),
            words(&u.not_opening, &what),
            words(&u.not_anywhere, &what),
            u.either_order
        )
        .unwrap();
    }
    g.out.push_str("];\n");

    // ---- rules -------------------------------------------------------
    g.out.push_str("pub static RULES: &[RuleDef] = &[\n");
    for (i, r) in rules.rule.iter().enumerate() {
        let what = format!("rule #{}", i + 1);
        let mut when = String::new();
        for (k, value) in &r.when {
            let v = value.as_str().unwrap_or("");
            let cond = match k.as_str() {
                "reason" => {
                    let ids: Vec<&str> = match value {
                        toml::Value::Array(a) => a.iter().map(|x| x.as_str().unwrap_or("")).collect(),
                        _ => vec![v],
                    };
                    let rs: Vec<String> = ids.iter().map(|id| reason_of(id, &what)).collect();
                    format!("Cond::Reason(&[{}])", rs.join(", "))
                }
                "system" => format!("Cond::System(System::{})", variant::<vocab::System>(v, &what)),
                "page" => format!("Cond::Page(Page::{})", variant::<vocab::Page>(v, &what)),
                "action" => {
                    let ids: Vec<&str> = match value {
                        toml::Value::Array(a) => a.iter().map(|x| x.as_str().unwrap_or("")).collect(),
                        _ => vec![v],
                    };
                    let xs: Vec<String> = ids.iter().map(|id| format!("Action::{}", variant::<vocab::Action>(id, &what))).collect();
                    format!("Cond::Action(&[{}])", xs.join(", "))
                }
                "cards_expired" => {
                    format!("Cond::CardsExpired(Known::{})", variant::<vocab::Known>(v, &what))
                }
                "default_card" => {
                    format!("Cond::DefaultCard(DefaultCard::{})", variant::<vocab::DefaultCard>(v, &what))
                }
                "auto_recharge" => {
                    format!("Cond::AutoRecharge(AutoRecharge::{})", variant::<vocab::AutoRecharge>(v, &what))
                }
                "default_card_expired" => {
                    format!("Cond::DefaultExpired(Known::{})", variant::<vocab::Known>(v, &what))
                }
                _ => fail(format!("{what}: unknown condition `{k}`")),
            };
            if k != "reason" && k != "action" && !value.is_str() {
                fail(format!("{what}: `{k}` takes one value"));
            }
            write!(when, "{cond}, ").unwrap();
        }
        if r.first.is_empty() && r.remove.is_empty() && r.replace.is_empty() {
            fail(format!("{what}: no action"));
        }
        let first: Vec<String> = r.first.iter().map(|s| step_of(s, &what)).collect();
        let remove: Vec<String> = r.remove.iter().map(|s| step_of(s, &what)).collect();
        let replace: Vec<String> = r.replace.iter().map(|[a, b]| format!("({}, {})", step_of(a, &what), step_of(b, &what))).collect();
        writeln!(
            g.out,
            "    RuleDef {{ when: &[{when}], first: &[{}], remove: &[{}], replace: &[{}], sources: {} }},",
            first.join(", "),
            remove.join(", "),
            replace.join(", "),
            sources_list(&r.sources, &what)
        )
        .unwrap();
    }
    g.out.push_str("];\n");

    // ---- routes --------------------------------------------------------
    g.out.push_str("pub static ROUTES: &[RouteDef] = &[\n");
    for r in &routes.route {
        let what = format!("route {}{}{}", r.host, r.path, r.hash);
        if !r.path.starts_with('/') || (r.path.ends_with('/') && r.path != "/") {
            fail(format!("{what}: path starts with '/' and does not end with one (but \"/\")"));
        }
        if !r.hash.is_empty() && !r.hash.starts_with('#') {
            fail(format!("{what}: hash starts with '#'"));
        }
        writeln!(
            g.out,
            "    RouteDef {{ host: {}, path: {}, hash: {}, system: System::{}, page: Page::{}, action: Action::{}, scope: Scope::{}, ignore: {} }},",
            lit(&r.host),
            lit(&r.path),
            lit(&r.hash),
            variant::<vocab::System>(&r.system, &what),
            variant::<vocab::Page>(&r.page, &what),
            variant::<vocab::Action>(r.action.as_deref().unwrap_or("unknown"), &what),
            variant::<vocab::Scope>(r.scope.as_deref().unwrap_or("page"), &what),
            r.ignore
        )
        .unwrap();
    }
    g.out.push_str("];\n");

    // ---- page facts ----------------------------------------------------
    g.out.push_str("pub static FACTS: &[FactDef] = &[\n");
    for f in &facts.fact {
        let what = format!("fact {:?}", f.text);
        let kind = variant::<vocab::FactKind>(&f.kind, &what);
        let how = variant::<vocab::FactMatch>(&f.how, &what);
        if (kind == "Action") != f.action.is_some() {
            fail(format!("{what}: `action` names what an action fact is about, and only then"));
        }
        let action = variant::<vocab::Action>(f.action.as_deref().unwrap_or("unknown"), &what);
        writeln!(
            g.out,
            "    FactDef {{ kind: FactKind::{kind}, how: FactMatch::{how}, text: {}, action: Action::{action}, source: {} }},",
            lit(&text::fold(&f.text)),
            source_ix(&f.source, &what)
        )
        .unwrap();
    }
    g.out.push_str("];\n");

    // ---- DOM tables ----------------------------------------------------
    // Element kinds as selector lists: the browser matches them natively (one
    // call per element, no tag-name strings crossing into wasm).
    let mut skip = dom.skip_tags.clone();
    skip.extend(dom.skip_also.iter().cloned());
    writeln!(g.out, "/// Elements whose content is never read.").unwrap();
    writeln!(g.out, "pub static SKIP_SELECTOR: &str = {};", lit(&skip.join(","))).unwrap();
    writeln!(g.out, "/// Elements whose text continues the surrounding line.").unwrap();
    writeln!(g.out, "pub static INLINE_SELECTOR: &str = {};", lit(&dom.inline_tags.join(","))).unwrap();
    for (name, v) in [
        ("MODAL_SELECTOR", &dom.modal_selector),
        ("TOAST_SELECTOR", &dom.toast_selector),
        ("TOGGLE_SELECTOR", &dom.toggle_selector),
        ("CONTROL_SELECTOR", &dom.control_selector),
        ("ERROR_SPOT_SELECTOR", &dom.error_spot_selector),
    ] {
        writeln!(g.out, "pub static {name}: &str = {};", lit(v)).unwrap();
    }

    // ---- UI strings ----------------------------------------------------
    g.out.push_str("/// The panel's own words; each field is indexed like `SHOWN`.\npub struct Ui {\n");
    for k in ui.keys() {
        writeln!(g.out, "    pub {k}: &'static [Text],").unwrap();
    }
    g.out.push_str("}\npub static UI: Ui = Ui {\n");
    for (k, t) in &ui {
        writeln!(g.out, "    {k}: {},", shown_texts(t, &format!("ui {k}"))).unwrap();
    }
    g.out.push_str("};\n");
    writeln!(g.out, "pub static FALLBACK_NOTE: Text = {};", table.borrow_mut().shared(&langs.fallback_note)).unwrap();

    // The popup's words: plain strings, only in the popup build (and native tests).
    let gate = "#[cfg(any(not(target_arch = \"wasm32\"), feature = \"popup\"))]";
    writeln!(g.out, "/// The popup's words; each field is indexed like `SHOWN`.\n{gate}\npub struct PopupUi {{").unwrap();
    for k in popup.keys() {
        writeln!(g.out, "    pub {k}: &'static [&'static str],").unwrap();
    }
    writeln!(g.out, "}}\n{gate}\npub static POPUP: PopupUi = PopupUi {{").unwrap();
    for (k, t) in &popup {
        let what = format!("popup {k}");
        let mut items = Vec::new();
        for l in &shown {
            let v = t.get(l).unwrap_or_else(|| fail(format!("{what}: no `{l}` text")));
            items.push(lit(v));
        }
        if let Some(extra) = t.keys().find(|k| !shown.contains(k)) {
            fail(format!("{what}: text in `{extra}`, which is not a shown language"));
        }
        writeln!(g.out, "    {k}: &[{}],", items.join(", ")).unwrap();
    }
    g.out.push_str("};\n");

    // The text blob: every shown text, grouped by language, NUL-separated,
    // deflated. Placeholders become ids in layout order.
    let out_dir = env::var("OUT_DIR").unwrap();
    let (wordings, blob, counts, ids) = table.into_inner().finish();
    for (name, file, text, count) in [
        ("WORDING", "wordings.deflate", &wordings, counts[0]),
        ("TEXT", "texts.deflate", &blob, counts[1]),
    ] {
        let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 10);
        fs::write(Path::new(&out_dir).join(file), &packed).unwrap();
        writeln!(g.out, "pub static {name}_BLOB: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\"));").unwrap();
        writeln!(g.out, "pub const {name}_BYTES: usize = {};", text.len()).unwrap();
        writeln!(g.out, "pub const {name}_COUNT: usize = {count};").unwrap();
    }
    let code = resolve_text_ids(&g.out, &ids);

    let out = Path::new(&out_dir).join("knowledge.rs");
    fs::write(out, code).unwrap();

    // The panel's style sheet, without comments and layout whitespace (it
    // is a string in the wasm).
    println!("cargo:rerun-if-changed=extension/content/panel.css");
    let css = fs::read_to_string("extension/content/panel.css").unwrap();
    fs::write(Path::new(&out_dir).join("panel.min.css"), minify_css(&css)).unwrap();
}

/// Drops comments, collapses whitespace, and removes it where CSS never
/// needs it: around `{ } ; ,` and after `:`. (A space before `:` is kept:
/// in a selector it means a descendant.)
fn minify_css(css: &str) -> String {
    let mut plain = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        plain.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    plain.push_str(rest);
    let mut out = String::with_capacity(plain.len());
    for word in plain.split_whitespace() {
        let joins = |c: Option<char>| matches!(c, Some('{' | '}' | ';' | ',' | ':'));
        if !out.is_empty() && !joins(out.chars().last()) && !matches!(word.chars().next(), Some('{' | '}' | ';' | ',')) {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.replace(";}", "}")
}

/// Replaces each `@@n@@` placeholder with the text's final id.
fn resolve_text_ids(code: &str, ids: &[usize]) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(i) = rest.find("@@") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let j = after.find("@@").unwrap();
        let tmp: usize = after[..j].parse().unwrap();
        out.push_str(&ids[tmp].to_string());
        rest = &after[j + 2..];
    }
    out.push_str(rest);
    out
}

/// Shown texts, collected per language and laid out language by language,
/// after the message wordings (which the classifier needs from the start and
/// which go into a small blob of their own).
struct TextTable {
    /// The wordings, then per language slot, then one shared slot: (placeholder, text).
    slots: Vec<Vec<(usize, String)>>,
    next: usize,
}

impl TextTable {
    fn new(langs: usize) -> Self {
        TextTable { slots: vec![Vec::new(); langs + 2], next: 0 }
    }
    /// A text in language slot `lang`; returns the `Text(..)` expression.
    fn slot(&mut self, lang: usize, s: &str) -> String {
        self.put(lang + 1, s)
    }
    /// A message wording (matched as soon as the content script starts).
    fn wording(&mut self, s: &str) -> String {
        self.put(0, s)
    }
    fn put(&mut self, slot: usize, s: &str) -> String {
        if s.contains('\0') {
            fail(format!("text contains NUL: {s:?}"));
        }
        let tmp = self.next;
        self.next += 1;
        self.slots[slot].push((tmp, s.to_string()));
        format!("Text(@@{tmp}@@)")
    }
    /// A text not tied to a shown language (source titles, the fallback note).
    fn shared(&mut self, s: &str) -> String {
        let last = self.slots.len() - 1;
        self.put(last, s)
    }
    /// The wordings' blob, the other texts' blob, and for each placeholder
    /// its final id (wordings first, then the rest, in layout order).
    fn finish(self) -> (String, String, [usize; 2], Vec<usize>) {
        let mut blobs = [String::new(), String::new()];
        let mut counts = [0usize; 2];
        let mut ids = vec![0; self.next];
        let mut n = 0;
        for (i, slot) in self.slots.into_iter().enumerate() {
            let b = usize::from(i > 0);
            for (tmp, s) in slot {
                if counts[b] > 0 {
                    blobs[b].push('\0');
                }
                blobs[b].push_str(&s);
                counts[b] += 1;
                ids[tmp] = n;
                n += 1;
            }
        }
        let [wordings, blob] = blobs;
        if n > u16::MAX as usize {
            fail("more than 65535 texts".into());
        }
        (wordings, blob, counts, ids)
    }
}

/// `Your card (was|has been) declined` -> both wordings.
fn expand(phrase: &str, what: &str) -> Vec<String> {
    let Some(open) = phrase.find('(') else { return vec![phrase.to_string()] };
    let close = phrase[open..].find(')').map(|i| open + i).unwrap_or_else(|| fail(format!("{what}: unclosed (")));
    let (head, tail) = (&phrase[..open], &phrase[close + 1..]);
    let mut out = Vec::new();
    for alt in phrase[open + 1..close].split('|') {
        for rest in expand(tail, what) {
            out.push(format!("{head}{alt}{rest}"));
        }
    }
    if out.len() > 16 {
        fail(format!("{what}: too many variants"));
    }
    out
}

/// The enums of `src/vocab.rs` the data names, by id.
trait Vocab: Sized + std::fmt::Debug {
    const IDS: &'static [&'static str];
    fn from_id(id: &str) -> Option<Self>;
}
macro_rules! vocab_ids {
    ($($t:ident),+) => {$(
        impl Vocab for vocab::$t {
            const IDS: &'static [&'static str] = vocab::$t::IDS;
            fn from_id(id: &str) -> Option<Self> { vocab::$t::from_id(id) }
        }
    )+};
}
vocab_ids!(System, Page, Action, Scope, DefaultCard, AutoRecharge, Known, FactKind, FactMatch);

/// A data value that must be an id of `T`, as the enum variant's name.
fn variant<T: Vocab>(v: &str, what: &str) -> String {
    match T::from_id(v) {
        Some(x) => format!("{x:?}"),
        None => fail(format!("{what}: `{v}` is not one of {:?}", T::IDS)),
    }
}
