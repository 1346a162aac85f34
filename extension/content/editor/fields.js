// Small DOM builders for the editor's panel: labelled fields, selects,
// checkboxes and buttons, each wired to a callback. No framework: the panel
// re-renders its sections from the model when the structure changes.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.fields) return;
  const { id } = ns.editorHost;

  /**
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {Record<string, any>} [props] className, text, attrs {name: value}, on {event: fn}
   * @param {...(Node | string | null | false)} children
   * @returns {HTMLElementTagNameMap[K]}
   */
  function h(tag, props = {}, ...children) {
    const el = document.createElement(tag);
    if (props.className) el.className = props.className;
    if (props.text !== undefined) el.textContent = props.text;
    for (const [name, value] of Object.entries(props.attrs ?? {})) {
      if (value !== null && value !== undefined && value !== false) el.setAttribute(name, String(value));
    }
    for (const [type, handler] of Object.entries(props.on ?? {})) el.addEventListener(type, handler);
    for (const child of children) if (child) el.append(child);
    return el;
  }

  /** A labelled field around a control (the label names it for assistive tech). */
  function field(label, control, hint = "") {
    control.id ||= id("field");
    return h("div", { className: "te-field" },
      h("label", { text: label, attrs: { for: control.id } }),
      control,
      hint ? h("p", { className: "te-hint", text: hint }) : null);
  }

  /** A text input; onInput gets each change. */
  function text(value, onInput, { placeholder = "", name = "" } = {}) {
    const input = h("input", { className: "te-input", attrs: { type: "text", placeholder, name, spellcheck: "false" } });
    input.value = value ?? "";
    input.addEventListener("input", () => onInput(input.value));
    return input;
  }

  /**
   * A select of [value, label] options.
   * @param {string[][]} options [value, label] pairs
   */
  function select(options, value, onChange, { name = "" } = {}) {
    const el = h("select", { className: "te-input", attrs: { name } });
    for (const [optionValue, label] of options) el.append(new Option(label, optionValue));
    el.value = value;
    el.addEventListener("change", () => onChange(el.value));
    return el;
  }

  function checkbox(label, checked, onChange) {
    const input = h("input", { attrs: { type: "checkbox" } });
    input.checked = Boolean(checked);
    input.addEventListener("change", () => onChange(input.checked));
    return h("label", { className: "te-check" }, input, label);
  }

  /** A text button. */
  function button(label, onClick, { primary = false, danger = false, aria = "", disabled = false } = {}) {
    const className = `te-button${primary ? " te-primary" : ""}${danger ? " te-danger" : ""}`;
    const el = h("button", { className, text: label, attrs: { type: "button", "aria-label": aria || null } });
    el.disabled = disabled;
    el.addEventListener("click", onClick);
    return el;
  }

  /** A small icon button; `label` is its accessible name. */
  function icon(symbol, label, onClick, { disabled = false } = {}) {
    const el = h("button", { className: "te-icon", text: symbol, attrs: { type: "button", "aria-label": label, title: label } });
    el.disabled = disabled;
    el.addEventListener("click", onClick);
    return el;
  }

  function section(title, ...children) {
    const heading = h("h2", { text: title, attrs: { id: id("section") } });
    return h("section", { className: "te-section", attrs: { "aria-labelledby": heading.id } }, heading, ...children);
  }

  ns.fields = Object.freeze({ h, field, text, select, checkbox, button, icon, section });
})();
