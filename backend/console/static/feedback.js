// Feedback while working, shared by every console page: toasts, busy buttons, a warning
// before leaving unsaved changes, and htmx requests that say when they fail.
(() => {
  const region = document.createElement("div");
  region.className = "toasts";
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  document.body.append(region);

  /** Show a short message that goes away by itself (errors stay until closed). */
  function toast(message, kind = "info") {
    const note = document.createElement("div");
    note.className = `toast toast-${kind}`;
    note.dataset.testid = "toast";
    const text = document.createElement("span");
    text.textContent = message;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "toast-close";
    close.setAttribute("aria-label", "Dismiss");
    close.textContent = "×";
    close.addEventListener("click", () => note.remove());
    note.append(text, close);
    region.append(note);
    if (kind !== "error") setTimeout(() => note.remove(), 6000);
  }
  window.TrailguideConsole = Object.freeze({ toast });

  // A submitted form's button says it is working, and cannot be pressed twice.
  document.addEventListener("submit", (event) => {
    if (event.defaultPrevented) return;
    const form = event.target;
    const button = event.submitter || form.querySelector("[type=submit]");
    form.dataset.submitting = "true";
    if (!button) return;
    button.setAttribute("aria-busy", "true");
    button.classList.add("is-busy");
    // After this turn, so the button's own name and value still go with the form.
    setTimeout(() => { button.disabled = true; }, 0);
  });
  // Back from the page cache (history), buttons work again.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    for (const button of document.querySelectorAll("[aria-busy=true]")) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      button.classList.remove("is-busy");
    }
  });

  // Forms marked data-unsaved warn before their typed changes are left behind.
  const dirty = new Set();
  for (const form of document.querySelectorAll("form[data-unsaved]")) {
    form.addEventListener("input", () => dirty.add(form));
    form.addEventListener("change", () => dirty.add(form));
    form.addEventListener("submit", (event) => { if (!event.defaultPrevented) dirty.delete(form); });
  }
  window.addEventListener("beforeunload", (event) => {
    if (dirty.size === 0) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // A region that scrolls (a wide table, a long code block) must be reachable by
  // keyboard to be read; whether it scrolls depends on the window's width.
  function reachScrollable() {
    for (const region of document.querySelectorAll(".table-wrap, pre.code")) {
      const scrolls = region.scrollWidth > region.clientWidth || region.scrollHeight > region.clientHeight;
      if (scrolls && !region.querySelector("a[href], button, input, select, textarea")) {
        region.tabIndex = 0;
      } else if (!scrolls && region.getAttribute("tabindex") === "0") {
        region.removeAttribute("tabindex");
      }
    }
  }
  reachScrollable();
  window.addEventListener("resize", reachScrollable);
  document.body.addEventListener("htmx:afterSettle", reachScrollable);

  // htmx: the server may ask for a toast (HX-Trigger: {"toast": {...}}); failures say so.
  document.body.addEventListener("toast", (event) => {
    const detail = /** @type {CustomEvent} */ (event).detail || {};
    toast(detail.message || String(detail.value || ""), detail.kind || "info");
  });
  document.body.addEventListener("htmx:responseError", (event) => {
    const status = /** @type {CustomEvent} */ (event).detail.xhr.status;
    toast(`That did not work (error ${status}). Reload the page and try again.`, "error");
  });
  document.body.addEventListener("htmx:sendError", () => {
    toast("The console cannot reach the server. Check the connection and try again.", "error");
  });
})();
