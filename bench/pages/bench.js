// The benchmark page: about 5,000 elements and 200 DOM mutations per second in a
// live feed (fixed size, so the mutations do not move the rest of the page) and
// in attributes of table cells (restyle, no layout shift).
(() => {
  const html = [];
  html.push('<header><strong>Bench CRM</strong><nav>');
  for (let i = 0; i < 40; i++) html.push(`<a href="#n${i}">Section ${i}</a>`);
  html.push("</nav></header>");
  html.push('<form><label for="email">Email</label> <input id="email" data-testid="email"> ');
  html.push('<label for="phone">Phone</label> <input id="phone" data-testid="phone"> ');
  html.push('<label for="name">Name</label> <input id="name" data-testid="name"></form>');
  html.push('<div class="actions">');
  for (const name of ["Export", "Import", "Share", "Archive", "Print"]) {
    html.push(`<button type="button" data-testid="${name.toLowerCase()}">${name}</button> `);
  }
  html.push("</div><bench-widget></bench-widget><ul id=\"feed\"></ul><table><tbody>");
  for (let r = 0; r < 790; r++) {
    html.push("<tr>");
    for (let c = 0; c < 5; c++) html.push(`<td>r${r} c${c}</td>`);
    html.push("</tr>");
  }
  html.push("</tbody></table>");
  document.body.insertAdjacentHTML("beforeend", html.join(""));

  customElements.define("bench-widget", class extends HTMLElement {
    connectedCallback() {
      const root = this.attachShadow({ mode: "closed" });
      const items = Array.from({ length: 60 }, (_, i) => `<li><span>Item ${i}</span></li>`);
      root.innerHTML = `<ul>${items.join("")}</ul><p><button type="button">Open the report</button></p>`;
    }
  });

  // 200 mutations per second: every 50 ms, 4 inserts + 4 removals + 2 attribute changes.
  const feed = document.getElementById("feed");
  const cells = document.querySelectorAll("td");
  let n = 0;
  setInterval(() => {
    for (let i = 0; i < 4; i++) {
      const li = document.createElement("li");
      li.textContent = `event ${n++}`;
      feed.prepend(li);
      if (feed.children.length > 12) feed.lastElementChild.remove();
    }
    for (let i = 0; i < 2; i++) {
      const cell = cells[(n * 7 + i * 13) % cells.length];
      cell.toggleAttribute("data-hot");
    }
  }, 50);
  document.documentElement.dataset.ready = "1";
})();
