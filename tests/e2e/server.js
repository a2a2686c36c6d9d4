// The fixture server: answers over HTTPS for the real host names (the
// browsers resolve them to 127.0.0.1), so the extension's real `matches` are
// exercised. Each host serves a single-page app from tests/fixtures/<site>/
// for every path (like the real SPAs), its static assets, and a small fake
// backend whose answers come from tests/fixtures/scenarios.json.
//
// Every request is recorded (host, path, and who asked), so tests can check
// that nothing unexpected was requested.
import { createServer } from "node:https";
import { readFileSync, existsSync, statSync } from "node:fs";
import { join, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { certificate } from "./certs.js";

const here = fileURLToPath(new URL(".", import.meta.url));
export const FIXTURES = join(here, "..", "fixtures");
const OUT = join(here, "..", ".out");

const SITES = {
  "platform.openai.com": { dir: "platform", api: "/api/" },
  "chatgpt.com": { dir: "chatgpt", api: "/backend-api/" },
  // Stripe Checkout on OpenAI's own domain, served with a strict CSP.
  "pay.openai.com": { dir: "pay", api: "/v1/", csp: "default-src 'self'; script-src 'self'; frame-src https://js.stripe.com" },
  // Stripe's card iframe: the extension must never run here.
  "js.stripe.com": { dir: "stripe", api: "/none/" },
};

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

function scenarios() {
  return JSON.parse(readFileSync(join(FIXTURES, "scenarios.json"), "utf8"));
}

/** The fake backend: account state, and payments that fail as the scenario says. */
function backend(site, path, url, req, res) {
  const all = scenarios();
  const name = url.searchParams.get("scenario") ?? "healthy";
  const scenario = all[name];
  if (!scenario) return send(res, 404, "application/json", JSON.stringify({ error: { message: "no such scenario" } }));
  const json = (status, body, delay = 0) =>
    setTimeout(() => send(res, status, "application/json", JSON.stringify(body)), delay);
  const route = path.slice(site.api.length);
  if (route === "state") return json(200, scenario, scenario.stateDelayMs ?? 300);
  if (route === "pay" || route === "payment_methods" || route === "payment_pages/confirm") {
    const d = scenario.decline;
    // The page may say this attempt goes through (a later step, a retry).
    if (!d || req.headers["x-declines"] === "0") return json(200, { status: "succeeded" }, d?.okDelayMs ?? 500);
    // The shape of a Stripe card error as the API returns it.
    return json(
      402,
      { error: { type: "card_error", code: "card_declined", decline_code: d.code ?? "generic_decline", message: d.message } },
      d.delayMs ?? 700,
    );
  }
  return send(res, 404, "application/json", "{}");
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
  res.end(body);
}

/**
 * The requests the fixture pages do not make themselves: anything to a host
 * that is not a fixture site, and on a fixture site anything but a
 * navigation (document, frame), its assets, its favicon, or a call to its
 * own backend. The browsers resolve every host name here, so a request the
 * extension made anywhere would be in this list.
 */
export function unexpected(requests) {
  return requests.filter((r) => {
    const site = SITES[r.host];
    if (!site) return true;
    if (r.mode === "navigate" || r.dest === "document" || r.dest === "iframe") return false;
    if (r.path.startsWith("/assets/") && ["script", "style", "image", "font", "empty", ""].includes(r.dest)) return false;
    if (r.path === "/favicon.ico") return false;
    if (r.path.startsWith(site.api) && (r.dest === "empty" || r.dest === "")) return false;
    return true;
  });
}

export async function startServer({ port = 443 } = {}) {
  const requests = [];
  const tls = certificate(join(OUT, "tls"));
  const server = createServer(tls, (req, res) => {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "");
    const url = new URL(req.url, `https://${host}`);
    requests.push({
      host,
      path: url.pathname,
      method: req.method,
      at: Date.now(),
      dest: req.headers["sec-fetch-dest"] ?? "",
      mode: req.headers["sec-fetch-mode"] ?? "",
    });
    const site = SITES[host];
    // Browsers also send their own background requests here: answer 404.
    if (!site) return send(res, 404, "text/plain", "not a fixture host");
    const extra = site.csp ? { "content-security-policy": site.csp } : {};
    if (url.pathname.startsWith(site.api)) return backend(site, url.pathname, url, req, res);
    const shared = url.pathname.startsWith("/assets/shared/");
    const dir = join(FIXTURES, shared ? "shared" : site.dir);
    const file = normalize(join(dir, shared ? url.pathname.slice("/assets/shared".length) : url.pathname));
    if (file.startsWith(dir) && url.pathname.startsWith("/assets/") && existsSync(file) && statSync(file).isFile()) {
      return send(res, 200, TYPES[extname(file)] ?? "application/octet-stream", readFileSync(file), extra);
    }
    if (url.pathname.startsWith("/assets/") || url.pathname === "/favicon.ico") return send(res, 404, "text/plain", "", extra);
    // Every other path is the single-page app (the real sites route client-side).
    const page = host === "js.stripe.com" ? join(dir, url.pathname) : join(dir, "index.html");
    if (!existsSync(page)) return send(res, 404, "text/plain", "", extra);
    return send(res, 200, TYPES[".html"], readFileSync(page), extra);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    port,
    requests,
    close: () => new Promise((r) => server.close(r)),
  };
}
