// CSS selectors and XPath expressions for a picked element, as stable as the
// page allows: ids and classes that look generated (hashes, counters, framework
// prefixes) or describe a passing state are left out; a selector climbs to the
// nearest stable anchor instead of spelling out the whole path; positions are
// the last resort.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.selectors) return;
  const { looksGenerated, isStateClass, isUtilityClass } = ns.authoring;

  const LANDMARKS = new Set(["main", "nav", "header", "footer", "aside", "form", "section", "dialog", "table"]);
  // No placeholder: it is copy that changes with the next wording, and the
  // role + name way already uses it when it is all that names a field.
  const CONTROL_ATTRS = ["name", "type", "aria-label"];
  const MAX_CLIMB = 4;
  const MAX_ATTR = 80;

  /** Whether `selector` finds exactly `el` in `root`. */
  function unique(root, selector, el) {
    try {
      const found = root.querySelectorAll(selector);
      return found.length === 1 && found[0] === el;
    } catch {
      return false;
    }
  }

  const tagOf = (el) => CSS.escape(el.localName);

  /** A stable id of `el` (not generated, unique in its root), or "". */
  function stableId(el, root) {
    const id = el.getAttribute("id");
    if (!id || looksGenerated(id)) return "";
    return unique(root, `#${CSS.escape(id)}`, el) ? id : "";
  }

  /** Whether a class names the element (not generated, not a passing state, not a styling utility). */
  const stableClass = (name) => !looksGenerated(name) && !isStateClass(name) && !isUtilityClass(name);

  function stableClasses(el) {
    return [...el.classList].filter(stableClass).slice(0, 3);
  }

  /** tag.class.class[attr="..."] for one element, from stable signals only. */
  function simple(el) {
    let part = tagOf(el) + stableClasses(el).map((c) => `.${CSS.escape(c)}`).join("");
    if (el.matches("input, select, textarea, button")) {
      for (const name of CONTROL_ATTRS) {
        const value = el.getAttribute(name);
        if (value && value.length <= MAX_ATTR && !looksGenerated(value.replace(/\s+/g, "-"))) {
          part += `[${name}="${CSS.escape(value)}"]`;
          break;
        }
      }
    }
    return part;
  }

  function nthOfType(el) {
    let index = 1;
    for (let sib = el.previousElementSibling; sib; sib = sib.previousElementSibling) {
      if (sib.localName === el.localName) index += 1;
    }
    return `${tagOf(el)}:nth-of-type(${index})`;
  }

  const parentIn = (el, root) => {
    const parent = el.parentElement;
    return parent && parent !== root && root.contains(parent) ? parent : null;
  };

  /** The full child path from the root: the selector of last resort. */
  function pathFrom(el, root) {
    const parts = [];
    for (let node = el; node; node = parentIn(node, root)) {
      const id = stableId(node, root);
      if (id) {
        parts.unshift(`#${CSS.escape(id)}`);
        break;
      }
      parts.unshift(nthOfType(node));
    }
    return parts.join(" > ");
  }

  /**
   * A CSS selector that finds `el` alone in `root`: its own stable signals,
   * anchored at a stable ancestor when needed, with a position as a last resort.
   * @param {Element} el
   * @param {Document | ShadowRoot} root
   */
  function cssFor(el, root) {
    const own = simple(el);
    if (unique(root, own, el)) return own;
    const anchors = [];
    let node = parentIn(el, root);
    for (let climbed = 0; node && climbed < MAX_CLIMB; climbed++, node = parentIn(node, root)) {
      const id = stableId(node, root);
      if (id) {
        anchors.unshift(`#${CSS.escape(id)}`);
        break;
      }
      if (stableClasses(node).length || LANDMARKS.has(node.localName)) anchors.unshift(simple(node));
      const candidate = [...anchors, own].join(" ");
      if (unique(root, candidate, el)) return candidate;
    }
    for (const tail of [own, `${own}:nth-of-type(${nthIndex(el)})`]) {
      const candidate = [...anchors, tail].join(" ");
      if (unique(root, candidate, el)) return candidate;
    }
    return pathFrom(el, root);
  }

  function nthIndex(el) {
    return Number(/\((\d+)\)/.exec(nthOfType(el))?.[1] ?? 1);
  }

  /** How to find a frame element in its document: id, name, title, then a path. */
  function frameSelector(frame) {
    const root = frame.getRootNode();
    const tag = tagOf(frame);
    for (const name of ["id", "name", "title"]) {
      const value = frame.getAttribute(name);
      if (!value || (name === "id" && looksGenerated(value))) continue;
      const selector = name === "id" ? `${tag}#${CSS.escape(value)}` : `${tag}[${name}="${CSS.escape(value)}"]`;
      if (unique(root, selector, frame)) return selector;
    }
    return cssFor(frame, root);
  }

  /** How to find a shadow host in its root: the custom element's name when unique. */
  function hostSelector(host) {
    const root = host.getRootNode();
    const tag = tagOf(host);
    if (unique(root, tag, host)) return tag;
    return cssFor(host, root);
  }

  function xpathStep(el) {
    const same = [...(el.parentNode?.children ?? [])].filter((s) => s.localName === el.localName);
    const html = el.namespaceURI === "http://www.w3.org/1999/xhtml";
    const name = html && /^[a-z][a-z0-9]*$/.test(el.localName) ? el.localName : `*[local-name()='${el.localName}']`;
    return same.length > 1 ? `${name}[${same.indexOf(el) + 1}]` : name;
  }

  /**
   * A positional XPath: absolute in a document ("/html/body/main/a[2]"), relative
   * to a shadow root ("./div/a[2]").
   */
  function xpathFor(el, root) {
    const steps = [];
    for (let node = el; node && node.nodeType === Node.ELEMENT_NODE; node = node.parentNode) {
      steps.unshift(xpathStep(node));
      if (node.parentNode === root) break;
    }
    return root.nodeType === Node.DOCUMENT_NODE ? `/${steps.join("/")}` : `./${steps.join("/")}`;
  }

  ns.selectors = Object.freeze({ cssFor, xpathFor, frameSelector, hostSelector, stableId, stableClass, unique });
})();
