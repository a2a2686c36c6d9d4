//! The knowledge tables, generated at build time from `src/knowledge/*.toml`
//! (see `build.rs`), and small lookups over them.

use crate::facts::{FactKind, FactMatch};
use crate::state::{AutoRecharge, DefaultCard, Known, Page, System};

/// Where a pattern, reason or step comes from.
#[derive(Debug)]
pub struct SourceDef {
    pub id: &'static str,
    /// "official" | "observed" | "community"
    pub quality: &'static str,
    pub title: &'static str,
    /// A link is only ever an official stripe.com / openai.com page; empty otherwise.
    pub url: &'static str,
}

#[derive(Debug)]
pub struct StepDef {
    pub step: Step,
    pub sources: &'static [usize],
    /// What to do, indexed like [`SHOWN`].
    pub act: &'static [&'static str],
    /// Why, in one sentence, indexed like [`SHOWN`].
    pub why: &'static [&'static str],
}

#[derive(Debug)]
pub struct ReasonDef {
    pub reason: Reason,
    pub sources: &'static [usize],
    pub steps: &'static [Step],
    pub summary: &'static [&'static str],
}

#[derive(Debug)]
pub struct MessageDef {
    pub lang: Lang,
    pub reason: Reason,
    /// The phrase after [`crate::text::for_match`].
    pub phrase: &'static str,
    /// A real example as pages show it.
    pub example: &'static str,
    pub source: usize,
}

/// One condition of a rule.
#[derive(Debug, Clone, Copy)]
pub enum Cond {
    Reason(Reason),
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
