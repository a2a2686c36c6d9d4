//! Decline Doctor: explains a declined card on OpenAI's billing pages.
//!
//! The crate is a pure core (text -> reason, page facts -> billing state,
//! (reason, state, language) -> ordered steps; placement, scheme and
//! dismissal decisions) tested natively with `cargo test`, plus, on wasm32
//! with the `content` feature, the content-script shell in [`shell`] that
//! reads the DOM, renders the panel and talks to storage but decides nothing;
//! with the `popup` feature, the popup's shell in [`popup`] (the checklist,
//! decided by [`checklist`]).
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

#[cfg(all(target_arch = "wasm32", feature = "content"))]
mod shell;

#[cfg(all(target_arch = "wasm32", feature = "popup"))]
mod popup;
