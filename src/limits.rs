//! How much of a page the content script reads in one go: the bounds that
//! keep every call into Rust short whatever the page holds (a 1 MB text
//! node, a 10,000-row table, inline markup nested a thousand deep). The work
//! of one call is bounded by these counts, by construction, not by a clock:
//! a clock budget lets a slow machine (or a slow step) overrun it, and tests
//! of it can only time. `tests/e2e/trust.test.js` counts what a call does on
//! a hostile page; `./bench.sh` reports how long the longest call takes.
//!
//! The shell carries these out; the numbers and their reasons are here.

/// A line's text is read up to about this many bytes; the rest of it is not
/// read. A decline message is one sentence: the longest one we know
/// (Stripe's velocity message) has 97 characters, about 300 bytes in the
/// scripts we read; an error spot holds one or two sentences. An element whose
/// own text runs past 4 KB is a paragraph, a log or a table, not an error
/// message, and its beginning is where a message would stand. Reading stops
/// at the first piece past this, so at most `MAX_LINE_BYTES + MAX_TEXT_NODE`
/// bytes (plus separators) reach the classifier per line.
pub const MAX_LINE_BYTES: usize = 4000;

/// A single text node longer than this (in UTF-16 units, as the DOM counts)
/// is no part of a sentence we read: it costs a length check, never a copy.
pub const MAX_TEXT_NODE: u32 = 2000;

/// Nodes visited while reading one line (text, comments, empty inline
/// elements): a line of 100,000 comments or empty spans is cut here.
pub const MAX_LINE_NODES: u32 = 1000;

/// Inline ancestors climbed to find the element a node's line belongs to.
/// Real inline markup nests a few levels; past this the node is not read.
pub const MAX_INLINE_DEPTH: u32 = 64;

/// Reading the page is split into tasks of at most this many units of work:
/// one unit per element visited, plus one per [`BYTES_PER_UNIT`] bytes of
/// text read. What is left continues in the next task, so a page that adds
/// 10,000 elements at once costs many short tasks, never a long one. (An
/// error message is a handful of nodes: read in the task that inserted it.)
pub const READ_UNITS_PER_TASK: u32 = 400;

/// Bytes of line text that cost one unit of [`READ_UNITS_PER_TASK`].
pub const BYTES_PER_UNIT: usize = 128;

/// Lines tracked at once (lines that state a decline or a page fact). A
/// billing page shows a handful; a page that shows thousands (a table of
/// "Default" badges) does not get more of our time for it: facts past this
/// are not read.
pub const MAX_TRACKED: usize = 200;

/// Page controls measured to keep the panel clear of them: the first ones
/// in document order (a dialog has a few, a billing page a few dozen).
pub const MAX_CONTROLS: u32 = 300;

/// Ancestors looked at for the background colour behind an element.
pub const MAX_BACKGROUND_DEPTH: u32 = 64;

/// The cost in units of reading a line of `bytes` bytes.
pub fn line_cost(bytes: usize) -> u32 {
    1 + u32::try_from(bytes / BYTES_PER_UNIT).unwrap_or(u32::MAX)
}

/// "Show me" outlines at most this many controls at once (one "Set as
/// default" per card): an account lists a handful of cards.
pub const MAX_OUTLINED: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_line_read_fits_in_one_task() {
        // The most one line can cost, read whole in the task it is in.
        let worst = line_cost(MAX_LINE_BYTES + 3 * MAX_TEXT_NODE as usize);
        assert!(worst < READ_UNITS_PER_TASK / 4, "{worst}");
        assert_eq!(line_cost(0), 1);
        assert_eq!(line_cost(300), 3);
    }
}
