// The popup's JavaScript side (a wasm-bindgen snippet): gathering what the
// checklist needs from the extension APIs, and the few actions it takes.
// It decides nothing: Rust (src/checklist.rs) does.

const api = globalThis.browser ?? globalThis.chrome;

// The billing hosts come from the core (src/route.rs `hosts`, from
// routes.toml), the one list the manifest is checked against.
const originsOf = (hosts) => hosts.map((h) => `https://${h}/*`);

// The tab the checklist is about: the active tab, or, when the popup page is
// itself that tab (opened by URL), the most recently used tab on a billing host.
async function targetTab(hosts) {
  const [active] = await api.tabs.query({ active: true, lastFocusedWindow: true });
  if (active && !(active.url ?? "").startsWith(location.origin)) return active;
  const ours = await api.tabs.query({ url: originsOf(hosts) });
  ours.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return ours[0] ?? null;
}

/** Calls `done` with everything the checklist needs (see PopupInput). */
export function gather(hosts, done) {
  (async () => {
    const tab = await targetTab(hosts);
    let host = null;
    let path = null;
    let report = null;
    try {
      const u = new URL(tab?.url ?? "");
      if (hosts.includes(u.hostname)) [host, path] = [u.hostname, u.pathname];
    } catch {
      // not a tab we may read
    }
    if (host) {
      try {
        report = (await api.tabs.sendMessage(tab.id, { type: "report" })) ?? null;
      } catch {
        report = null; // no content script there (yet)
      }
    }
    const permitted = await api.permissions.contains({ origins: originsOf(hosts) });
    const storage = await api.storage.local.get(null);
    done({
      ...storage,
      host,
      path,
      report,
      permitted,
      tabId: tab?.id ?? null,
      uiLanguage: api.i18n.getUILanguage(),
      version: api.runtime.getManifest().version,
      userAgent: navigator.userAgent,
      now: Math.floor(Date.now() / 1000),
    });
  })().catch((e) => {
    console.warn("Decline Doctor: the checklist could not read its data.", e);
    done({ uiLanguage: api.i18n.getUILanguage(), now: Math.floor(Date.now() / 1000) });
  });
}

export function storageSet(key, value, done) {
  api.storage.local.set({ [key]: value }).then(done, done);
}

export function storageRemove(key, done) {
  api.storage.local.remove(key).then(done, done);
}

/** Copies `text`; calls `done(true|false)`. */
export function copyText(text, done) {
  navigator.clipboard.writeText(text).then(() => done(true), () => done(false));
}

/** Opens a billing page: in the tab the checklist is about when it is on the same host, else in a new tab. */
export function openPage(url, tabId) {
  (async () => {
    const tab = tabId == null ? null : await api.tabs.get(tabId).catch(() => null);
    const same = tab?.url && new URL(tab.url).hostname === new URL(url).hostname;
    if (same) await api.tabs.update(tab.id, { url, active: true });
    else await api.tabs.create({ url });
    window.close();
  })();
}

/** Asks for the billing hosts (Firefox grants them on request); calls `done(granted)`. */
export function requestHosts(hosts, done) {
  api.permissions.request({ origins: originsOf(hosts) }).then(done, () => done(false));
}
