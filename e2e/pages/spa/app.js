// A tiny router: pushState for paths, hashchange for #/ routes, full re-render each time.
const views = {
  "/spa/": () => `
    <h1>Dashboard</h1>
    <div class="toolbar">
      <button type="button" role="button" aria-label="Sync now">⟳</button>
      <label for="city">City</label><input id="city" type="text">
      <button type="button" id="apply">Apply filter</button>
    </div>
    <p id="applied" hidden>Filter applied.</p>
    <p><a href="/spa/settings" data-route>Account settings</a></p>`,
  "/spa/settings": () => `
    <h1>Settings</h1>
    <p><a href="#/profile" id="profile-link">Edit profile</a></p>
    ${location.hash === "#/profile"
      ? '<div class="card"><label for="display-name">Display name</label> <input id="display-name" type="text"></div>'
      : "<p>Choose a section.</p>"}`,
};

function render() {
  const view = views[location.pathname] ?? views["/spa/"];
  document.getElementById("app").innerHTML = view();
  document.title = `SPA · ${location.pathname}${location.hash}`;
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-route]");
  if (link) {
    event.preventDefault();
    history.pushState({}, "", link.getAttribute("href"));
    render();
  }
  if (event.target.id === "apply") document.getElementById("applied").hidden = false;
});
addEventListener("popstate", render);
addEventListener("hashchange", render);
render();
