// The rich text field for step and tip bodies: a Tiptap editor with a small
// toolbar (bold, italic, link, bulleted and numbered lists). What it
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
    // The editor keeps a list item's text in a paragraph; stored bodies keep the plain <li>.
    for (const p of holder.querySelectorAll("li > p:only-child")) p.replaceWith(...p.childNodes);
    const html2 = holder.innerHTML.replace(/(<p><br><\/p>|<br>)+$/g, "").trim();
    return holder.textContent.trim() || /<(ul|ol)/.test(html2) ? html2 : "";
  }

  // The panel rebuilds its forms on each structural change. ProseMirror listens
  // on the document, so an editor seen on the page and gone from it since is
  // destroyed after the next render (one not yet attached is left alone).
  /** @type {Map<import("@tiptap/core").Editor, boolean>} editor -> seen attached */
  const editors = new Map();
  function sweep() {
    for (const [editor, seen] of editors) {
      if (editor.view.dom.isConnected) editors.set(editor, true);
      else if (seen) {
        editor.destroy();
        editors.delete(editor);
      }
    }
  }

  /** Destroy every editor: editor mode is off, and ProseMirror's document listeners go too. */
  function destroyAll() {
    for (const editor of editors.keys()) editor.destroy();
    editors.clear();
  }

  /**
   * A rich text editor (Tiptap, vendored from npm): only the marks and blocks a
   * body may hold are enabled, so what the author sees is what is stored.
   * @param {string} value initial HTML (sanitized before it is shown)
   * @param {(html: string) => void} onInput called with sanitized HTML on each change
   * @param {{label: string}} options
   * @returns {HTMLElement}
   */
  function create(value, onInput, { label }) {
    const { Editor, StarterKit, Bold, Italic } = globalThis.TrailguideTiptap;
    const holder = h("div");
    const editor = new Editor({
      element: holder,
      // Tiptap's stylesheet would land in the page's <head>; the editor's own styles cover it.
      injectCSS: false,
      extensions: [StarterKit.configure({
        heading: false, blockquote: false, codeBlock: false, horizontalRule: false, strike: false,
        dropcursor: false, gapcursor: false, trailingNode: false, bold: false, italic: false,
        link: { openOnClick: false, autolink: false, linkOnPaste: false, HTMLAttributes: { target: null, rel: null } },
      }),
      // Bodies have always been stored with <b> and <i>: new ones stay alike.
      Bold.extend({ renderHTML: ({ HTMLAttributes }) => ["b", HTMLAttributes, 0] }),
      Italic.extend({ renderHTML: ({ HTMLAttributes }) => ["i", HTMLAttributes, 0] })],
      content: clean(value),
      editorProps: {
        attributes: { class: "te-rich", role: "textbox", "aria-multiline": "true", "aria-label": label },
      },
      onUpdate: () => onInput(clean(editor.getHTML())),
    });
    editors.set(editor, false);
    queueMicrotask(sweep);
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
      const chain = editor.chain().focus();
      // With nothing selected the address itself becomes the link's text.
      if (editor.state.selection.empty && !editor.isActive("link")) {
        chain.insertContent({ type: "text", text: url, marks: [{ type: "link", attrs: { href: url } }] }).run();
      } else {
        chain.extendMarkRange("link").setLink({ href: url }).run();
      }
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

    /** @param {(chain: any) => any} apply */
    const command = (apply) => () => apply(editor.chain().focus()).run();
    // mousedown would take the selection away from the text before the click.
    const keep = (button) => (button.addEventListener("mousedown", (e) => e.preventDefault()), button);
    const toolbar = h("div", { className: "te-toolbar", attrs: { role: "toolbar", "aria-label": `${label} formatting` } },
      keep(icon("B", "Bold", command((c) => c.toggleBold()))),
      keep(icon("I", "Italic", command((c) => c.toggleItalic()))),
      keep(icon("Link", "Link", () => {
        linkRow.hidden = false;
        urlInput.focus();
      })),
      keep(icon("•", "Bulleted list", command((c) => c.toggleBulletList()))),
      keep(icon("1.", "Numbered list", command((c) => c.toggleOrderedList()))));
    return h("div", { className: "te-richtext" }, toolbar, holder, linkRow);
  }

  ns.richtext = Object.freeze({ create, clean, destroyAll });
})();
