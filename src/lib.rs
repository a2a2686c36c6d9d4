//! Decline Doctor: explains a declined card on OpenAI's billing pages.
//!
//! This crate is the pure core, with no web dependency: text -> reason, page
//! facts -> billing state, (reason, state, language) -> ordered steps, the
//! content script's session (every decision, as events in and effects out),
//! placement, scheme, dismissal, the stored formats and the popup's view.
//! It is tested natively with `cargo test`. The shells are crates of their
//! own that decide nothing: `src/content` (the content script) and
//! `src/popup` (the popup), each compiled to wasm.
//! All knowledge (patterns, reasons, steps, translations, sources, routes,
//! page vocabulary) is data in `src/knowledge/`, compiled in by `build.rs`.

// The popup's checklist (and its texts): not in the content script's wasm.
#[cfg(any(not(target_arch = "wasm32"), feature = "popup"))]
pub mod checklist;
pub mod classify;
pub mod facts;
pub mod formats;
pub mod knowledge;
pub mod limits;
pub mod place;
pub mod plan;
pub mod presence;
pub mod route;
pub mod scheme;
pub mod session;
pub mod state;
pub mod text;
pub mod unseen;
pub mod vocab;


