// The card every step and tip is drawn with: a labelled dialog (title,
// sanitized body, progress, buttons, close) as a factory returning
// {element, card, arrow, cleanup}. Modals sit on a backdrop and are aria-modal.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.card) return;
  const { mount, id, sanitize } = ns.host;

  /**
   * @typedef {{label: string, name: string, primary?: boolean, onClick: () => void}} ButtonSpec
   * @typedef {{kind: "tooltip" | "modal" | "tip", title?: string, body?: string,
   *            progress?: string, hint?: string, buttons?: ButtonSpec[], onClose?: () => void,
   *            role?: "dialog" | "tooltip", label?: string}} CardSpec
   */

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  /**
   * Build and show a card.
   * @param {CardSpec} spec
   * @returns {{element: HTMLElement, card: HTMLElement, arrow: HTMLElement | null,
   *            button: (name: string) => HTMLButtonElement | null, cleanup: () => void}}
   */
  function create(spec) {
    const card = element("div", `tg-card tg-${spec.kind}`);
    const role = spec.role ?? "dialog";
    card.setAttribute("role", role);
    card.tabIndex = -1;
    if (role === "dialog") card.setAttribute("aria-modal", spec.kind === "modal" ? "true" : "false");
    const arrow = spec.kind === "modal" ? null : element("div", "tg-arrow");
    if (arrow) card.append(arrow);

    if (spec.onClose && role === "dialog") {
      const close = element("button", "tg-close", "×");
      close.type = "button";
      close.setAttribute("aria-label", spec.label ?? "Close");
      close.dataset.action = "close";
      close.addEventListener("click", spec.onClose);
      card.append(close);
    }
    const titleId = id("title");
    const bodyId = id("body");
    if (spec.title) {
      const title = element("h2", "tg-title", spec.title);
      title.id = titleId;
      card.append(title);
      card.setAttribute("aria-labelledby", titleId);
    } else if (spec.label) {
      card.setAttribute("aria-label", spec.label);
    }
    const body = element("div", "tg-body");
    body.id = bodyId;
    body.innerHTML = sanitize(spec.body);
    card.append(body);
    card.setAttribute("aria-describedby", bodyId);
    if (spec.hint) card.append(element("p", "tg-hint", spec.hint));

    const buttons = spec.buttons ?? [];
    if (buttons.length || spec.progress) {
      const footer = element("div", "tg-footer");
      footer.append(element("span", "tg-progress", spec.progress ?? ""));
      for (const button of buttons) {
        const el = element("button", `tg-button${button.primary ? " tg-primary" : ""}`, button.label);
        el.type = "button";
        el.dataset.action = button.name;
        el.addEventListener("click", button.onClick);
        footer.append(el);
      }
      card.append(footer);
    }
    card.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && spec.onClose) {
        event.preventDefault();
        spec.onClose();
      }
    });

    let root = card;
    if (spec.kind === "modal") {
      root = element("div", "tg-backdrop");
      root.append(card);
    }
    mount(root);
    return {
      element: root,
      card,
      arrow,
      button: (name) => card.querySelector(`button[data-action="${CSS.escape(name)}"]`),
      cleanup: () => root.remove(),
    };
  }

  ns.card = Object.freeze({ create });
})();
