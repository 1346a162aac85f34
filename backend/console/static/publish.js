// The publish dialogs of an item page: opened from their buttons as modal dialogs (focus
// moves in and stays there, Esc closes, focus returns to the button), and the publish
// form's "who will see it" follows the chosen audience (the server counts the people).
(() => {
  for (const opener of document.querySelectorAll("[data-opens]")) {
    const dialog = document.getElementById(opener.getAttribute("data-opens"));
    if (!(dialog instanceof HTMLDialogElement)) continue;
    opener.addEventListener("click", (event) => {
      event.preventDefault();
      dialog.showModal();
      (dialog.querySelector("input:checked") ?? dialog.querySelector("button"))?.focus();
    });
    dialog.addEventListener("close", () => opener.focus());
    for (const cancel of dialog.querySelectorAll("[data-closes]")) {
      cancel.addEventListener("click", () => dialog.close());
    }
  }

  const form = document.querySelector("[data-publish-form]");
  const reach = form?.querySelector("[data-reach]")?.parentElement;
  if (!form || !reach) return;
  let timer = 0;
  let latest = 0;

  async function count() {
    const ticket = ++latest;
    const body = new FormData(form);
    body.set("action", "count");
    const response = await fetch(form.getAttribute("action"), {
      method: "POST",
      body,
      credentials: "same-origin",
    });
    // A later choice already asked again: keep what is shown until it answers.
    if (ticket !== latest || !response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.querySelector("[data-reach]");
    if (fresh) reach.replaceChildren(fresh);
  }

  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => count().catch(() => {}), 300);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
