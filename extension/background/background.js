// The background's only job: the toolbar badge on tabs that show a decline.
// Content scripts send {type: "decline", reason} and {type: "clear"}; the
// badge is per tab and clears itself when the tab navigates.
const api = globalThis.browser ?? globalThis.chrome;

api.runtime.onMessage.addListener((message, sender) => {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.id !== api.runtime.id) return;
  if (message?.type === "decline") {
    api.action.setBadgeBackgroundColor({ tabId, color: "#b3261e" });
    api.action.setBadgeText({ tabId, text: "!" });
  } else if (message?.type === "clear") {
    api.action.setBadgeText({ tabId, text: "" });
  }
});
