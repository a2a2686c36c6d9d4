// Decline Doctor's content script: loads the Rust shell and starts it.
//
// The module is compiled to WebAssembly; where the page's Content-Security-
// Policy forbids compiling WebAssembly in content scripts (Chromium applies
// the page's CSP there; Firefox does not), the same module compiled to
// JavaScript by binaryen's wasm2js runs instead. `data-engine` on the panel
// says which one ran. If neither loads, the page is left alone and the popup
// is told that the extension could not start here.
//
// Start-up is on the page's main thread, so everything loads at once: the
// bindings, and the engine (the .wasm compiled while it streams in, or the
// JS engine when an empty module shows that this page forbids WebAssembly).
(async () => {
  // (Literal URLs: addons-linter accepts import() of runtime.getURL("...") only.)
  const engineJs = () => import(chrome.runtime.getURL("extension/pkg/content_bg.wasm.js"));
  let wasmAllowed = true;
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch {
    wasmAllowed = false;
  }
  const glue = import(chrome.runtime.getURL("extension/pkg/content_bg.js"));
  const module = wasmAllowed ? WebAssembly.compileStreaming(fetch(chrome.runtime.getURL("extension/pkg/content_bg.wasm"))) : null;
  const js = wasmAllowed ? null : engineJs();
  const bindings = await glue;
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
