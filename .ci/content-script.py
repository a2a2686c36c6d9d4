#!/usr/bin/env python3
"""Makes the content script's bindings and module arrive with the content
script itself, instead of being loaded by it.

boot.js used to import() the bindings and fetch() the .wasm: at document_idle
the browser delivers those files while the page finishes loading, and start-up
waited for them (28 / 56 ms p50 / p95 for the bindings alone on the benchmark
machine, before the shell could run). Content scripts named in the manifest
come with the injection, so here:

- pkg/content_bg.js (the bindings, bridge.js inlined by inline-snippet.py)
  becomes a classic script that leaves its exports in the isolated world's
  `globalThis.__declineDoctorBindings` (the world of this extension's content
  scripts only: the page never sees it);
- pkg/content_wasm.js holds the optimized .wasm in base64, in
  `globalThis.__declineDoctorWasm`, which boot.js decodes and compiles;
- the JS engine (pkg/content_bg.wasm.js, wasm2js), still a module that boot.js
  imports only where the page's CSP forbids WebAssembly, takes its imports
  from those bindings instead of importing them again (a second copy would
  hold a second state).

The .wasm stays in pkg/ as the build's output (its size is the budgeted one)
but is not packaged. Fails on anything unexpected (an import, an export this
script does not handle), so a wasm-bindgen or binaryen upgrade cannot break it
silently. Usage: content-script.py <pkg dir>"""
import base64
import pathlib
import re
import sys

pkg = pathlib.Path(sys.argv[1])
OPEN = "globalThis.__declineDoctorBindings = (() => {\n"

# 1. The bindings, a classic script.
glue_path = pkg / "content_bg.js"
glue = glue_path.read_text(encoding="utf-8")
if glue.startswith(OPEN):
    sys.exit("content-script: content_bg.js is already a classic script")
if re.search(r"^import |import\.meta", glue, re.M):
    sys.exit("content-script: the bindings import something")
exported = re.compile(r"^export (?:(?:async )?function\*? |const |let |class )(\w+)", re.M)
names = exported.findall(glue)
body = re.sub(r"^export (?=(?:async )?function|const |let |class )", "", glue, flags=re.M)
if re.search(r"^export ", body, re.M):
    sys.exit("content-script: the bindings have an export this script does not handle")
for needed in ("run", "__wbg_set_wasm"):
    if needed not in names:
        sys.exit(f"content-script: the bindings do not export {needed}")
glue_path.write_text(OPEN + body + "\nreturn { " + ", ".join(names) + " };\n})();\n", encoding="utf-8")

# 2. The module, in base64.
wasm = pkg / "content_bg.wasm"
b64 = base64.b64encode(wasm.read_bytes()).decode("ascii")
(pkg / "content_wasm.js").write_text(
    "// The content script's WebAssembly module (content_bg.wasm) in base64, made by .ci/content-script.py.\n"
    f'globalThis.__declineDoctorWasm = "{b64}";\n',
    encoding="utf-8",
)

# 3. The JS engine, where built: its imports are those bindings.
engine = pkg / "content_bg.wasm.js"
if engine.is_file():
    text = engine.read_text(encoding="utf-8")
    imp = "import * as $_content_bg_js from './content_bg.js';\n"
    if not text.startswith(imp) or re.search(r"^import ", text[len(imp):], re.M):
        sys.exit("content-script: the JS engine does not start with its one import of the bindings")
    engine.write_text("const $_content_bg_js = globalThis.__declineDoctorBindings;\n" + text[len(imp):], encoding="utf-8")
