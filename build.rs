//! Compiles the knowledge in `src/knowledge/*.toml` into typed static tables
//! (`$OUT_DIR/knowledge.rs`, included by `src/knowledge.rs`) in three
//! stages, each in `src/build/`: load (each file into typed structs), check
//! (the data as a whole: ids, texts in every shown language, phrases that
//! are one clause) and emit (Rust source and the deflated text blobs).
//! Phrases are normalised here with the same `src/text.rs` the core uses on
//! page text; the data's ids are checked against the same `src/vocab.rs`.

#[path = "src/text.rs"]
#[allow(dead_code)]
mod text;

#[path = "src/vocab.rs"]
#[allow(dead_code)]
mod vocab;

#[path = "src/build/check.rs"]
mod check;
#[path = "src/build/emit.rs"]
mod emit;
#[path = "src/build/load.rs"]
mod load;
#[path = "src/build/texts.rs"]
mod texts;

use std::{env, fs, path::Path};

/// A knowledge error: the build stops and says which file, entry and what.
fn fail(msg: String) -> ! {
    panic!("knowledge: {msg}")
}

fn main() {
    for f in ["src/text.rs", "src/vocab.rs", "src/build"] {
        println!("cargo:rerun-if-changed={f}");
    }
    let root = env::var("CARGO_MANIFEST_DIR").unwrap();
    let out_dir = env::var("OUT_DIR").unwrap();
    let out = Path::new(&out_dir);

    let data = load::load(&Path::new(&root).join("src/knowledge"));
    let shown = data.langs.lang.iter().filter(|l| l.shown).count();
    let mut table = texts::TextTable::new(shown);
    let model = check::check(&data, &mut table);
    let layout = table.layout();

    let files = ["wordings.deflate", "texts.deflate"];
    for (file, text) in files.iter().zip([&layout.wordings, &layout.texts]) {
        fs::write(out.join(file), miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 10)).unwrap();
    }
    let code = emit::emit(&model, &layout) + &emit::blobs(&layout, files);
    fs::write(out.join("knowledge.rs"), code).unwrap();
}
