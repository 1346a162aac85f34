// Acme CRM's data, kept in localStorage so the demo feels like a real app.
const KEY = "acme-crm-v1";

const SEED = {
  user: { id: "jordan@acme.test", name: "Jordan Lee", timezone: "Europe/Berlin" },
  notifications: { deals: true, mentions: true, digest: false },
  contacts: [
    { id: "c1", first: "Ada", last: "Lovelace", email: "ada@analytical.test", phone: "+44 20 7946 0001", company: "Analytical Engines", stage: "customer", notes: "" },
    { id: "c2", first: "Grace", last: "Hopper", email: "grace@cobol.test", phone: "+1 202 555 0102", company: "Navy Labs", stage: "lead", notes: "Met at the compiler meetup." },
    { id: "c3", first: "Alan", last: "Turing", email: "alan@bletchley.test", phone: "+44 20 7946 0003", company: "Bletchley Park", stage: "qualified", notes: "" },
    { id: "c4", first: "Katherine", last: "Johnson", email: "katherine@orbit.test", phone: "+1 757 555 0104", company: "Langley Research", stage: "customer", notes: "" },
    { id: "c5", first: "Edsger", last: "Dijkstra", email: "edsger@paths.test", phone: "+31 40 555 0105", company: "Shortest Paths BV", stage: "lead", notes: "" },
    { id: "c6", first: "Barbara", last: "Liskov", email: "barbara@substitution.test", phone: "+1 617 555 0106", company: "Abstraction Inc", stage: "qualified", notes: "" },
  ],
  deals: [
    { id: "d1", title: "Engine upgrade", contact: "c1", amount: 12000, stage: "proposal" },
    { id: "d2", title: "Compiler licences", contact: "c2", amount: 4800, stage: "lead" },
    { id: "d3", title: "Codebook audit", contact: "c3", amount: 9100, stage: "qualified" },
    { id: "d4", title: "Trajectory suite", contact: "c4", amount: 21000, stage: "won" },
    { id: "d5", title: "Routing pilot", contact: "c5", amount: 3500, stage: "lead" },
  ],
};

export const DEAL_STAGES = ["lead", "qualified", "proposal", "won"];
export const CONTACT_STAGES = ["lead", "qualified", "customer", "churned"];

/** @returns {typeof SEED} */
export function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) || "null");
    if (saved && Array.isArray(saved.contacts)) return saved;
  } catch (_) {
    // Corrupt storage: start again from the seed.
  }
  return structuredClone(SEED);
}

export function save(data) {
  localStorage.setItem(KEY, JSON.stringify(data));
}

export function newId(prefix) {
  return prefix + Math.random().toString(36).slice(2, 9);
}

export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
  })[c]);
}
