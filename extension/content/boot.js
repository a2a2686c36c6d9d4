// Decline Doctor's content script: starts the Rust shell.
//
// The manifest injects, before this file, the bindings (pkg/content_bg.js,
// which leaves them in `__declineDoctorBindings`) and the module in base64
// (pkg/content_wasm.js, `__declineDoctorWasm`), both made by the build
// (.ci/content-script.py): they arrive with the content script, so start-up
// waits for no file. These globals are the content scripts' own (the
// extension's isolated world): the page cannot see them.
//
// The module is compiled to WebAssembly; where the page's Content-Security-
// Policy forbids compiling WebAssembly in content scripts (Chromium applies
// the page's CSP there; Firefox does not), the same module compiled to
// JavaScript by binaryen's wasm2js runs instead, imported from the
// extension's files (the one file start-up may wait for). `data-engine` on
// the panel says which one ran. If neither loads, the page is left alone and
// the popup is told that the extension could not start here.
(async () => {
  // (Literal URLs: addons-linter accepts import() of runtime.getURL("...") only.)
  const engineJs = () => import(chrome.runtime.getURL("extension/pkg/content_bg.wasm.js"));
  let wasmAllowed = true;
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch {
    wasmAllowed = false;
  }
  const b64 = globalThis.__declineDoctorWasm;
  delete globalThis.__declineDoctorWasm;
  // (Uint8Array.fromBase64: Chrome 140, Firefox 133; atob before that.)
  const bytes = () => Uint8Array.fromBase64?.(b64) ?? Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  // (A promise either way: a module that does not decode falls back too.)
  const module = wasmAllowed ? new Promise((compiled) => compiled(WebAssembly.compile(bytes()))) : null;
  const js = wasmAllowed ? null : engineJs();
  const bindings = globalThis.__declineDoctorBindings;
  let engine = "wasm";
  let exports;
  try {
    if (!module) throw new Error("WebAssembly is not allowed here");
    ({ exports } = await WebAssembly.instantiate(await module, { "./content_bg.js": bindings }));
  } catch {
    engine = "js";
    exports = await (js ?? engineJs());
  }
  bindings.__wbg_set_wasm(exports);
  exports.__wbindgen_start?.();
  bindings.run(engine);
})().catch((e) => {
  console.warn("Decline Doctor could not start on this page; the page itself is unaffected.", e);
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (message?.type === "report" && sender.id === chrome.runtime.id) sendResponse({ failed: true });
    return false;
  });
});
