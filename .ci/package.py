#!/usr/bin/env python3
"""Writes dist/decline-doctor-<version>-{chrome,firefox}.zip: only what the
extension needs at run time (the manifest, its locales, the scripts it names,
the built module), with fixed timestamps so the same build gives the same
bytes."""
import json
import pathlib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
manifest = json.loads((ROOT / "manifest.json").read_text())
version = manifest["version"]

files = {"manifest.json"}
files |= {str(p.relative_to(ROOT)) for p in (ROOT / "_locales").rglob("*.json")}
for cs in manifest["content_scripts"]:
    files |= set(cs["js"])
files |= set(manifest["background"]["scripts"])
files.add(manifest["background"]["service_worker"])
action = manifest.get("action", {})
if action.get("default_popup"):
    files.add(action["default_popup"])
files |= set(action.get("default_icon", {}).values())
# (The content script's .wasm travels inside pkg/content_wasm.js: the file
# itself is the build's output, not needed at run time.)
files |= {str(p.relative_to(ROOT)) for p in (ROOT / "extension/pkg").rglob("*") if p.is_file() and p.suffix != ".wasm"}
for icon in manifest.get("icons", {}).values():
    files.add(icon)
# The popup page pulls in its script, styles and built module (its bridge.js
# is the snippet wasm-bindgen copies into pkg/snippets).
files |= {"extension/popup/main.js", "extension/popup/popup.css"}
files |= {str(p.relative_to(ROOT)) for p in (ROOT / "extension/popup/pkg").rglob("*") if p.is_file()}

missing = [f for f in files if not (ROOT / f).is_file()]
if missing:
    raise SystemExit(f"package: missing {missing} (run ./build.sh)")

out = ROOT / "dist"
out.mkdir(exist_ok=True)
for browser in ("chrome", "firefox"):
    path = out / f"decline-doctor-{version}-{browser}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for f in sorted(files):
            info = zipfile.ZipInfo(f, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, (ROOT / f).read_bytes())
    print(f"package: {path.relative_to(ROOT)} {path.stat().st_size} B, {len(files)} files")
