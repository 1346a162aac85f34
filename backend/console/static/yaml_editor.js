// The advanced YAML tab: CodeMirror 6 (static/vendor/codemirror.min.js) over the draft's
// textarea, with the server's lint messages on their lines, and the side-by-side diff.
// Without JavaScript the textarea and the server's unified diff still work.
(() => {
  const cm = globalThis.TrailguideCodeMirror;
  if (!cm) return;
  const { basicSetup, EditorView, EditorState, yaml, linter, lintGutter, MergeView } = cm;
  const csrf = () => {
    const headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
    return headers["X-CSRF-Token"] || "";
  };

  /** Ask the server what is wrong with the text; each message covers its whole line. */
  function serverLint(url) {
    return linter(async (view) => {
      const body = new FormData();
      body.append("yaml", view.state.doc.toString());
      const response = await fetch(url, {
        method: "POST", body, headers: { "X-CSRF-Token": csrf() }, credentials: "same-origin",
      });
      if (!response.ok) return [];
      const { messages } = await response.json();
      const doc = view.state.doc;
      return messages.map(({ line, message }) => {
        const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
        return { from: at.from, to: at.to, severity: "error", message };
      });
    }, { delay: 400 });
  }

  // Editable: the textarea stays the form's field, kept in step with the editor.
  for (const textarea of document.querySelectorAll("textarea[data-yaml-editor]")) {
    const label = document.querySelector(`label[for="${textarea.id}"]`);
    const view = new EditorView({
      parent: textarea.parentElement,
      state: EditorState.create({
        doc: textarea.value,
        extensions: [
          basicSetup, yaml(), lintGutter(), serverLint(textarea.dataset.lintUrl), EditorView.lineWrapping,
          EditorView.contentAttributes.of({ "aria-label": label?.textContent || "YAML" }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            textarea.value = update.state.doc.toString();
            textarea.dispatchEvent(new Event("input", { bubbles: true }));
          }),
        ],
      }),
    });
    view.dom.classList.add("yaml-editor");
    view.dom.dataset.testid = "yaml-editor";
    textarea.hidden = true;
    if (label) label.addEventListener("click", () => view.focus());
  }

  // Read-only: highlighted with line numbers, nothing to change; still focusable, so the
  // keyboard can move through it and select. Long lines wrap (no sideways scrolling).
  const readOnly = [basicSetup, yaml(), EditorState.readOnly.of(true), EditorView.lineWrapping];
  for (const pre of document.querySelectorAll("pre[data-yaml-view]")) {
    const view = new EditorView({
      parent: pre.parentElement,
      state: EditorState.create({
        doc: pre.textContent,
        extensions: [...readOnly, EditorView.contentAttributes.of({ "aria-label": "Draft (read only)" })],
      }),
    });
    view.dom.classList.add("yaml-editor");
    pre.hidden = true;
  }

  // Two versions side by side, changed lines marked on each side.
  const merge = document.querySelector("[data-merge]");
  if (merge) {
    const text = (id) => JSON.parse(document.getElementById(id).textContent);
    const label = (id) => EditorView.contentAttributes.of({ "aria-label": document.getElementById(id).dataset.label });
    const view = new MergeView({
      a: { doc: text("diff-old"), extensions: [...readOnly, label("diff-old")] },
      b: { doc: text("diff-new"), extensions: [...readOnly, label("diff-new")] },
      parent: merge,
      collapseUnchanged: { margin: 3, minSize: 6 },
    });
    view.dom.classList.add("yaml-editor");
    view.dom.dataset.testid = "merge-view";
    for (const fallback of document.querySelectorAll("[data-diff-fallback]")) fallback.hidden = true;
  }
})();
