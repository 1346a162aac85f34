// Controls of a generated editor that need more than a plain input: date-times in the
// author's time zone, walkthroughs chosen by name (Tom Select), audience values that are
// lists for some operators, and each step's card preview following what is typed.
(() => {
  const form = document.getElementById("editor");
  if (!form) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

  /** "2026-03-01T09:00:00Z" as a datetime-local value in the browser's time zone. */
  function localValue(instant) {
    const moment = new Date(instant);
    if (Number.isNaN(moment.getTime())) return "";
    const pad = (n) => String(n).padStart(2, "0");
    return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}` +
      `T${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
  }

  function setUp(root) {
    for (const input of root.querySelectorAll("input[data-instant]")) {
      if (input.dataset.instant) input.value = localValue(input.dataset.instant);
      input.dataset.instant = "";
    }
    for (const note of root.querySelectorAll("[data-timezone]")) {
      note.textContent = `Time zone: ${zone} (your browser's); saved as UTC.`;
    }
    if (window.TomSelect) {
      for (const select of root.querySelectorAll("select[data-reference]")) {
        // Read-only forms (a disabled fieldset) keep the plain, disabled select.
        if (select.tomselect || select.closest("template") || select.matches(":disabled")) continue;
        // Filter on every key press (refreshThrottle 0): the options are all on the page, and a
        // throttled refresh still pending when an option is clicked reopens the list afterwards,
        // taking the focus (and what is typed next) from the field the author moved on to.
        const chooser = new window.TomSelect(select, {
          create: false,
          maxOptions: 500,
          allowEmptyOption: true,
          refreshThrottle: 0,
        });
        // The wrapping label names the hidden select; the visible combobox needs its own name.
        const label = select.closest("label")?.querySelector(".ef-label")?.textContent.trim();
        if (label) chooser.control_input.setAttribute("aria-label", label);
      }
    }
    for (const field of root.querySelectorAll('[data-widget="rule_value"]')) ruleValue(field);
    for (const field of root.querySelectorAll('[data-widget="segment"]')) segmentChoice(field);
  }

  /** A rule that uses a saved segment compares no attribute: its attribute controls rest. */
  function segmentChoice(field) {
    const select = field.querySelector("select");
    const others = ["attribute", "op", "value"]
      .map((name) => field.parentElement.querySelector(`:scope > [data-field="${name}"]`))
      .filter(Boolean);
    const sync = () => {
      for (const other of others) other.hidden = Boolean(select.value);
    };
    select.addEventListener("change", sync);
    sync();
  }

  /** An audience rule's value: none for exists / not exists. */
  function ruleValue(field) {
    const options = JSON.parse(field.dataset.options);
    const op = field.parentElement.querySelector('[data-field="op"] select');
    const input = field.querySelector("input");
    const sync = () => {
      input.disabled = options.valueless_ops.includes(op.value);
      input.placeholder = options.list_ops.includes(op.value) ? "Sales, Support" : "";
    };
    op.addEventListener("change", sync);
    sync();
  }

  // The card preview shows text only: the server sanitizes the body when it is saved.
  const asText = (html) => new DOMParser().parseFromString(html, "text/html").body.textContent;
  form.addEventListener("input", (event) => {
    const field = event.target.closest("[data-field]");
    const entry = event.target.closest("[data-entry]");
    if (!field || !entry) return;
    const name = field.dataset.field;
    const preview = entry.querySelector(`:scope > .entry-body > .preview [data-preview="${name}"]`);
    if (preview) preview.textContent = name === "body" ? asText(event.target.value) : event.target.value;
  });

  form.addEventListener("editor:added", (event) => setUp(event.detail));
  if (document.readyState === "complete") setUp(form);
  else window.addEventListener("load", () => setUp(form));
})();
