//! Light or dark: the panel follows the page's scheme, read from the
//! computed background behind the error.

/// Parses a computed CSS colour (`rgb(1, 2, 3)`, `rgba(1, 2, 3, 0.5)`,
/// `rgb(1 2 3 / 50%)`) into (r, g, b, alpha).
pub fn parse_color(s: &str) -> Option<(f64, f64, f64, f64)> {
    let s = s.trim();
    let inner = s.strip_prefix("rgba(").or_else(|| s.strip_prefix("rgb("))?.strip_suffix(')')?;
    let mut nums = inner.split(|c: char| c == ',' || c == '/' || c.is_whitespace()).filter(|p| !p.is_empty());
    let mut channel = || -> Option<f64> { number(nums.next()?) };
    let (r, g, b) = (channel()?, channel()?, channel()?);
    let a = match nums.next() {
        None => 1.0,
        Some(p) => match p.strip_suffix('%') {
            Some(pct) => number(pct)? / 100.0,
            None => number(p)?,
        },
    };
    Some((r, g, b, a))
}

/// A plain decimal number as computed styles write them ("12", "0.5", ".5").
/// (Not `str::parse::<f64>`: its tables would cost the wasm ~20 KB.)
fn number(s: &str) -> Option<f64> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut v = 0.0;
    for b in int.bytes() {
        v = v * 10.0 + f64::from(b - b'0');
    }
    let mut scale = 0.1;
    for b in frac.bytes() {
        v += f64::from(b - b'0') * scale;
        scale /= 10.0;
    }
    Some(v)
}

/// Whether the page is dark behind the error. `backgrounds` are computed
/// background colours from the error up to the root; the first mostly opaque
/// one decides (the rest are never read: the shell computes them lazily).
/// With none, the root's `color-scheme` decides (a page that declares only
/// dark gets a dark canvas).
pub fn is_dark<S: AsRef<str>>(backgrounds: impl IntoIterator<Item = S>, root_color_scheme: impl FnOnce() -> S) -> bool {
    for bg in backgrounds {
        if let Some((r, g, b, a)) = parse_color(bg.as_ref()) {
            if a >= 0.5 {
                return luminance(r, g, b) < 0.4;
            }
        }
    }
    let scheme = root_color_scheme();
    let scheme = scheme.as_ref();
    let has = |k: &str| scheme.split_whitespace().any(|w| w == k);
    has("dark") && !has("light")
}

/// Relative luminance of an sRGB colour (0-255 channels), with gamma
/// approximated as 2 (close enough to tell light from dark, and no `powf`).
fn luminance(r: f64, g: f64, b: f64) -> f64 {
    let lin = |c: f64| {
        let c = c / 255.0;
        c * c
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_computed_colours() {
        assert_eq!(parse_color("rgb(255, 255, 255)"), Some((255.0, 255.0, 255.0, 1.0)));
        assert_eq!(parse_color("rgba(0, 0, 0, 0)"), Some((0.0, 0.0, 0.0, 0.0)));
        assert_eq!(parse_color("rgb(33 33 33 / 50%)"), Some((33.0, 33.0, 33.0, 0.5)));
        assert_eq!(parse_color("transparent"), None);
        assert_eq!(parse_color("rgba(10, 20, 30, .25)"), Some((10.0, 20.0, 30.0, 0.25)));
        assert_eq!(parse_color("rgb(1e3, 2, 3)"), None);
    }

    #[test]
    fn first_opaque_background_decides() {
        assert!(is_dark(["rgba(0, 0, 0, 0)", "rgb(33, 33, 33)", "rgb(255, 255, 255)"], || "normal"));
        assert!(!is_dark(["rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"], || "dark"));
        assert!(is_dark(["rgba(0, 0, 0, 0)"], || "dark"));
        assert!(!is_dark(["rgba(0, 0, 0, 0)"], || "light dark"));
        assert!(!is_dark([], || "normal"));
        // Mid greys: the page's own light and dark surfaces.
        assert!(is_dark(["rgb(33, 33, 33)"], || ""));
        assert!(is_dark(["rgb(64, 65, 79)"], || ""));
        assert!(!is_dark(["rgb(247, 247, 248)"], || ""));
        assert!(!is_dark(["rgb(180, 180, 180)"], || ""));
    }
}
