// Lists of entries in a generated editor (walkthrough steps, checklist items, audience rules,
// a target's ways): add, remove, and reorder by drag and drop (SortableJS) or by keyboard
// (the Move up / Move down buttons, which keep focus so a key press can repeat the move).
(() => {
  const form = document.getElementById("editor");
  if (!form) return;
  const editable = !form.querySelector("fieldset.editor-fields").disabled;

  /** Number the entries of every list (1, 2, 3...) after any change of order. */
  function renumber() {
    for (const list of form.querySelectorAll("[data-entries]")) {
      const entries = list.querySelectorAll(":scope > [data-entry]");
      entries.forEach((entry, index) => {
        const name = `${entry.dataset.noun} ${index + 1}`;
        const bar = entry.querySelector(":scope > .entry-bar");
        bar.querySelector(".entry-number").textContent = String(index + 1);
        const up = bar.querySelector('[data-move="-1"]');
        const down = bar.querySelector('[data-move="1"]');
        up.disabled = index === 0;
        down.disabled = index === entries.length - 1;
        up.setAttribute("aria-label", `Move up ${name}`);
        down.setAttribute("aria-label", `Move down ${name}`);
        bar.querySelector("[data-remove]").setAttribute("aria-label", `Remove ${name}`);
      });
    }
    form.dispatchEvent(new CustomEvent("editor:changed", { bubbles: true }));
  }

  function sortable(list) {
    if (!editable || list.dataset.sortable) return;
    list.dataset.sortable = "true";
    window.Sortable.create(list, {
      handle: ".entry-handle",
      draggable: ":scope > [data-entry]",
      animation: 0,
      onEnd: renumber,
    });
  }

  function announce(text) {
    const status = form.querySelector("[data-status]");
    if (status) status.textContent = text;
  }

  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || !form.contains(button)) return;
    if (button.hasAttribute("data-add")) {
      const group = button.closest("fieldset");
      const list = group.querySelector(":scope > [data-entries]");
      const blank = group.querySelector(":scope > template[data-blank]");
      const entry = blank.content.firstElementChild.cloneNode(true);
      list.append(entry);
      for (const inner of entry.querySelectorAll("[data-entries]")) sortable(inner);
      form.dispatchEvent(new CustomEvent("editor:added", { detail: entry }));
      renumber();
      entry.querySelector("input, select, textarea")?.focus();
    } else if (button.hasAttribute("data-remove")) {
      const entry = button.closest("[data-entry]");
      const list = entry.parentElement;
      entry.remove();
      renumber();
      announce("Removed.");
      list.closest("fieldset").querySelector("[data-add]")?.focus();
    } else if (button.hasAttribute("data-move")) {
      const entry = button.closest("[data-entry]");
      const up = button.dataset.move === "-1";
      const other = up ? entry.previousElementSibling : entry.nextElementSibling;
      if (!other) return;
      if (up) other.before(entry);
      else other.after(entry);
      renumber();
      const bar = entry.querySelector(":scope > .entry-bar");
      announce(`Moved to position ${bar.querySelector(".entry-number").textContent}.`);
      const again = bar.querySelector(`[data-move="${button.dataset.move}"]`);
      (again.disabled ? bar.querySelector(`[data-move="${up ? 1 : -1}"]`) : again).focus();
    }
  });

  const ready = () => {
    for (const list of form.querySelectorAll("[data-entries]")) sortable(list);
    renumber();
  };
  if (window.Sortable) ready();
  else window.addEventListener("load", ready);
})();
