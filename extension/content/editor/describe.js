// The target descriptor of a picked element (CONTENT_CONTRACT.md): several
// ways to find it, most stable first — test ids, ids that do not look
// generated, ARIA role + accessible name, label text, visible text — then a
// CSS selector and a positional XPath; the frames and shadow hosts it lives
// in; and a fingerprint the player scores candidates with when the page changed.
// Every way is checked with the player's own finder: one that does not find
// the element is left out.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.describe) return;
  const { roleOf, nameOf, isTextField } = ns.aria;
  const { candidates, TEST_ATTRIBUTES } = ns.query;
  const { visible } = ns.finder;
  const { normalize } = ns.core;
  const { looksGenerated } = ns.authoring;
  const S = ns.selectors;

  const MAX_TEXT = 80;
  const MAX_NAME = 200;
  const MAX_VALUE = 500;
  const CONTROLS = "input, select, textarea, [contenteditable=''], [contenteditable=true], " +
    "[role=textbox], [role=combobox], [role=checkbox], [role=switch], [role=spinbutton], [role=slider]";
  const CLICKABLE_ROLES = new Set(["button", "link", "menuitem", "tab", "checkbox", "radio", "switch", "option"]);

  const clip = (text, max) => normalize(text).slice(0, max);
  const trimLabel = (text) => normalize(text).replace(/[\s:*]+$/, "");

  /** The text of the label(s) of a form control ("" when it has none). */
  function labelOf(el) {
    if (!el.matches(CONTROLS)) return "";
    if (el.labels?.length) {
      const text = trimLabel([...el.labels].map((label) => label.textContent).join(" "));
      if (text) return text;
    }
    if (el.hasAttribute("aria-labelledby") || el.hasAttribute("aria-label")) return trimLabel(nameOf(el));
    return "";
  }

  /** Short visible text that says what the element is (not for fields, not for big blocks). */
  function textOf(el) {
    if (el.matches(CONTROLS) || el.localName === "body" || el.localName === "html") return "";
    const text = normalize(el.textContent);
    return text.length <= MAX_TEXT ? text : "";
  }

  /**
   * Every way to find `el`, most stable first (unchecked).
   * @param {Element} el
   * @param {Document | ShadowRoot} root
   */
  function ways(el, root) {
    const out = [];
    const testAttr = TEST_ATTRIBUTES.find((name) => el.getAttribute(name));
    if (testAttr) out.push({ by: "testid", value: (el.getAttribute(testAttr) ?? "").slice(0, MAX_VALUE) });
    const id = S.stableId(el, root);
    if (id && id.length <= MAX_VALUE) out.push({ by: "id", value: id });
    const role = roleOf(el);
    const name = clip(nameOf(el), MAX_NAME + 1);
    if (role && name && name.length <= MAX_NAME && role.length <= 100) out.push({ by: "role", role, name });
    const label = labelOf(el);
    if (label && label.length <= MAX_NAME) out.push({ by: "label", value: label });
    const text = textOf(el);
    if (text) out.push({ by: "text", value: text, tag: el.localName });
    const css = S.cssFor(el, root);
    if (css && css.length <= MAX_VALUE) out.push({ by: "css", value: css });
    const xpath = S.xpathFor(el, root);
    if (xpath.length <= MAX_VALUE) out.push({ by: "xpath", value: xpath });
    return out;
  }

  /** Whether one way, on its own, finds `el` among the visible candidates of `root`. */
  function finds(alt, root, el) {
    return candidates(root, alt).filter(visible).includes(el);
  }

  /** The fingerprint the finder scores candidates with, from what lasts: no generated ids or classes. */
  const fingerprintOf = (el) =>
    ns.fingerprint.fingerprintOf(el, { stableId: (id) => !looksGenerated(id), stableClass: S.stableClass });

  /** Whether the element's accessible name is only its placeholder (copy that gets reworded). */
  function namedByPlaceholder(el) {
    const placeholder = normalize(el.getAttribute("placeholder"));
    return Boolean(placeholder) && nameOf(el) === placeholder;
  }

  /**
   * The descriptor of an element, with only the ways that find it.
   * @param {Element} el
   * @returns {{alternatives: object[], frames?: string[], shadow?: string[], fingerprint: object}}
   */
  function describe(el) {
    const place = ns.deep.placeOf(el);
    const alternatives = ways(el, place.root).filter((alt) => finds(alt, place.root, el));
    const target = { alternatives, fingerprint: fingerprintOf(el) };
    if (place.frames.length) target.frames = place.frames.map((frame) => S.frameSelector(frame));
    if (place.hosts.length) target.shadow = place.hosts.map((host) => S.hostSelector(host));
    if (!alternatives.length) {
      // Nothing checked out (an element the page hides from queries): keep the path anyway.
      alternatives.push({ by: "xpath", value: S.xpathFor(el, place.root) });
    }
    return target;
  }

  /**
   * How a step on this element most likely moves on: typing, clicking, or Next. A
   * `<select>` already holds a value, and keeping it fires no event: Next moves on.
   */
  function suggestAdvance(el) {
    if (isTextField(el)) return "input_target";
    if (el.localName === "select") return "next_button";
    return CLICKABLE_ROLES.has(roleOf(el)) ? "click_target" : "next_button";
  }

  /** A short, human name for an element: `link "New contact"`, `textbox "Email"`. */
  function nameFor(el) {
    const role = roleOf(el) || el.localName;
    const name = clip(nameOf(el), 60) || clip(el.textContent, 60);
    return name ? `${role} "${name}"` : role;
  }

  ns.describe = Object.freeze({ describe, suggestAdvance, nameFor, labelOf, namedByPlaceholder });
})();
