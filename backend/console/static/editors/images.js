// Images in article text: choosing a file uploads it (the server checks what it really
// is) and inserts its <img> tag at the cursor of the field's text; a refusal is said
// next to the field.
(() => {
  const form = document.getElementById("editor");
  if (!form) return;

  async function upload(input) {
    const file = input.files?.[0];
    if (!file) return;
    const field = input.closest("[data-field]");
    const area = field.querySelector("textarea");
    const note = field.querySelector(".ef-image-note") ?? document.createElement("small");
    note.className = "ef-help ef-image-note";
    note.setAttribute("role", "status");
    field.append(note);
    note.textContent = `Uploading ${file.name}…`;
    const body = new FormData();
    body.append("file", file);
    const response = await fetch(input.dataset.imageUpload, {
      method: "POST",
      body,
      headers: { Accept: "application/json", "X-CSRF-Token": form.dataset.csrf },
      credentials: "same-origin",
    });
    const answer = await response.json().catch(() => null);
    input.value = "";
    if (!response.ok) {
      note.textContent = answer?.error?.message ?? `The upload failed (${response.status}).`;
      return;
    }
    const alt = file.name.replace(/\.[^.]+$/, "").replace(/["<>&]/g, "");
    const tag = `<img src="${answer.url}" alt="${alt}">`;
    const at = area.selectionEnd ?? area.value.length;
    area.value = area.value.slice(0, at) + tag + area.value.slice(at);
    area.dispatchEvent(new Event("input", { bubbles: true }));
    note.textContent = `Inserted ${file.name}: describe it in the alt text.`;
  }

  form.addEventListener("change", (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.dataset.imageUpload) upload(input);
  });
})();
