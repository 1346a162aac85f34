// The release simulator: what a new version of the guided application does to
// the rendered DOM of a screen, one mutation family at a time or several
// together, driven by a seeded generator so that every run makes the same
// release. It changes the page after the app rendered; the component
// libraries themselves stay as published.
(() => {
  if (globalThis.TrailguideRelease) return;
  const WORDS = globalThis.TrailguideReleaseWords;

  const FAMILIES = Object.freeze(["classes", "wrappers", "reorder", "text", "ids", "shadow", "layout"]);
  // Traps for copy-edit healing, scored on their own: "swapped" (the target and a sibling of its
  // kind reworded and trading places) and "replaced" (the targets of `removed` deleted, and the
  // neighbour of their kind sliding into each one's place reworded).
  const TRAPS = Object.freeze(["swapped", "replaced"]);
  // Elements whose children or parents the HTML parser constrains: never wrapped or hosted.
  const STRUCTURAL = new Set(["html", "head", "body", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "caption", "colgroup", "col", "option", "optgroup", "select"]);
  // Hashed class names, which every build renames: CSS-in-JS ("css-1k8x9fz", "css-niusud")
  // and hash chunks of CSS modules and the like ("Button_primary__3xK9z", "a1b2c3").
  const PREFIXED = /^(css|jss|sc|emotion|svelte)-([a-z0-9]+)(.*)$/i;
  const HASH_CHUNK = /(^|[-_])((?=[a-z0-9]*\d[a-z])[a-z0-9]{5,})$/i;
  // Share of the other class names a release renames (a design-system upgrade, a CSS-modules build).
  const RENAME_SHARE = 0.5;

  /** mulberry32: a small seeded generator, the same sequence for the same seed. */
  function generator(seed) {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const hashText = (rand, length) => {
    const letters = "abcdefghijklmnopqrstuvwxyz0123456789";
    let out = String(Math.floor(rand() * 10));
    while (out.length < length) out += letters[Math.floor(rand() * letters.length)];
    return out;
  };

  function shuffled(items, rand) {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  const isShadow = (node) => node?.nodeType === Node.DOCUMENT_FRAGMENT_NODE && Boolean(node.host);

  class Release {
    constructor(seed) {
      this.rand = generator(seed);
      this.hosts = new WeakSet(); // shadow hosts this release made (not a library's)
      this.moved = new Set();
      this.counter = 0;
    }

    /** The element the application itself placed: a library component's host for a part inside it. */
    owner(el) {
      let node = el;
      for (let root = node.getRootNode(); isShadow(root) && !this.hosts.has(root.host); root = node.getRootNode()) {
        node = root.host;
      }
      return node;
    }

    /** Ancestors of `el` in its own tree, nearest first, up to (not including) the app root. */
    ancestors(el) {
      const out = [];
      for (let node = el.parentElement; node && node.id !== "app" && node.localName !== "body"; node = node.parentElement) {
        out.push(node);
      }
      return out;
    }

    // --- families -------------------------------------------------------------

    /** A hashed class name with a new hash, or null for a name that is not hashed. */
    rehash(name) {
      const fresh = (hash) => {
        let next = hash;
        while (next === hash) next = hashText(this.rand, hash.length);
        return next;
      };
      let match = PREFIXED.exec(name);
      if (match) return `${match[1]}-${fresh(match[2])}${match[3]}`;
      match = HASH_CHUNK.exec(name);
      if (match) return name.slice(0, match.index) + match[1] + fresh(match[2]);
      return null;
    }

    /** New class names across the document, its stylesheets rewritten to match. */
    classes() {
      const names = new Map();
      const rename = (name) => {
        if (!names.has(name)) {
          const renamed = this.rand() < RENAME_SHARE ? `${name}_${hashText(this.rand, 5)}` : name;
          names.set(name, this.rehash(name) ?? renamed);
        }
        return names.get(name);
      };
      for (const el of document.querySelectorAll("[class]")) {
        el.setAttribute("class", [...el.classList].map(rename).join(" "));
      }
      const rewrite = (rules) => {
        for (const rule of rules) {
          if (rule.selectorText) {
            rule.selectorText = rule.selectorText.replace(/\.(-?[_a-zA-Z][\w-]*)/g, (match, name) =>
              names.has(name) ? `.${names.get(name)}` : match);
          }
          if (rule.cssRules) rewrite(rule.cssRules);
        }
      };
      for (const sheet of document.styleSheets) {
        try {
          rewrite(sheet.cssRules);
        } catch {
          // a cross-origin sheet: not the app's to rename
        }
      }
    }

    wrap(el) {
      const inline = getComputedStyle(el).display.startsWith("inline");
      const wrapper = document.createElement(inline ? "span" : "div");
      wrapper.className = `wrap-${hashText(this.rand, 5)}`;
      el.parentNode.insertBefore(wrapper, el);
      wrapper.appendChild(el);
    }

    /** The target in a new wrapper, and its container in another. */
    wrappers(target) {
      const el = this.owner(target);
      const parent = el.parentElement;
      if (!STRUCTURAL.has(el.localName)) this.wrap(el);
      if (parent && !STRUCTURAL.has(parent.localName) && parent.id !== "app" && parent.parentElement) this.wrap(parent);
    }

    shuffleChildren(parent) {
      if (!parent || STRUCTURAL.has(parent.localName) && parent.localName !== "tbody" && parent.localName !== "tr") return;
      const kids = [...parent.children];
      if (kids.length < 2) return;
      let order = shuffled(kids, this.rand);
      for (let tries = 0; tries < 5 && order.every((kid, i) => kid === kids[i]); tries++) order = shuffled(kids, this.rand);
      for (const kid of order) parent.appendChild(kid);
    }

    /** Siblings in a new order: the target's, its container's, and the rows of its list or table. */
    reorder(target) {
      const el = this.owner(target);
      const [parent, grand] = this.ancestors(el);
      this.shuffleChildren(parent);
      if (grand && grand.localName !== "tr") this.shuffleChildren(grand);
      const item = el.closest("tr, li");
      if (item?.parentElement && item.parentElement !== parent && item.parentElement !== grand) {
        this.shuffleChildren(item.parentElement);
      }
    }

    /** One copy edit: one interface word of the text (chosen by the seed) reworded. */
    reword(text) {
      const words = [...text.matchAll(/[A-Za-z]+/g)].filter((m) => WORDS[m[0].toLowerCase()]);
      if (!words.length) return text;
      const { 0: word, index } = words[Math.floor(this.rand() * words.length)];
      let next = WORDS[word.toLowerCase()];
      if (word[0] === word[0].toUpperCase()) next = next[0].toUpperCase() + next.slice(1);
      return text.slice(0, index) + next + text.slice(index + word.length);
    }

    rewordText(el) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) node.data = this.reword(node.data);
    }

    rewordAttributes(el) {
      for (const name of ["placeholder", "aria-label", "title", "label"]) {
        const value = el.getAttribute(name);
        if (value) el.setAttribute(name, this.reword(value));
      }
    }

    /** Copy edits on the target: its text, placeholder, aria-label, title and its labels. */
    text(target) {
      const el = this.owner(target);
      this.rewordAttributes(el); // a component's host: it renders its parts from these
      if (!el.matches("textarea, select")) this.rewordText(el);
      const labels = [...(target.labels ?? []), ...(el.labels ?? [])];
      const root = target.getRootNode();
      for (const id of (target.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean)) {
        const label = root.getElementById?.(id);
        if (label) labels.push(label);
      }
      const around = el.closest("label");
      if (around && around !== el) labels.push(around);
      // Labels in the app's own markup; a component renders its inner label from the host's attributes.
      for (const label of new Set(labels.filter((l) => l.getRootNode() === el.getRootNode()))) {
        if (!label.contains(el)) this.rewordText(label);
        else for (const node of label.childNodes) if (node.nodeType === Node.TEXT_NODE) node.data = this.reword(node.data);
      }
    }

    /**
     * Ids gone from the target and its ancestors in the app's own markup (a component's
     * insides are the library's); ids other elements refer to become generated ones.
     */
    ids(target) {
      const start = this.owner(target);
      const root = start.getRootNode();
      for (const el of [start, ...this.ancestors(start)]) {
        const id = el.getAttribute("id");
        if (!id || id === "app") continue;
        const quoted = CSS.escape(id);
        const refs = [...root.querySelectorAll(`[for="${quoted}"], [aria-labelledby~="${quoted}"], ` +
          `[aria-describedby~="${quoted}"], [aria-controls="${quoted}"]`)];
        if (!refs.length) {
          el.removeAttribute("id");
          continue;
        }
        const next = `:r${hashText(this.rand, 3)}:`;
        el.id = next;
        for (const ref of refs) {
          for (const name of ["for", "aria-labelledby", "aria-describedby", "aria-controls"]) {
            const value = ref.getAttribute(name);
            if (value) ref.setAttribute(name, value.split(/\s+/).map((v) => (v === id ? next : v)).join(" "));
          }
        }
      }
    }

    /** The page's styles as one sheet, so what moves into a shadow root keeps its look. */
    pageStyles() {
      if (!this.sheet) {
        const text = [];
        for (const sheet of document.styleSheets) {
          try {
            for (const rule of sheet.cssRules) text.push(rule.cssText);
          } catch {
            // a cross-origin sheet: the page's to keep
          }
        }
        this.sheet = new CSSStyleSheet();
        this.sheet.replaceSync(text.join("\n"));
      }
      return this.sheet;
    }

    /** The target's container (or the target) moved into the open shadow root of a new custom element. */
    shadow(target) {
      const el = this.owner(target);
      const parent = el.parentElement;
      const moved = parent && !STRUCTURAL.has(parent.localName) && parent.id !== "app" && !parent.matches("label, button, a")
        ? parent
        : el;
      if (this.moved.has(moved) || isShadow(moved.parentNode)) return;
      this.moved.add(moved);
      const host = document.createElement(`app-part-${++this.counter}`);
      host.style.display = "contents";
      const root = host.attachShadow({ mode: "open" });
      root.adoptedStyleSheets = [this.pageStyles()];
      this.hosts.add(host);
      moved.parentNode.insertBefore(host, moved);
      root.appendChild(moved);
    }

    /** The target's region moved to the other end of its container, which now stacks its regions; a banner on top. */
    layout(target) {
      const app = document.getElementById("app");
      if (!app.querySelector(":scope > .release-banner")) {
        const banner = document.createElement("div");
        banner.className = "release-banner";
        banner.innerHTML = '<p>The new layout is here.</p><a href="#whats-new">What is new</a>';
        app.prepend(banner);
      }
      const chain = [this.owner(target), ...this.ancestors(this.owner(target))].reverse(); // from the app down
      const fits = (el) => el && el !== this.owner(target) && el.parentElement?.children.length >= 2;
      const region = [chain[1], chain[2], chain[0]].find(fits);
      if (!region || this.moved.has(region)) return;
      this.moved.add(region);
      const container = region.parentElement;
      if (container.firstElementChild === region) container.append(region);
      else container.prepend(region);
      if (container.id !== "app") Object.assign(container.style, { display: "flex", flexDirection: "column" });
    }

    /** The target taken off the page, with its field wrapper when it has a label. */
    remove(target) {
      const el = this.owner(target);
      const label = el.closest("label") ?? target.labels?.[0] ?? el.labels?.[0];
      let gone = el;
      if (label && !label.contains(el)) {
        gone = this.ancestors(el).slice(0, 3).find((a) => a.contains(label) && a.querySelectorAll("*").length <= 24) ?? el;
      } else if (label) {
        gone = label;
      }
      gone.remove();
    }
  }

  /**
   * Apply one release to a screen.
   * @param {{families: string[], seed: number, targets: Element[], removed?: Element[]}} plan
   *   families in FAMILIES or TRAPS (applied in that order); targets the elements guidance points at
   *   (each family applies around each of them); removed the targets this release deletes.
   */
  function apply({ families, seed, targets, removed = [] }) {
    const release = new Release(seed);
    for (const family of [...FAMILIES, "swapped"]) {
      if (!families.includes(family)) continue;
      if (family === "classes") release.classes();
      else for (const target of targets) if (target.isConnected) release[family](target);
    }
    const replacing = families.includes("replaced");
    for (const target of removed) release[replacing ? "replace" : "remove"](target);
  }

  globalThis.TrailguideRelease = Object.freeze({ apply, FAMILIES, TRAPS, Release });
})();
