// Marks each page the extension runs on, visibly and for tests: an attribute on
// <html> and a small badge inside a shadow root, so page CSS cannot touch it.
(() => {
  const root = document.documentElement;
  if (root.hasAttribute("data-trailguide")) return;
  root.setAttribute("data-trailguide", chrome.runtime.getManifest().version);

  const host = document.createElement("trailguide-mark");
  host.style.cssText = "all: initial; position: fixed; right: 8px; bottom: 8px; z-index: 2147483647;";
  const shadow = host.attachShadow({ mode: "open" });
  const badge = document.createElement("span");
  badge.textContent = "Trailguide";
  badge.setAttribute("role", "note");
  badge.style.cssText =
    "font: 600 11px/1 system-ui, sans-serif; color: #fff; background: #3451d1; padding: 4px 8px; border-radius: 999px; opacity: .85;";
  shadow.append(badge);
  (document.body || root).append(host);
})();
