//! The knowledge tables, generated at build time from `src/knowledge/*.toml`
//! (see `build.rs`), and small lookups over them.

use crate::vocab::{Action, AutoRecharge, Control, DefaultCard, FactKind, FactMatch, Known, Page, Scope, System};
use std::sync::OnceLock;

/// A text the user may be shown (step, summary, UI string, message
/// wording). They live in two deflated blobs, each inflated on first use:
/// the message wordings (the classifier needs them from the start, 5 KB),
/// and everything else (needed when a panel is shown; ten languages of text
/// would otherwise be most of the wasm).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Text(pub u16);

impl Text {
    pub fn get(self) -> &'static str {
        let i = self.0 as usize;
        let (texts, i) = match i.checked_sub(WORDING_COUNT) {
            None => (wordings(), i),
            Some(i) => (texts(), i),
        };
        texts.get(i).copied().unwrap_or("")
    }
}

fn inflate(blob: &[u8], bytes: usize, count: usize) -> Vec<&'static str> {
    let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(blob, bytes).unwrap_or_default();
    // SAFETY: the blobs are build.rs's deflate of a Rust `String`, embedded
    // in this binary; inflating them gives back those UTF-8 bytes (and an
    // inflate error gives an empty vector). Checked natively by
    // the test at the end of this file.
    let text: &'static str = unsafe { String::from_utf8_unchecked(raw) }.leak();
    let mut v = Vec::with_capacity(count);
    v.extend(text.split('\0'));
    v
}

fn wordings() -> &'static [&'static str] {
    static WORDINGS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDINGS.get_or_init(|| inflate(WORDING_BLOB, WORDING_BYTES, WORDING_COUNT))
}

fn texts() -> &'static [&'static str] {
    static TEXTS: OnceLock<Vec<&'static str>> = OnceLock::new();
    TEXTS.get_or_init(|| inflate(TEXT_BLOB, TEXT_BYTES, TEXT_COUNT))
}

/// Inflates the shown texts now (the shell calls this when the page is idle,
/// so that the first panel does not wait for it).
pub fn warm_texts() {
    let _ = texts();
}

/// Where a pattern, reason or step comes from.
#[derive(Debug)]
pub struct SourceDef {
    #[cfg(not(target_arch = "wasm32"))]
    pub id: &'static str,
    /// "official" | "observed" | "community"
    #[cfg(not(target_arch = "wasm32"))]
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
    /// The step as one short line, indexed like [`SHOWN`].
    pub short: &'static [Text],
    /// The controls "Show me" points at, the first found on the page.
    pub show: &'static [Control],
    /// The billing page its control is on (a link there from elsewhere).
    pub on: Option<Page>,
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
    /// A real example as pages show it (tests only).
    #[cfg(not(target_arch = "wasm32"))]
    pub example: &'static str,
    /// Where it was seen: "checkout" | "elements" | "api" | "sdk" | "chatgpt".
    #[cfg(not(target_arch = "wasm32"))]
    pub surface: &'static str,
    /// How sure: "official" | "observed" | "claim" | "guess".
    #[cfg(not(target_arch = "wasm32"))]
    pub evidence: &'static str,
    #[cfg(not(target_arch = "wasm32"))]
    pub sources: &'static [usize],
}

/// One language's words for a decline sentence we have no record of
/// (`unseen.toml`), normalised like page text.
#[derive(Debug)]
pub struct UnseenDef {
    pub lang: Lang,
    /// Each list is its words joined by '|' (one string, not a slice of them:
    /// smaller in the wasm); see [`UnseenDef::words`].
    pub card: &'static str,
    pub declined: &'static str,
    /// A clause that opens with one of these is a condition or a question.
    pub not_opening: &'static str,
    /// A clause that holds one of these is (CJK conditionals and questions).
    pub not_anywhere: &'static str,
    /// The declined word may also come first ("Se rechazó tu tarjeta").
    pub either_order: bool,
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
    /// Any of these actions (what was being paid for).
    Action(&'static [Action]),
    /// Every card listed has expired.
    CardsExpired(Known),
}

#[derive(Debug)]
pub struct RuleDef {
    pub when: &'static [Cond],
    pub first: &'static [Step],
    pub remove: &'static [Step],
    /// Steps swapped in place (the one that fits this context for another).
    pub replace: &'static [(Step, Step)],
    pub sources: &'static [usize],
}

#[derive(Debug)]
pub struct RouteDef {
    pub host: &'static str,
    pub path: &'static str,
    /// A prefix of the URL's fragment, or empty.
    pub hash: &'static str,
    pub system: System,
    pub page: Page,
    /// What a decline here is about unless the page says otherwise.
    pub action: Action,
    pub scope: Scope,
    /// A transition page: nothing to diagnose.
    pub ignore: bool,
    /// The page's name as its tab says it (a step's link to it), or empty.
    pub name: &'static str,
}

#[derive(Debug)]
pub struct FactDef {
    pub kind: FactKind,
    pub how: FactMatch,
    /// The text after [`crate::text::fold`].
    pub text: &'static str,
    /// For an action fact: what it says is being paid for.
    pub action: Action,
    /// The text is also this control ("Show me").
    pub control: Option<Control>,
    /// "Show me" outlines the form group the text heads (`GROUP_SELECTOR`).
    pub whole_group: bool,
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

impl UnseenDef {
    /// The words of one of the lists.
    pub fn words(list: &'static str) -> impl Iterator<Item = &'static str> + Clone {
        list.split('|').filter(|w| !w.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What `inflate` relies on (it skips the UTF-8 check): each blob
    /// inflates to exactly the UTF-8 text build.rs packed, with its count of
    /// NUL-separated texts.
    #[test]
    fn the_text_blobs_inflate_to_their_utf8_texts() {
        for (blob, bytes, count) in [(WORDING_BLOB, WORDING_BYTES, WORDING_COUNT), (TEXT_BLOB, TEXT_BYTES, TEXT_COUNT)] {
            let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(blob, bytes).expect("inflates");
            assert_eq!(raw.len(), bytes);
            let text = std::str::from_utf8(&raw).expect("UTF-8");
            assert_eq!(text.split('\0').count(), count);
        }
    }
}
