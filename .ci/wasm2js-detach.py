#!/usr/bin/env python3
"""Makes wasm2js's emulated memory grow the way WebAssembly.Memory does.

WebAssembly.Memory.grow() detaches the old ArrayBuffer; wasm-bindgen's glue
relies on that (it re-creates its cached Uint8Array/DataView when the old
buffer reads as detached). wasm2js (binaryen 132) grows by copying into a new
ArrayBuffer and leaves the old one attached, so after the first growth the
glue reads stale memory. ArrayBuffer.prototype.transfer() copies *and*
detaches (Chrome 114+, Firefox 122+): use it. Fails if the expected code is
not found, so a binaryen upgrade cannot silently undo this."""
import sys

path = sys.argv[1]
src = open(path, encoding="utf-8").read()
old = """   var newBuffer = new ArrayBuffer(newPages << 16);
   var newHEAP8 = new Int8Array(newBuffer);
   newHEAP8.set(HEAP8);
"""
new = """   var newBuffer = buffer.transfer(newPages << 16);
"""
if src.count(old) != 1:
    sys.exit(f"wasm2js-detach: the memory-grow code in {path} is not the expected one; check binaryen's output")
open(path, "w", encoding="utf-8").write(src.replace(old, new))
