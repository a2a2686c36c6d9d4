// The knowledge files, for tests that check the panel shows the wording of
// the step they expect, in the language they expect.
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";

const dir = new URL("../../src/knowledge/", import.meta.url);
const load = (f) => parse(readFileSync(new URL(f, dir), "utf8"));

export const steps = Object.fromEntries(load("steps.toml").step.map((s) => [s.id, s]));
export const reasons = Object.fromEntries(load("reasons.toml").reason.map((r) => [r.id, r]));
export const ui = load("ui.toml");
export const messages = load("messages.toml").message;

/** A step's short line in a language (what the panel's first state shows). */
export function stepShort(id, lang) {
  const t = steps[id]?.short?.[lang];
  if (!t) throw new Error(`no ${lang} short line for step ${id}`);
  return t;
}

/** The "what to do" text of a step in a language (the popup's steps; the panel's behind "Why?"). */
export function stepText(id, lang) {
  const t = steps[id]?.do?.[lang];
  if (!t) throw new Error(`no ${lang} text for step ${id}`);
  return t;
}
