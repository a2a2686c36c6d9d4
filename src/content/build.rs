//! Minifies the panel's style sheet (`extension/content/panel.css`, a
//! string in the wasm: comments and layout whitespace would be bytes).

use std::{env, fs, path::Path};

fn main() {
    let css_path = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../extension/content/panel.css");
    println!("cargo:rerun-if-changed={}", css_path.display());
    let css = fs::read_to_string(&css_path).unwrap_or_else(|e| panic!("extension/content/panel.css: {e}"));
    let min = minifier::css::minify(&css).unwrap_or_else(|e| panic!("extension/content/panel.css: {e}"));
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("panel.min.css"), min.to_string()).unwrap();
}
