// A generated editor's form, sent as JSON: the document is read from the controls in their
// current order (so reordering is just moving elements), and every problem the server
// names comes back next to its field.
(() => {
  const form = document.getElementById("editor");
  if (!form) return;
  const status = form.querySelector("[data-status]");

  const own = (scope, selector) =>
    [...scope.querySelectorAll(selector)].filter((el) => el.parentElement.closest("[data-scope]") === scope);

  function readScope(scope) {
    const out = {};
    for (const field of own(scope, "[data-field]")) {
      // A field its siblings make irrelevant (a survey question's type) is not sent.
      if (field.hidden) continue;
      const value = readField(field, out);
      if (value !== undefined) out[field.dataset.field] = value;
    }
    return out;
  }

  const lines = (text) => text.split("\n").map((line) => line.trim()).filter(Boolean);

  function readField(field, siblings) {
    const widget = field.dataset.widget;
    const control = field.querySelector("input, select, textarea");
    switch (widget) {
      case "carried":
        return JSON.parse(field.querySelector("script.ef-carried").textContent) ?? undefined;
      case "group":
      case "target": {
        const value = readScope(field.querySelector("[data-scope]"));
        const empty = Object.values(value).every((v) => Array.isArray(v) && v.length === 0);
        return empty ? undefined : value;
      }
      case "entries": {
        const entries = [...field.querySelector("[data-entries]").children].map((entry) =>
          readScope(entry.querySelector("[data-scope]")));
        const options = JSON.parse(field.dataset.options || "{}");
        return options.audience ? entries.map(audienceRule) : entries;
      }
      case "checkbox":
        return control.checked;
      case "number":
        return control.value === "" ? undefined : Number(control.value);
      case "instant":
        return control.value ? new Date(control.value).toISOString() : undefined;
      case "lines": {
        const found = lines(control.value);
        return found.length ? found : undefined;
      }
      case "rule_value": {
        const options = JSON.parse(field.dataset.options);
        if (options.valueless_ops.includes(siblings.op)) return undefined;
        if (options.list_ops.includes(siblings.op)) return control.value.split(",").map((v) => v.trim()).filter(Boolean);
        return control.value;
      }
      default:
        return control.value === "" ? undefined : control.value;
    }
  }

  /** An audience row as the schema takes it: a saved segment, a carried group, or a rule. */
  function audienceRule({ segment, match, rules, ...rule }) {
    if (segment) return { segment };
    if (rules) return { match, rules };
    return rule;
  }

  /** The document path of a control, as the server writes it: steps[0].target.alternatives[1].by */
  function pathOf(field) {
    const parts = [];
    for (let el = field; el && el !== form; el = el.parentElement) {
      if (el.dataset.field) parts.unshift(el.dataset.field);
      else if (el.hasAttribute("data-entry")) parts.unshift(`[${[...el.parentElement.children].indexOf(el)}]`);
    }
    return parts.reduce((text, part) => (part.startsWith("[") || !text ? text + part : `${text}.${part}`), "");
  }

  function clearProblems() {
    for (const error of form.querySelectorAll(".ef-error")) {
      error.hidden = true;
      error.textContent = "";
      error.parentElement.classList.remove("ef-invalid");
    }
  }

  /** Show each problem at the deepest field its path names; the rest in the status line. */
  function showProblems(problems, message) {
    const fields = new Map();
    for (const field of form.querySelectorAll("[data-field]")) fields.set(`document.${pathOf(field)}`, field);
    for (const meta of form.querySelectorAll("[data-meta]")) fields.set(meta.dataset.meta, meta);
    const loose = [];
    let first = null;
    for (const problem of problems) {
      let path = problem.path;
      while (path && !fields.has(path)) {
        const up = path.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
        path = up === path ? "" : up;
      }
      const field = fields.get(path);
      const error = field?.querySelector(":scope > .ef-error, :scope > fieldset > .ef-error");
      if (!error) {
        loose.push(`${problem.path}: ${problem.message}`);
        continue;
      }
      const where = path === problem.path ? "" : `${problem.path.slice(path.length).replace(/^\./, "")}: `;
      error.textContent = [error.textContent, where + problem.message].filter(Boolean).join(" ");
      error.hidden = false;
      field.classList.add("ef-invalid");
      first ??= field;
    }
    status.textContent = [message, ...loose].join(" ");
    first?.querySelector("input:not([type=hidden]), select, textarea")?.focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblems();
    const body = {
      application_id: Number(form.querySelector('select[name="application_id"]').value),
      document: readScope(form.querySelector("[data-root]")),
    };
    if (form.dataset.revision) body.revision = Number(form.dataset.revision);
    const key = form.querySelector('input[name="key"]');
    if (key) body.key = key.value.trim();
    const button = form.querySelector('[type="submit"]');
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    status.textContent = "Saving…";
    try {
      const response = await fetch(form.dataset.saveUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": form.dataset.csrf },
        body: JSON.stringify(body),
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        window.location.assign(answer.url);
        return;
      }
      const error = answer.error ?? { message: `The server answered ${response.status}.`, details: {} };
      showProblems(error.details?.problems ?? [], error.message);
    } catch {
      status.textContent = "The console could not reach the server; nothing was saved. Try again.";
    } finally {
      button.disabled = false;
      form.removeAttribute("aria-busy");
    }
  });
})();
