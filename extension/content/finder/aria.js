// Roles and accessible names, enough to find controls the way people (and
// screen readers) name them: explicit role first, else the HTML element's
// implicit role; name from aria-labelledby, aria-label, labels, alt, content,
// title or placeholder (a practical subset of accname).
(() => {
  const ns = globalThis.Trailguide;
  if (ns.aria) return;
  const { normalize } = ns.core;

  const TEXT_INPUTS = ["text", "email", "tel", "url", "password", ""];

  /** @type {Record<string, string>} implicit role -> selector */
  const IMPLICIT = {
    button:
      "button, input[type=button], input[type=submit], input[type=reset], input[type=image], summary",
    link: "a[href], area[href]",
    textbox: "textarea, input:not([type]), input[type=text], input[type=email], input[type=tel], input[type=url]",
    searchbox: "input[type=search]",
    checkbox: "input[type=checkbox]",
    radio: "input[type=radio]",
    combobox: "select:not([multiple]):not([size]), input[list]",
    listbox: "select[multiple], select[size]",
    spinbutton: "input[type=number]",
    slider: "input[type=range]",
    heading: "h1, h2, h3, h4, h5, h6",
    img: "img",
    navigation: "nav",
    main: "main",
    form: "form",
    list: "ul, ol",
    listitem: "li",
    table: "table",
    row: "tr",
    cell: "td",
    dialog: "dialog",
  };

  /** The element's role ("" when it has none we know). */
  function roleOf(el) {
    const explicit = el.getAttribute("role");
    if (explicit) return explicit.trim().split(/\s+/)[0].toLowerCase();
    for (const [role, selector] of Object.entries(IMPLICIT)) {
      if (el.matches(selector)) return role;
    }
    return "";
  }

  function textOf(el) {
    // Alternative text of images counts as content (icon buttons).
    let text = el.textContent ?? "";
    if (!normalize(text)) {
      const img = el.querySelector?.("img[alt], svg title");
      text = img ? (img.getAttribute("alt") ?? img.textContent ?? "") : "";
    }
    return normalize(text);
  }

  function byIds(el, ids) {
    const root = el.getRootNode();
    return ids
      .split(/\s+/)
      .map((id) => root.getElementById?.(id)?.textContent ?? "")
      .join(" ");
  }

  /** The accessible name, whitespace-normalized. */
  function nameOf(el) {
    const labelledby = el.getAttribute("aria-labelledby");
    if (labelledby) {
      const name = normalize(byIds(el, labelledby));
      if (name) return name;
    }
    const label = normalize(el.getAttribute("aria-label"));
    if (label) return label;
    if (el.labels?.length) {
      const name = normalize([...el.labels].map((l) => l.textContent).join(" "));
      if (name) return name;
    }
    const tag = el.localName;
    if (tag === "img" || (tag === "input" && el.type === "image")) {
      return normalize(el.getAttribute("alt") ?? el.getAttribute("title"));
    }
    if (tag === "input" && ["button", "submit", "reset"].includes(el.type)) {
      return normalize(el.value || el.getAttribute("title"));
    }
    const control = tag === "input" || tag === "textarea" || tag === "select";
    if (!control) {
      const content = textOf(el);
      if (content) return content;
    }
    return normalize(el.getAttribute("title") || el.getAttribute("placeholder"));
  }

  /**
   * Elements of `role` under `root` whose accessible name is `name` (any name
   * when empty); exact-case matches first.
   * @param {ParentNode} root
   */
  function byRole(root, role, name) {
    const wanted = String(role ?? "").toLowerCase();
    if (!wanted) return [];
    const implicit = IMPLICIT[wanted];
    const selector = `[role~="${CSS.escape(wanted)}"]${implicit ? `, ${implicit}` : ""}`;
    const target = normalize(name);
    const exact = [];
    const loose = [];
    for (const el of root.querySelectorAll(selector)) {
      if (roleOf(el) !== wanted) continue;
      if (!target) {
        exact.push(el);
        continue;
      }
      const actual = nameOf(el);
      if (actual === target) exact.push(el);
      else if (actual.toLowerCase() === target.toLowerCase()) loose.push(el);
    }
    return [...exact, ...loose];
  }

  const trimLabel = (text) => normalize(text).replace(/[\s:*]+$/, "").toLowerCase();

  function isControl(el) {
    return el.matches("input, textarea, select, [contenteditable=''], [contenteditable=true], [role=textbox], [role=combobox], [role=checkbox], [role=switch], [role=spinbutton]");
  }

  /**
   * Form controls labelled `text` (label element, aria-label or aria-labelledby).
   * @param {ParentNode} root
   */
  function byLabel(root, text) {
    const wanted = trimLabel(text);
    if (!wanted) return [];
    const found = new Set();
    for (const label of root.querySelectorAll("label")) {
      if (label.control && trimLabel(label.textContent) === wanted) found.add(label.control);
    }
    for (const el of root.querySelectorAll("[aria-label], [aria-labelledby]")) {
      if (!isControl(el)) continue;
      const name = el.hasAttribute("aria-labelledby")
        ? byIds(el, el.getAttribute("aria-labelledby"))
        : el.getAttribute("aria-label");
      if (trimLabel(name) === wanted) found.add(el);
    }
    return [...found];
  }

  /** Whether an element's type makes it a text-entry field. */
  const isTextField = (el) =>
    el.localName === "textarea" || (el.localName === "input" && TEXT_INPUTS.includes(el.type)) ||
    el.isContentEditable;

  ns.aria = Object.freeze({ roleOf, nameOf, byRole, byLabel, isTextField });
})();
