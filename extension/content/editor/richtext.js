// The rich text field for step and tip bodies: a contenteditable area with a
// small toolbar (bold, italic, link, bulleted and numbered lists). What it
// gives back is sanitized with the vendored DOMPurify to the server's
// allowlist (p, br, b, strong, i, em, u, a[href, title], ul, ol, li, code).
(() => {
  const ns = globalThis.Trailguide;
  if (ns.richtext) return;
  const { h, icon } = ns.fields;

  /** Author HTML reduced to what a body may hold. */
  function clean(html) {
    const purify = globalThis.DOMPurify;
    if (!purify?.sanitize) return "";
    // The player adds target/rel to links when it renders; stored bodies keep only href and title.
    const out = purify.sanitize(String(html ?? ""), ns.host.BODY_HTML);
    const holder = document.createElement("div");
    holder.innerHTML = out;
    for (const a of holder.querySelectorAll("a")) {
      a.removeAttribute("target");
      a.removeAttribute("rel");
    }
    const html2 = holder.innerHTML.replace(/(<p><br><\/p>|<br>)+$/g, "").trim();
    return holder.textContent.trim() || /<(ul|ol)/.test(html2) ? html2 : "";
  }

  /**
   * A rich text editor.
   * @param {string} value initial HTML (sanitized before it is shown)
   * @param {(html: string) => void} onInput called with sanitized HTML on each change
   * @param {{label: string}} options
   * @returns {HTMLElement}
   */
  function create(value, onInput, { label }) {
    const area = h("div", {
      className: "te-rich",
      attrs: { contenteditable: "true", role: "textbox", "aria-multiline": "true", "aria-label": label },
    });
    area.innerHTML = clean(value);
    const changed = () => onInput(clean(area.innerHTML));
    area.addEventListener("input", changed);
    // New lines become paragraphs, not divs (divs would be stripped to run-on text).
    // The setting is the page's document's: it is ours only while this field has focus.
    let separator = "";
    area.addEventListener("focus", () => {
      separator = document.queryCommandValue("defaultParagraphSeparator") || "div";
      document.execCommand("defaultParagraphSeparator", false, "p");
    });
    area.addEventListener("blur", () => {
      if (separator) document.execCommand("defaultParagraphSeparator", false, separator);
      separator = "";
    });

    /** @type {Range | null} */
    let saved = null;
    // Chromium's ShadowRoot has getSelection (not in the DOM typings): the selection inside our root.
    const selection = () =>
      /** @type {{getSelection?: () => Selection | null}} */ (area.getRootNode()).getSelection?.() ??
      document.getSelection();
    const remember = () => {
      const sel = selection();
      saved = sel && sel.rangeCount && area.contains(sel.anchorNode) ? sel.getRangeAt(0).cloneRange() : null;
    };
    const restore = () => {
      area.focus();
      if (!saved) return;
      const sel = selection();
      sel?.removeAllRanges();
      sel?.addRange(saved);
    };
    const command = (name, arg) => () => {
      restore();
      document.execCommand(name, false, arg);
      changed();
      remember();
    };
    for (const type of ["keyup", "mouseup", "blur"]) area.addEventListener(type, remember);

    const urlInput = h("input", { className: "te-input", attrs: { type: "url", placeholder: "https://…", "aria-label": "Link address" } });
    const addLink = () => {
      const url = urlInput.value.trim();
      if (!/^(https?:|mailto:)/i.test(url)) {
        urlInput.setCustomValidity("Use an http, https or mailto address.");
        urlInput.reportValidity();
        return;
      }
      urlInput.setCustomValidity("");
      linkRow.hidden = true;
      command("createLink", url)();
      urlInput.value = "";
    };
    urlInput.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        addLink();
      }
    });
    const linkRow = h("div", { className: "te-link-row" }, urlInput,
      h("button", { className: "te-button", text: "Add link", attrs: { type: "button" }, on: { click: addLink } }));
    linkRow.hidden = true;

    // mousedown would take the selection away from the text before the click.
    const keep = (button) => (button.addEventListener("mousedown", (e) => e.preventDefault()), button);
    const toolbar = h("div", { className: "te-toolbar", attrs: { role: "toolbar", "aria-label": `${label} formatting` } },
      keep(icon("B", "Bold", command("bold"))),
      keep(icon("I", "Italic", command("italic"))),
      keep(icon("Link", "Link", () => {
        remember();
        linkRow.hidden = false;
        urlInput.focus();
      })),
      keep(icon("•", "Bulleted list", command("insertUnorderedList"))),
      keep(icon("1.", "Numbered list", command("insertOrderedList"))));
    return h("div", { className: "te-richtext" }, toolbar, area, linkRow);
  }

  ns.richtext = Object.freeze({ create, clean });
})();
