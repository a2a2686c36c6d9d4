// Decline Doctor's content script: loads the Rust shell and starts it.
//
// The module is compiled to WebAssembly; where the page's Content-Security-
// Policy forbids compiling WebAssembly in content scripts (Chromium applies
// the page's CSP there; Firefox does not), the same module compiled to
// JavaScript by binaryen's wasm2js runs instead. `data-engine` on the panel
// says which one ran. If neither loads, the page is left alone and the popup
// is told that the extension could not start here.
(async () => {
  const glue = await import(chrome.runtime.getURL("extension/pkg/content_bg.js"));
  let engine = "wasm";
  let exports;
  try {
    const response = await fetch(chrome.runtime.getURL("extension/pkg/content_bg.wasm"));
    const bytes = await response.arrayBuffer();
    ({ instance: { exports } } = await WebAssembly.instantiate(bytes, { "./content_bg.js": glue }));
  } catch {
    engine = "js";
    exports = await import(chrome.runtime.getURL("extension/pkg/content_bg.wasm.js"));
  }
  glue.__wbg_set_wasm(exports);
  exports.__wbindgen_start?.();
  glue.run(engine);
})().catch((e) => {
  console.warn("Decline Doctor could not start on this page; the page itself is unaffected.", e);
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (message?.type === "report" && sender.id === chrome.runtime.id) sendResponse({ failed: true });
    return false;
  });
});
