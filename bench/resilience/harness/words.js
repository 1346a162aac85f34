// The copy edits of a release: interface words reworded the way a product's
// writers do (one word for another, a word added). Page data such as people's
// names is never reworded: a release changes its copy, not its records.
globalThis.TrailguideReleaseWords = Object.freeze({
  account: "profile", add: "write", address: "location", admin: "administrator", all: "everything",
  apply: "confirm", archive: "shelve", assigned: "allocated", backups: "snapshots", branch: "trunk",
  card: "credit card", clients: "customers", close: "resolve", confirm: "verify", customer: "client",
  customers: "clients", dashboard: "overview", default: "primary", delete: "remove", description: "summary",
  details: "more", digest: "summary", display: "public", download: "get", edit: "modify", email: "e-mail",
  export: "download", express: "priority", filter: "refine", gift: "present", help: "support",
  internal: "private", invitation: "invite", invoice: "bill", invoices: "bills", members: "people",
  message: "text", mine: "mine only", name: "title", new: "create", note: "comment", notifications: "alerts",
  number: "digits", open: "view", orders: "purchases", paper: "printed", pay: "pay now", payments: "transactions",
  pending: "waiting", phone: "telephone", priority: "urgency", project: "workspace", refresh: "reload",
  remove: "delete", reply: "respond", reports: "analytics", repository: "repo", save: "save changes",
  search: "find", send: "submit", settings: "preferences", shipped: "sent", shipping: "delivery",
  sign: "log", status: "state", street: "street line", strict: "locked", subject: "topic", team: "group",
  ticket: "case", tickets: "cases", type: "enter", url: "link", view: "show", visibility: "access",
  warehouse: "depot", weekly: "monthly", wrap: "packaging",
});
