//! Light or dark: the panel follows the page's scheme, read from the
//! computed background behind the error.

/// Parses a computed CSS colour (`rgb(1, 2, 3)`, `rgba(1, 2, 3, 0.5)`,
/// `rgb(1 2 3 / 50%)`) into (r, g, b, alpha).
pub fn parse_color(s: &str) -> Option<(f64, f64, f64, f64)> {
    let s = s.trim();
    let inner = s.strip_prefix("rgba(").or_else(|| s.strip_prefix("rgb("))?.strip_suffix(')')?;
    let mut nums = inner.split(|c: char| c == ',' || c == '/' || c.is_whitespace()).filter(|p| !p.is_empty());
    let mut channel = || -> Option<f64> { nums.next()?.parse::<f64>().ok() };
    let (r, g, b) = (channel()?, channel()?, channel()?);
    let a = match nums.next() {
        None => 1.0,
        Some(p) => match p.strip_suffix('%') {
            Some(pct) => pct.parse::<f64>().ok()? / 100.0,
            None => p.parse().ok()?,
        },
    };
    Some((r, g, b, a))
}

/// Whether the page is dark behind the error. `backgrounds` are computed
/// background colours from the error up to the root; the first mostly opaque
/// one decides. With none, the root's `color-scheme` decides (a page that
/// declares only dark gets a dark canvas).
pub fn is_dark<'a>(backgrounds: impl IntoIterator<Item = &'a str>, root_color_scheme: &str) -> bool {
    for bg in backgrounds {
        if let Some((r, g, b, a)) = parse_color(bg) {
            if a >= 0.5 {
                return luminance(r, g, b) < 0.4;
            }
        }
    }
    root_color_scheme.split_whitespace().any(|w| w == "dark") && !root_color_scheme.contains("light")
}

/// WCAG relative luminance of an sRGB colour (0-255 channels).
fn luminance(r: f64, g: f64, b: f64) -> f64 {
    let lin = |c: f64| {
        let c = c / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
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
    }

    #[test]
    fn first_opaque_background_decides() {
        assert!(is_dark(["rgba(0, 0, 0, 0)", "rgb(33, 33, 33)", "rgb(255, 255, 255)"], "normal"));
        assert!(!is_dark(["rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"], "dark"));
        assert!(is_dark(["rgba(0, 0, 0, 0)"], "dark"));
        assert!(!is_dark(["rgba(0, 0, 0, 0)"], "light dark"));
        assert!(!is_dark([], "normal"));
    }
}
