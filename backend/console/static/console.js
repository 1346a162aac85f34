// Light behaviour for the console: no framework, progressive enhancement only.
(() => {
  // Selects that navigate (the workspace switcher) submit on change.
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }
  // Destructive actions ask first.
  document.addEventListener("submit", (event) => {
    const message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });
  // Secrets shown once: a copy button next to them.
  for (const button of document.querySelectorAll("[data-copy]")) {
    button.addEventListener("click", async () => {
      const target = document.getElementById(button.getAttribute("data-copy"));
      await navigator.clipboard.writeText(target.textContent.trim());
      button.textContent = "Copied";
    });
  }
  // Invitation links carry their token in the fragment (never sent to a server):
  // move it into the form, drop it from the address bar and history, continue.
  const invitation = document.querySelector("input[data-from-fragment]");
  if (invitation && window.location.hash.length > 1) {
    invitation.value = decodeURIComponent(window.location.hash.slice(1));
    window.history.replaceState(null, "", window.location.pathname);
    invitation.form.submit();
  }
})();
