#!/usr/bin/env python3
"""Inlines the content script's wasm-bindgen snippet into its bindings.

wasm-bindgen copies src/content/bridge.js to pkg/snippets/<crate-hash>/
and the bindings (content_bg.js) import it: the content script would then
load two modules one after the other, each a round trip to the extension's
own files (about 20 ms each on the benchmark machine, on the page's main
thread's clock). Here the snippet becomes the first part of content_bg.js
and the snippets folder goes. Fails on anything unexpected (another import,
a name both files declare), so a wasm-bindgen upgrade cannot break it
silently."""
import pathlib
import re
import shutil
import sys

pkg = pathlib.Path(sys.argv[1])
glue_path = pkg / "content_bg.js"
glue = glue_path.read_text(encoding="utf-8")
m = re.match(r"import \{ ([^}]*) \} from '(\./snippets/[^']+)';\n", glue)
if not m:
    sys.exit("inline-snippet: content_bg.js does not start with the snippet's import")
rest = glue[m.end():]
if re.search(r"^import ", rest, re.M):
    sys.exit("inline-snippet: content_bg.js has another import")
snippet = (pkg / m.group(2)).read_text(encoding="utf-8")
if re.search(r"^import ", snippet, re.M):
    sys.exit("inline-snippet: the snippet imports something")
body = re.sub(r"^export (?=(?:async )?function |const |let |class )", "", snippet, flags=re.M)
if re.search(r"^export ", body, re.M):
    sys.exit("inline-snippet: the snippet has an export this script does not handle")

decl = re.compile(r"^(?:async )?(?:function\*? |const |let |var |class )(\w+)", re.M)
ours, theirs = set(decl.findall(body)), set(decl.findall(rest))
missing = [n.strip() for n in m.group(1).split(",") if n.strip() not in ours]
if missing:
    sys.exit(f"inline-snippet: the snippet does not declare {missing}")
if ours & theirs:
    sys.exit(f"inline-snippet: both declare {sorted(ours & theirs)}")

glue_path.write_text(
    "// ---- src/content/bridge.js, inlined by .ci/inline-snippet.py ----\n"
    + body
    + "\n// ---- wasm-bindgen's bindings ----\n"
    + rest,
    encoding="utf-8",
)
shutil.rmtree(pkg / "snippets")
