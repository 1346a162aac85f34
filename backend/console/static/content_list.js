// The content list: tag pickers with suggestions (tom-select) and the selection of the
// bulk bar. Without JavaScript the plain selects and checkboxes work the same.
(() => {
  const form = document.querySelector("[data-bulk-form]");

  if (window.TomSelect) {
    for (const select of document.querySelectorAll("select[data-tag-input]")) {
      const chooser = new window.TomSelect(select, {
        create: select.hasAttribute("data-create") ? (input) => ({ value: input.trim().toLowerCase(), text: input.trim().toLowerCase() }) : false,
        createFilter: /^[a-z0-9][a-z0-9 _.-]{0,39}$/i,
        maxOptions: 200,
        // No throttled refresh left pending to reopen the list after a pick (see editors/controls.js).
        refreshThrottle: 0,
        allowEmptyOption: true,
        plugins: select.multiple ? ["remove_button"] : [],
      });
      // The label names the hidden select; the visible combobox needs the same name.
      const label = document.querySelector(`label[for="${select.id}"]`);
      if (label) chooser.control_input.setAttribute("aria-label", label.textContent.trim());
    }
  }

  // Empty filters stay out of the URL, so a shared link says only what was chosen.
  document.querySelector("[data-filter-form]")?.addEventListener("formdata", (event) => {
    for (const [name, value] of [...event.formData.entries()]) {
      if (value === "") event.formData.delete(name);
    }
  });

  if (!form) return;
  const boxes = () => [...form.querySelectorAll("input[data-select]")];
  const all = form.querySelector("[data-select-all]");
  const count = form.querySelector("[data-selected-count]");

  function update() {
    const chosen = boxes().filter((box) => box.checked).length;
    if (count) count.textContent = chosen ? `${chosen} selected.` : "Select items to act on them.";
    if (all) {
      all.checked = chosen > 0 && chosen === boxes().length;
      all.indeterminate = chosen > 0 && chosen < boxes().length;
    }
  }

  all?.addEventListener("change", () => {
    for (const box of boxes()) box.checked = all.checked;
    update();
  });
  form.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.matches("[data-select]")) update();
  });
  update();
})();
