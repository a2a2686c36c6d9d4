//! Text normalisation shared by the build script (which normalises the
//! knowledge patterns) and the core (which normalises page text), so that both
//! sides of every comparison went through the same function.
//!
//! Two levels:
//! - [`fold`]: case, width, spacing and quote variants folded; punctuation
//!   kept. Used for page facts ("Expires 01/2024", "$4.23").
//! - [`for_match`]: `fold`, then clause punctuation becomes [`BOUNDARY`] and
//!   every other symbol becomes a space. Used for decline messages, which are
//!   matched as phrases that must open a clause.

/// Marks a clause boundary in [`for_match`] output (". ! ? : ; 。 …", dashes,
/// line breaks).
pub const BOUNDARY: char = '|';

/// Separates the text of sibling inline elements inside one line of page text
/// (the shell inserts it). Facts are read per piece; messages ignore it.
pub const PIECE: char = '\u{1f}';

/// Invisible format characters: zero-width spaces and joiners, bidi controls,
/// soft hyphen, word joiner, BOM. They change nothing a reader sees.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{61c}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}'
        | '\u{feff}')
}

/// One character folded: full-width ASCII to ASCII, typographic quotes and
/// dashes to their ASCII forms, every kind of space to ' '.
fn fold_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{2bc}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => '\n',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Case-, width- and space-folded text with punctuation kept. Runs of spaces
/// collapse to one; leading and trailing spaces go; line breaks stay (once). [`PIECE`] separators are
/// kept as they are (the spaces around them too: they tell whether two
/// inline elements' words run together).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if is_invisible(c) {
            continue;
        }
        let c = fold_char(c);
        if c == '\n' {
            // A line break (a nested block) separates clauses: kept, once.
            trim_end_space(&mut out);
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            space = false;
            continue;
        }
        if c == ' ' {
            space = !out.is_empty() && !out.ends_with('\n');
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
    out
}

fn trim_end_space(s: &mut String) {
    while s.ends_with(' ') {
        s.pop();
    }
}

/// Clause punctuation, after [`fold`] (so full-width forms are already ASCII).
fn is_clause_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ':' | ';' | '-' | '\n' | '。' | '｡' | '…')
        || c == BOUNDARY
}

/// A character that belongs to a word (letters, digits, and the marks that
/// combine with them).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{3099}'..='\u{309a}')
}

/// Scripts written without spaces between words: a phrase in them may end
/// in the middle of a run of letters.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'   // kana
        | '\u{3400}'..='\u{4dbf}' // CJK ext A
        | '\u{4e00}'..='\u{9fff}' // CJK unified
        | '\u{f900}'..='\u{faff}' // CJK compatibility
        | '\u{ff66}'..='\u{ff9f}') // half-width kana
}

/// Text prepared for phrase matching: [`fold`], then clause punctuation to
/// [`BOUNDARY`], other symbols to single spaces, piece separators removed
/// (a message split over inline elements reads as one sentence).
pub fn for_match(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars() {
        if c == PIECE {
            continue;
        }
        if is_clause_end(c) {
            trim_end_space(&mut out);
            if !out.ends_with(BOUNDARY) {
                out.push(BOUNDARY);
            }
            space = false;
        } else if is_word_char(c) {
            if space && !out.is_empty() && !out.ends_with(BOUNDARY) {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            // spaces and every other symbol ("'", quotes, commas, icons)
            space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_collapses_spacing_case_and_width() {
        assert_eq!(fold("  Your\u{a0}Card\t was  DECLINED． "), "your card was declined.");
        assert_eq!(fold("Ｙｏｕｒ card"), "your card");
        assert_eq!(fold("de\u{200b}clined\u{202e}"), "declined");
        assert_eq!(fold("card\u{2019}s"), "card's");
        assert_eq!(fold("Payment failed \n\n Your card"), "payment failed\nyour card");
    }

    #[test]
    fn fold_keeps_piece_separators_without_spaces_around_them() {
        assert_eq!(fold("Visa •••• 4242 \u{1f}  Default\u{1f}"), "visa •••• 4242 \u{1f} default\u{1f}");
    }

    #[test]
    fn for_match_marks_clauses_and_drops_symbols() {
        assert_eq!(for_match("Error: Your card was declined."), "error|your card was declined|");
        assert_eq!(for_match("⚠ Your card's CVC…"), "your card s cvc|");
        assert_eq!(for_match("您的银行卡被拒绝了。"), "您的银行卡被拒绝了|");
        assert_eq!(for_match("Your card \u{1f}was declined\u{1f}."), "your card was declined|");
        assert_eq!(for_match("Your card was decl\u{1f}ined."), "your card was declined|");
        assert_eq!(for_match("“Your card was declined”"), "your card was declined");
    }
}
