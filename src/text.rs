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

/// Marks a clause boundary in [`for_match`] output (". ! : ; 。 …", dashes,
/// line breaks).
pub const BOUNDARY: char = '|';

/// Marks the end of a clause that is a question in [`for_match`] output
/// ("?", "？"): a question is not a message ("Seu cartão foi recusado?").
pub const QUESTION: char = '?';

/// Whether `c` ends a clause in [`for_match`] output.
pub fn ends_clause(c: char) -> bool {
    c == BOUNDARY || c == QUESTION
}

/// Separates the text of sibling inline elements inside one line of page text
/// (the shell inserts it). Facts are read per piece; messages ignore it.
pub const PIECE: char = '\u{1f}';

/// Marks where a nested block (or `<br>`) breaks a line of page text (the
/// shell inserts it): a clause boundary. A newline inside a text node is not
/// one: HTML renders it as a space.
pub const BREAK: char = '\u{1e}';

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
        // Russian writes ё or е in the same word ("истёк", "истек").
        'ё' => 'е',
        'Ё' => 'Е',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Case-, width- and space-folded text with punctuation kept. Runs of spaces
/// collapse to one; leading and trailing spaces go; [`BREAK`]s stay (once). [`PIECE`] separators are
/// kept as they are (the spaces around them too: they tell whether two
/// inline elements' words run together).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if is_invisible(c) {
            continue;
        }
        if c == BREAK {
            // A nested block separates clauses: kept, once.
            trim_end_space(&mut out);
            if !out.is_empty() && !out.ends_with(BREAK) {
                out.push(BREAK);
            }
            space = false;
            continue;
        }
        let c = fold_char(c);
        if c == ' ' {
            space = !out.is_empty() && !out.ends_with(BREAK);
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(lower(c));
    }
    out
}

/// Lower case for the scripts with case among the languages we read (Latin,
/// Greek, Cyrillic). Other characters are returned as they are: both the
/// knowledge's phrases and page text go through this same function, so it
/// only has to fold consistently, and it spares the wasm std's ~11 KB
/// Unicode case table.
pub fn lower(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde => u + 0x20, // ASCII, Latin-1
        0x100..=0x137 | 0x14a..=0x177 if u & 1 == 0 => u + 1, // Latin Extended-A (pairs)
        0x139..=0x148 | 0x179..=0x17e if u & 1 == 1 => u + 1,
        0x178 => 0xff,                                         // Ÿ
        0x386 => 0x3ac,                                        // Greek Ά
        0x388..=0x38a => u + 0x25,                             // Έ Ή Ί
        0x38c => 0x3cc,                                        // Ό
        0x38e..=0x38f => u + 0x3f,                             // Ύ Ώ
        0x391..=0x3a1 | 0x3a3..=0x3ab => u + 0x20,             // Greek
        0x400..=0x40f => u + 0x50,                             // Cyrillic Ѐ..Џ
        0x410..=0x42f => u + 0x20,                             // Cyrillic А..Я
        0x460..=0x481 | 0x48a..=0x4bf if u & 1 == 0 => u + 1,  // Cyrillic pairs
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

fn trim_end_space(s: &mut String) {
    while s.ends_with(' ') {
        s.pop();
    }
}

/// Clause punctuation, after [`fold`] (so full-width forms are already ASCII).
fn is_clause_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ':' | ';' | '-' | BREAK | '。' | '｡' | '…')
        || c == BOUNDARY
}

/// A character that belongs to a word: ASCII letters and digits, and every
/// character from U+00C0 on except the blocks of punctuation, symbols,
/// spaces and emoji. (A block test instead of std's Alphabetic tables, which
/// would cost the wasm several KB; it errs only on rare symbols, and errs the
/// same way for phrases and page text.)
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !matches!(c as u32,
        0x80..=0xbf | 0xd7 | 0xf7
        | 0x2000..=0x2bff   // general punctuation, super/subscripts, currency, letterlike, arrows, math, technical, box, shapes, misc symbols, dingbats
        | 0x2e00..=0x2e7f   // supplemental punctuation
        | 0x3000..=0x303f   // CJK symbols and punctuation
        | 0xfe10..=0xfe6f   // vertical and small forms
        | 0xff01..=0xff0f | 0xff1a..=0xff20 | 0xff3b..=0xff40 | 0xff5b..=0xff65 // full-width punctuation
        | 0xfff0..=0xffff
        | 0x1f000..=0x1faff // emoji and pictographs
    )
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
/// [`BOUNDARY`] (or [`QUESTION`]), other symbols to single spaces, piece separators removed
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
            // One mark per run of clause punctuation: a question if the run
            // holds a question mark ("declined?!").
            trim_end_space(&mut out);
            let mark = if c == '?' { QUESTION } else { BOUNDARY };
            match out.chars().next_back() {
                Some(BOUNDARY) if mark == QUESTION => {
                    out.pop();
                    out.push(QUESTION);
                }
                Some(last) if ends_clause(last) => {}
                _ => out.push(mark),
            }
            space = false;
        } else if is_word_char(c) {
            if space && !out.is_empty() && !out.ends_with(ends_clause) {
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

/// Where `needle` starts in `hay` (byte offsets, in order). A plain scan:
/// needles are short words and phrases and texts are bounded lines, and
/// std's two-way searcher would cost the wasm several KB.
pub fn positions<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    hay.char_indices().map(|(i, _)| i).filter(move |&i| hay[i..].starts_with(needle))
}

/// Characters of page text the panel repeats at most.
pub const QUOTE_CHARS: usize = 240;

/// A line of page text as the panel repeats it ("The page says: …"): spacing
/// collapsed, invisible characters dropped, inline boundaries joined, nested
/// blocks shown as " · ", cut with "…" after about [`QUOTE_CHARS`] characters. Any run of four
/// or more digits is hidden ("••••"): the panel never repeats card digits,
/// whatever a page puts next to its error. The result is text: the shell
/// renders it as a text node, never as markup.
pub fn quote(line: &str) -> String {
    // Page text, spacing folded, as characters (a digit run is masked once
    // it is known to be four long).
    let mut out: Vec<char> = Vec::new();
    let mut gap: &str = "";
    let mut run = 0;
    for c in line.chars() {
        if is_invisible(c) || c == PIECE {
            continue;
        }
        if c == BREAK || c.is_whitespace() {
            if !out.is_empty() && gap != " \u{b7} " {
                gap = if c == BREAK { " \u{b7} " } else { " " };
            }
            run = 0;
            continue;
        }
        run = if c.is_ascii_digit() || ('\u{ff10}'..='\u{ff19}').contains(&c) { run + 1 } else { 0 };
        if run > 4 {
            continue;
        }
        if out.len() >= QUOTE_CHARS {
            out.push('\u{2026}');
            break;
        }
        out.extend(gap.chars());
        gap = "";
        out.push(c);
        if run == 4 {
            let n = out.len();
            out[n - 4..].fill('\u{2022}');
        }
    }
    out.into_iter().collect()
}

/// `n` in decimal digits (not `to_string`: its formatting machinery costs
/// the wasm more).
pub fn decimal(mut n: u32) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// `template` with its one `{…}` placeholder replaced by `value` (not
/// `str::replace`: its substring search costs the wasm more).
pub fn fill(template: &str, value: &str) -> String {
    let open = template.find('{');
    let close = open.and_then(|o| template[o..].find('}').map(|c| o + c));
    match (open, close) {
        (Some(o), Some(c)) => {
            let mut out = String::with_capacity(template.len() + value.len());
            out.push_str(&template[..o]);
            out.push_str(value);
            out.push_str(&template[c + 1..]);
            out
        }
        _ => template.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_placeholders() {
        assert_eq!((decimal(0).as_str(), decimal(9).as_str(), decimal(17).as_str(), decimal(4_294_967_295).as_str()), ("0", "9", "17", "4294967295"));
        assert_eq!(fill("All {n} steps", "8"), "All 8 steps");
        assert_eq!(fill("全部 {n} 个步骤", "8"), "全部 8 个步骤");
        assert_eq!(fill("Open {page}", "Payment methods"), "Open Payment methods");
        assert_eq!(fill("no placeholder", "x"), "no placeholder");
    }

    #[test]
    fn fold_collapses_spacing_case_and_width() {
        assert_eq!(fold("  Your\u{a0}Card\t was  DECLINED． "), "your card was declined.");
        assert_eq!(fold("Ｙｏｕｒ card"), "your card");
        assert_eq!(fold("de\u{200b}clined\u{202e}"), "declined");
        assert_eq!(fold("card\u{2019}s"), "card's");
        assert_eq!(fold("Payment failed \u{1e}\u{1e} Your card"), "payment failed\u{1e}your card");
        assert_eq!(fold("Your card\n      was declined."), "your card was declined.");
    }

    #[test]
    fn fold_keeps_piece_separators_without_spaces_around_them() {
        assert_eq!(fold("Visa •••• 4242 \u{1f}  Default\u{1f}"), "visa •••• 4242 \u{1f} default\u{1f}");
    }

    #[test]
    fn lower_folds_the_cased_scripts_we_read() {
        for (up, low) in [
            ("YOUR CARD", "your card"),
            ("ÉÀÇÑÜÖ", "éàçñüö"),
            ("ŒŠŽŸ", "œšžÿ"),
            ("КАРТА ОТКЛОНЕНА ЁЖ", "карта отклонена ёж"),
            ("ΚΆΡΤΑ", "κάρτα"),
        ] {
            let folded: String = up.chars().map(lower).collect();
            assert_eq!(folded, low, "{up}");
        }
        // Exactly what std does, over every range this claims to fold.
        let ranges = [0x0..=0x24f, 0x370..=0x3ff, 0x400..=0x4ff];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let std: Vec<char> = c.to_lowercase().collect();
            let claimed = matches!(c as u32, 0x0..=0x17f | 0x386..=0x3ab | 0x400..=0x42f | 0x460..=0x4bf);
            if claimed && std.len() == 1 && c != '\u{130}' {
                assert_eq!(lower(c), std[0], "{c:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn word_chars() {
        for c in ['a', 'Z', '7', 'é', 'ß', 'я', '卡', 'カ', '한', 'ą'] {
            assert!(is_word_char(c), "{c:?}");
        }
        for c in [' ', '.', ',', '\'', '—', '…', '“', '⚠', '✕', '×', '。', '，', '！', '😀', '€'] {
            assert!(!is_word_char(c), "{c:?}");
        }
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

    #[test]
    fn quote_repeats_the_line_as_a_reader_sees_it() {
        assert_eq!(quote("\n  Your credit card was declined.\u{a0} Try paying with a debit card instead.\n"), "Your credit card was declined. Try paying with a debit card instead.");
        assert_eq!(quote("Your card \u{1f}was decl\u{1f}ined\u{1f}."), "Your card was declined.");
        assert_eq!(quote("Couldn't add payment method\u{1e}Your card has been declined."), "Couldn't add payment method · Your card has been declined.");
        assert_eq!(quote("de\u{200b}cli\u{200d}ned <img src=x onerror=alert(1)>"), "declined <img src=x onerror=alert(1)>");
        assert_eq!(quote("\u{1e}Payment failed\u{1e}"), "Payment failed");
    }

    #[test]
    fn quote_hides_runs_of_four_or_more_digits() {
        assert_eq!(quote("Visa ending in 4242 was declined"), "Visa ending in •••• was declined");
        assert_eq!(quote("4000 0025 0000 3155"), "•••• •••• •••• ••••");
        assert_eq!(quote("Amount $489.00, CVC 737"), "Amount $489.00, CVC 737");
        assert_eq!(quote("ending 4242"), "ending ••••");
        assert_eq!(quote("card ４２４２"), "card ••••");
    }

    #[test]
    fn quote_is_bounded() {
        let long = "Your card was declined. ".repeat(100);
        let q = quote(&long);
        assert!((QUOTE_CHARS..=QUOTE_CHARS + 4).contains(&q.chars().count()), "{}", q.chars().count());
        assert!(q.ends_with('\u{2026}'));
        assert_eq!(quote(&"1".repeat(10_000)), "••••", "a long digit run is hidden once");
    }
}
