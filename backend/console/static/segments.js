// The segment form's live count: while the author types, the form is sent as "Count people"
// (the server renders the count and sample names) and only the count card is replaced.
(() => {
  const form = document.querySelector("[data-segment-form]");
  const card = document.querySelector("[data-live-count]");
  if (!form || !card) return;
  let timer = 0;
  let latest = 0;

  async function count() {
    const ticket = ++latest;
    const body = new FormData(form);
    body.set("action", "count");
    // getAttribute: the buttons are named "action", which shadows form.action.
    const url = form.getAttribute("action");
    const response = await fetch(url, { method: "POST", body, credentials: "same-origin" });
    // A later edit already asked again, or the rules are not valid yet: keep what is shown.
    if (ticket !== latest || !response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.querySelector("[data-live-count]");
    if (!fresh) return;
    card.replaceChildren(...fresh.childNodes);
    card.hidden = fresh.hidden;
  }

  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => count().catch(() => {}), 400);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
