// What every dashboard shares beyond its charts: the filter bar (preset ranges, searchable
// zone and segment pickers), the loading state while a new view is fetched, and the
// figure definitions' Escape key. Loaded by the filter bar itself (console/_filters.html)
// and by the settings page, whose default report zone is picked the same way.
(() => {
  const bar = document.querySelector("form[data-filter-bar]");

  /** A preset fills the dates; typing a date makes the range custom. */
  function presets(form) {
    const preset = form.querySelector("[data-range-preset]");
    const from = form.querySelector('input[name="from"]');
    const to = form.querySelector('input[name="to"]');
    if (!preset || !from || !to) return;
    preset.addEventListener("change", () => {
      const option = preset.selectedOptions[0];
      if (!option || !option.dataset.from) return;
      from.value = option.dataset.from;
      to.value = option.dataset.to;
    });
    for (const input of [from, to]) {
      input.addEventListener("input", () => {
        const match = [...preset.options].find(
          (option) => option.dataset.from === from.value && option.dataset.to === to.value,
        );
        preset.value = match ? match.value : "custom";
      });
    }
  }

  /** Long lists (every IANA zone, the directory's values) become searchable comboboxes. */
  function searchable(root) {
    if (!window.TomSelect) return;
    for (const select of root.querySelectorAll("select[data-searchable]")) {
      if (select.tomselect) continue;
      // Read before Tom Select points the label at its own combobox.
      const name = root.querySelector(`label[for="${select.id}"]`)?.textContent.trim();
      const chooser = new window.TomSelect(select, {
        create: select.hasAttribute("data-creatable"),
        maxOptions: 1000,
        // No throttled refresh left pending to reopen the list after a pick (see editors/controls.js).
        refreshThrottle: 0,
        plugins: select.multiple ? ["remove_button"] : [],
      });
      // Both the visible combobox and the hidden select it fills keep the field's name.
      if (name) {
        chooser.control_input.setAttribute("aria-label", name);
        select.setAttribute("aria-label", name);
      }
    }
  }

  /** While the next view loads, every chart and table says it is busy. */
  function loading(form) {
    form.addEventListener("submit", () => {
      for (const region of document.querySelectorAll(".chart, .table-wrap, .kpis")) {
        region.setAttribute("aria-busy", "true");
        region.classList.add("is-loading");
      }
      const button = form.querySelector('button[type="submit"]');
      if (button) button.textContent = "Loading…";
    });
  }

  searchable(document);
  if (bar) {
    presets(bar);
    loading(bar);
  }

  // A definition shown on hover or focus closes with Escape, without moving the pointer.
  document.addEventListener("keydown", (event) => {
    const active = document.activeElement;
    if (event.key === "Escape" && active instanceof HTMLElement && active.matches(".define")) {
      active.blur();
    }
  });
})();
