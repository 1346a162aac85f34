// The item-level forms: a walkthrough's name and settings (how it starts,
// where, how often), and the whole form of a smart tip or a feature tag, which
// point at one element picked with the same picker.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.itemForms) return;
  const F = ns.fields;
  const { pagePattern } = ns.authoring;
  const { matches } = ns.urls;

  const TRIGGERS = [["auto", "Automatically, on its first page"], ["manual", "From the help launcher"],
    ["on_element", "When an element appears"]];
  const FREQUENCIES = [["once", "Once per person"], ["until_completed", "Until completed"],
    ["always", "Every time"]];
  const TIP_TRIGGERS = [["hover", "When the pointer rests on the element"], ["focus", "When the field gets focus"],
    ["icon", "From a ? icon beside the element"]];

  function nameField(model, label) {
    return F.field(label, F.text(model.draft.name, (value) => model.update((d) => (d.name = value), { text: true }),
      { name: "name" }));
  }

  function pageField(model, { hint, placeholder, label = "Page", use = "Use this page" }) {
    const set = (value) => model.update((d) => (d.url = value), { structure: true });
    return F.h("div", {},
      F.field(label, F.text(model.draft.url ?? "", (value) => model.update((d) => (d.url = value.trim() || null),
        { text: true }), { name: "url", placeholder }), hint),
      F.button(use, () => set(pagePattern(location.href))));
  }

  function targetOf(model, pick, label = "Element") {
    const here = !model.draft.url || matches(model.draft.url, location.href);
    return ns.targetField.create({
      target: model.draft.target,
      label,
      pick,
      elsewhere: here ? "" : model.draft.url,
      onPicked: (target) => model.update((d) => {
        d.target = target;
      }, { structure: true }),
    });
  }

  /** Name, and (folded) how the walkthrough starts, where, and how often. */
  function walkthrough(model, { pick }) {
    const draft = model.draft;
    const trigger = draft.trigger?.type ?? "manual";
    const settings = [
      F.field("Description", F.text(draft.description ?? "", (value) =>
        model.update((d) => (d.description = value), { text: true }), { name: "description" })),
      F.field("Starts", F.select(TRIGGERS, trigger, (type) => model.update((d) => {
        d.trigger = type === "on_element" ? { type, target: d.trigger?.target ?? null } : { type };
      }, { structure: true }), { name: "trigger" })),
    ];
    if (trigger === "on_element") {
      settings.push(ns.targetField.create({
        target: draft.trigger?.target ?? null,
        label: "Element that starts it",
        pick,
        onPicked: (target) => model.update((d) => (d.trigger = { type: "on_element", target }), { structure: true }),
      }));
    }
    settings.push(
      pageField(model, { label: "Starts on page", use: "Start on this page", hint: "Where it may start (a URL pattern).",
        placeholder: "any page of the application" }),
      F.field("Shown", F.select(FREQUENCIES, draft.frequency ?? "once", (value) =>
        model.update((d) => (d.frequency = value)), { name: "frequency" })),
    );
    return F.h("div", { className: "te-section" },
      nameField(model, "Walkthrough name"),
      F.h("details", { attrs: { "data-part": "settings" } }, F.h("summary", { text: "Settings: start, page, frequency" }),
        ...settings));
  }

  /** A smart tip: name, element, title, body, when it shows, on which page. */
  function tip(model, { pick }) {
    const draft = model.draft;
    return F.h("div", { className: "te-section" },
      nameField(model, "Tip name"),
      targetOf(model, pick),
      F.field("Title", F.text(draft.title ?? "", (value) => model.update((d) => (d.title = value), { text: true }),
        { name: "title" })),
      F.h("div", { className: "te-field" }, F.h("span", { className: "te-label", text: "Body" }),
        ns.richtext.create(draft.body ?? "", (html) => model.update((d) => (d.body = html), { text: true }),
          { label: "Body" })),
      F.field("Shows", F.select(TIP_TRIGGERS, draft.trigger ?? "hover", (value) =>
        model.update((d) => (d.trigger = value), { structure: true }), { name: "trigger" })),
      pageField(model, { hint: "Where the tip shows (a URL pattern).", placeholder: "any page of the application" }));
  }

  /** A feature tag: name, description, element, page; each click on it is a use. */
  function feature(model, { pick }) {
    const draft = model.draft;
    return F.h("div", { className: "te-section" },
      nameField(model, "Feature name"),
      F.field("Description", F.text(draft.description ?? "", (value) =>
        model.update((d) => (d.description = value), { text: true }), { name: "description" })),
      targetOf(model, pick),
      pageField(model, { hint: "Count clicks only on pages matching this pattern.", placeholder: "any page of the application" }));
  }

  ns.itemForms = Object.freeze({ walkthrough, tip, feature });
})();
