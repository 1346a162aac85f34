// Billing in Bootstrap 5 (its CSS and bundled JS, unmodified): a navbar, a
// filter bar, an invoice table whose rows repeat the same buttons, a payment
// form and an address form with look-alike fields. `data-pick` marks what the
// guidance points at (the harness reads and removes it before describing).
/* global bootstrap */
import { NAV, PEOPLE } from "./data.js";

const PICKED_ROWS = { 1001: "download", 1004: "pay", 1006: "download", 1008: "details" };
const esc = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const mark = (id, what) => (PICKED_ROWS[id] === what ? ` data-pick="row-${id}-${what}"` : "");

const rows = PEOPLE.map((p) => `
  <tr>
    <td><input class="form-check-input" type="checkbox" aria-label="Select invoice ${p.id}"></td>
    <td>INV-${p.id}</td><td>${esc(p.name)}</td><td>$${p.total}</td>
    <td><span class="badge text-bg-secondary">${p.status}</span></td>
    <td class="text-end">
      <button type="button" class="btn btn-sm btn-outline-secondary"${mark(p.id, "details")}>Details</button>
      <button type="button" class="btn btn-sm btn-outline-primary"${mark(p.id, "download")}>Download</button>
      <button type="button" class="btn btn-sm btn-primary"${mark(p.id, "pay")}>Pay</button>
    </td>
  </tr>`).join("");

const field = (id, label, pick, extra = "") => `
  <div class="mb-2">
    <label for="${id}" class="form-label">${label}</label>
    <input id="${id}" class="form-control form-control-sm"${pick ? ` data-pick="${pick}"` : ""} ${extra}>
  </div>`;

document.getElementById("app").innerHTML = `
  <nav class="navbar navbar-expand bg-body-tertiary px-3">
    <a class="navbar-brand" href="#">Acme billing</a>
    <ul class="navbar-nav me-auto">
      ${NAV.map((name) => `<li class="nav-item"><a class="nav-link" href="#${name.toLowerCase()}"${name === "Reports" ? ' data-pick="nav-reports"' : ""}>${name}</a></li>`).join("")}
    </ul>
    <div class="dropdown">
      <button class="btn btn-outline-secondary dropdown-toggle" data-bs-toggle="dropdown" data-pick="account">Account</button>
      <ul class="dropdown-menu"><li><a class="dropdown-item" href="#">Profile</a></li><li><a class="dropdown-item" href="#">Sign out</a></li></ul>
    </div>
  </nav>
  <div class="container-fluid"><div class="row">
    <main class="col-8 p-3">
      <ul class="nav nav-tabs mb-3">
        <li class="nav-item"><button class="nav-link active">Invoices</button></li>
        <li class="nav-item"><button class="nav-link" data-pick="tab-payments">Payments</button></li>
        <li class="nav-item"><button class="nav-link">Credits</button></li>
      </ul>
      <form class="row g-2 mb-3" onsubmit="return false">
        <div class="col"><input class="form-control form-control-sm" placeholder="Search invoices" data-pick="search"></div>
        <div class="col-3"><select class="form-select form-select-sm" aria-label="Status" data-pick="status">
          <option>Any status</option><option>Paid</option><option>Pending</option></select></div>
        <div class="col-auto"><button class="btn btn-sm btn-primary" data-pick="filter">Filter</button></div>
        <div class="col-auto"><button class="btn btn-sm btn-link">Clear</button></div>
        <div class="col-auto"><button class="btn btn-sm btn-outline-secondary" data-pick="export">Export CSV</button></div>
      </form>
      <table class="table table-sm align-middle">
        <thead><tr><th></th><th>Invoice</th><th>Customer</th><th>Total</th><th>Status</th><th></th></tr></thead>
        <tbody>${rows}</tbody>
      </table>
      <nav><ul class="pagination pagination-sm">
        <li class="page-item"><a class="page-link" href="#">Previous</a></li>
        <li class="page-item active"><a class="page-link" href="#">1</a></li>
        <li class="page-item"><a class="page-link" href="#" data-pick="page-2">2</a></li>
        <li class="page-item"><a class="page-link" href="#">3</a></li>
        <li class="page-item"><a class="page-link" href="#">Next</a></li>
      </ul></nav>
    </main>
    <aside class="col-4 p-3">
      <form class="card card-body mb-3" onsubmit="return false">
        <h2 class="h6">Payment method</h2>
        ${field("card-name", "Name on card", "card-name")}
        ${field("card-number", "Card number", "card-number", 'inputmode="numeric" placeholder="1234 5678 9012 3456"')}
        <div class="form-check mb-2">
          <input class="form-check-input" type="checkbox" id="card-default" data-pick="card-default">
          <label class="form-check-label" for="card-default">Use as default</label>
        </div>
        <div><button class="btn btn-primary btn-sm" data-pick="card-save">Save</button>
          <button class="btn btn-link btn-sm" type="button">Cancel</button></div>
      </form>
      <form class="card card-body" onsubmit="return false">
        <h2 class="h6">Billing address</h2>
        ${field("addr-name", "Name", "")}
        ${field("addr-street", "Street", "address-street")}
        ${field("addr-city", "City", "")}
        <div class="form-check form-switch mb-2">
          <input class="form-check-input" type="checkbox" role="switch" id="addr-paper" data-pick="paper">
          <label class="form-check-label" for="addr-paper">Paper invoices</label>
        </div>
        <div><button class="btn btn-primary btn-sm" data-pick="address-save">Save</button>
          <button class="btn btn-link btn-sm" type="button">Cancel</button></div>
      </form>
    </aside>
  </div></div>`;

for (const el of document.querySelectorAll('[data-bs-toggle="dropdown"]')) new bootstrap.Dropdown(el);
document.documentElement.dataset.ready = "1";
