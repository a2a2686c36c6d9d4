// Loads the popup's Rust module (extension pages may compile WebAssembly:
// the manifest's extension_pages CSP allows 'wasm-unsafe-eval').
import init, { start } from "./pkg/popup.js";

init().then(start);
