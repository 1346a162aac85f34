// Deals board: columns by stage, move deals along, export as CSV.
import { DEAL_STAGES, escapeHtml, load, save } from "../store.js";

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

function card(deal, contact) {
  const next = DEAL_STAGES[DEAL_STAGES.indexOf(deal.stage) + 1];
  return `
    <article class="deal card" data-deal-id="${escapeHtml(deal.id)}">
      <h3>${escapeHtml(deal.title)}</h3>
      <p class="muted">${escapeHtml(contact ? `${contact.first} ${contact.last}` : "No contact")}</p>
      <p class="amount">${money.format(deal.amount)}</p>
      ${next ? `<button type="button" class="btn btn-small" data-move="${escapeHtml(deal.id)}" data-testid="move-${escapeHtml(deal.id)}">Move to ${next}</button>` : '<span class="pill pill-won">closed</span>'}
    </article>`;
}

function exportCsv(data) {
  const lines = [["title", "contact", "amount", "stage"].join(",")];
  for (const d of data.deals) {
    const c = data.contacts.find((x) => x.id === d.contact);
    const name = c ? `${c.first} ${c.last}` : "";
    lines.push([d.title, name, d.amount, d.stage].map((v) => `"${String(v).replace(/"/g, '""')}"`).join(","));
  }
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([lines.join("\n")], { type: "text/csv" }));
  link.download = "acme-deals.csv";
  link.click();
  URL.revokeObjectURL(link.href);
}

export function renderDeals(view) {
  const data = load();
  const total = data.deals.filter((d) => d.stage !== "won").reduce((sum, d) => sum + d.amount, 0);
  view.innerHTML = `
    <section class="page" data-page="deals">
      <div class="page-head">
        <h1>Deals</h1>
        <div>
          <span class="muted" data-testid="pipeline-total">Open pipeline: ${money.format(total)}</span>
          <button type="button" class="btn" id="export-deals" data-testid="export-deals">Export CSV</button>
        </div>
      </div>
      <div class="board" data-testid="deals-board">
        ${DEAL_STAGES.map((stage) => `
          <section class="column" data-stage="${stage}" aria-label="${stage} deals">
            <h2>${stage} <span class="count">${data.deals.filter((d) => d.stage === stage).length}</span></h2>
            ${data.deals.filter((d) => d.stage === stage).map((d) => card(d, data.contacts.find((c) => c.id === d.contact))).join("")}
          </section>`).join("")}
      </div>
    </section>`;
  view.querySelector("#export-deals").addEventListener("click", () => exportCsv(data));
  view.querySelector(".board").addEventListener("click", (event) => {
    const button = event.target.closest("[data-move]");
    if (!button) return;
    const fresh = load();
    const deal = fresh.deals.find((d) => d.id === button.dataset.move);
    deal.stage = DEAL_STAGES[DEAL_STAGES.indexOf(deal.stage) + 1] || deal.stage;
    save(fresh);
    renderDeals(view);
    window.dispatchEvent(new CustomEvent("acme:toast", { detail: `${deal.title} moved to ${deal.stage}` }));
  });
}
