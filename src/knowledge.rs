//! The knowledge tables, generated at build time from `src/knowledge/*.toml`
//! (see `build.rs`), and small lookups over them.

use crate::facts::{FactKind, FactMatch};
use crate::state::{AutoRecharge, DefaultCard, Known, Page, System};
use std::sync::OnceLock;

/// A text the user may be shown (step, summary, UI string, message
/// example). All of them live in one deflated blob, inflated on first use:
/// ten languages of text would otherwise be most of the wasm.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Text(pub u16);

impl Text {
    pub fn get(self) -> &'static str {
        texts().get(self.0 as usize).copied().unwrap_or("")
    }
}

fn texts() -> &'static [&'static str] {
    static TEXTS: OnceLock<Vec<&'static str>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(TEXT_BLOB, TEXT_BYTES).unwrap_or_default();
        let blob: &'static str = String::from_utf8(bytes).unwrap_or_default().leak();
        let mut v = Vec::with_capacity(TEXT_COUNT);
        v.extend(blob.split('\0'));
        v
    })
}

/// Where a pattern, reason or step comes from.
#[derive(Debug)]
pub struct SourceDef {
    pub id: &'static str,
    /// "official" | "observed" | "community"
    pub quality: &'static str,
    pub title: Text,
    /// A link is only ever an official stripe.com / openai.com page; empty otherwise.
    pub url: &'static str,
}

#[derive(Debug)]
pub struct StepDef {
    pub step: Step,
    pub sources: &'static [usize],
    /// What to do, indexed like [`SHOWN`].
    pub act: &'static [Text],
    /// Why, in one sentence, indexed like [`SHOWN`].
    pub why: &'static [Text],
}

#[derive(Debug)]
pub struct ReasonDef {
    pub reason: Reason,
    pub sources: &'static [usize],
    pub steps: &'static [Step],
    pub summary: &'static [Text],
}

#[derive(Debug)]
pub struct MessageDef {
    pub lang: Lang,
    pub reason: Reason,
    /// The phrase's wordings as written (what the panel quotes); matched
    /// after [`crate::text::for_match`] (see [`crate::classify`]).
    pub wordings: &'static [Text],
    /// A real example as pages show it.
    pub example: Text,
    pub source: usize,
}

/// One condition of a rule.
#[derive(Debug, Clone, Copy)]
pub enum Cond {
    /// Any of these reasons.
    Reason(&'static [Reason]),
    System(System),
    Page(Page),
    DefaultCard(DefaultCard),
    AutoRecharge(AutoRecharge),
    DefaultExpired(Known),
}

#[derive(Debug)]
pub struct RuleDef {
    pub when: &'static [Cond],
    pub first: &'static [Step],
    pub remove: &'static [Step],
    pub sources: &'static [usize],
}

#[derive(Debug)]
pub struct RouteDef {
    pub host: &'static str,
    pub path: &'static str,
    pub system: System,
    pub page: Page,
}

#[derive(Debug)]
pub struct FactDef {
    pub kind: FactKind,
    pub how: FactMatch,
    /// The text after [`crate::text::fold`].
    pub text: &'static str,
    pub source: usize,
}

include!(concat!(env!("OUT_DIR"), "/knowledge.rs"));

impl Lang {
    /// Index into the per-language text slices, if this language is shown.
    pub fn shown_index(self) -> Option<usize> {
        SHOWN.iter().position(|&l| l == self)
    }
    /// The language's own name ("English", "简体中文").
    pub fn name(self) -> &'static str {
        LANG_NAMES[self as usize]
    }
}

impl Step {
    pub fn def(self) -> &'static StepDef {
        &STEPS[self as usize]
    }
}

impl Reason {
    pub fn def(self) -> &'static ReasonDef {
        &REASONS[self as usize]
    }
}
