// The form of the selected step: kind, element, title, rich text body,
// placement, how it moves on (Next button, click, typing, going to a page),
// the page it lives on, and whether it may be skipped when its element is
// missing. Each change goes straight into the model (and the live view).
(() => {
  const ns = globalThis.Trailguide;
  if (ns.stepForm) return;
  const F = ns.fields;
  const { pagePattern } = ns.authoring;
  const { matches } = ns.urls;

  const KINDS = [["tooltip", "Tooltip on an element"], ["hotspot", "Hotspot (a beacon to open)"],
    ["modal", "Modal (no element)"]];
  const PLACEMENTS = [["auto", "Automatic"], ["top", "Above"], ["bottom", "Below"], ["left", "Left"],
    ["right", "Right"]];
  const ADVANCES = [["next_button", "The Next button"], ["click_target", "A click on the element"],
    ["input_target", "Typing in the element"], ["url_matches", "Going to a page"]];

  /**
   * @param {InstanceType<typeof ns.EditorModel>} model
   * @param {{pick: () => Promise<Element | null>}} tools
   */
  function create(model, { pick }) {
    const index = model.selected;
    const step = model.steps[index];
    if (!step) return F.h("p", { className: "te-hint", text: "Select a step to edit it, or add one." });
    const set = (mutate, how = {}) => model.update((draft) => mutate(draft.steps[index]), how);
    const rebuild = (mutate) => set(mutate, { structure: true });
    const here = !step.url || matches(step.url, location.href);
    const parts = [];

    parts.push(F.field("Kind", F.select(KINDS, step.kind ?? "tooltip", (kind) => rebuild((s) => {
      s.kind = kind;
      if (kind === "modal" && (s.advance === "click_target" || s.advance === "input_target")) {
        s.advance = "next_button";
      }
    }))));

    if ((step.kind ?? "tooltip") !== "modal") {
      parts.push(ns.targetField.create({
        target: step.target,
        pick,
        elsewhere: here ? "" : step.url,
        onPicked: (target) => {
          model.recordPage(step.key, location.href);
          rebuild((s) => {
            s.target = target;
            s.url ||= pagePattern(location.href);
          });
        },
      }));
    }

    parts.push(F.field("Title", F.text(step.title, (title) => set((s) => (s.title = title), { text: true }),
      { name: "title" })));
    const body = ns.richtext.create(step.body, (html) => set((s) => (s.body = html), { text: true }),
      { label: "Body" });
    parts.push(F.h("div", { className: "te-field" }, F.h("span", { className: "te-label", text: "Body" }), body));

    const advance = F.field("Moves on with", F.select(
      (step.kind ?? "tooltip") === "modal" ? ADVANCES.filter(([v]) => !v.endsWith("_target")) : ADVANCES,
      step.advance ?? "next_button",
      (value) => rebuild((s) => {
        s.advance = value;
        if (value === "url_matches") s.advance_url ||= pagePattern(location.href);
        else s.advance_url = null;
      }),
      { name: "advance" },
    ));
    const placement = (step.kind ?? "tooltip") === "modal" ? null : F.field("Placement",
      F.select(PLACEMENTS, step.placement ?? "auto", (value) => set((s) => (s.placement = value)),
        { name: "placement" }));
    parts.push(F.h("div", { className: "te-row" }, advance, placement));
    if (step.advance === "url_matches") {
      parts.push(F.field("Page address to move on", F.text(step.advance_url ?? "",
        (value) => set((s) => (s.advance_url = value.trim() || null), { text: true }), { name: "advance_url" }),
      "The step is done when the tab shows a page matching this pattern (* matches anything)."));
    }

    const pageInput = F.text(step.url ?? "", (value) => set((s) => (s.url = value.trim() || null), { text: true }),
      { name: "url", placeholder: "any page of the application" });
    parts.push(F.field("Page", pageInput,
      "Where this step shows (a URL pattern; * matches anything). Steps on other pages wait for them."));
    parts.push(F.button("Show it on this page", () => {
      model.recordPage(step.key, location.href);
      rebuild((s) => (s.url = pagePattern(location.href)));
    }));
    parts.push(F.h("div", { className: "te-field" }, F.checkbox("Skippable when its element is missing",
      step.skippable, (value) => set((s) => (s.skippable = value)))));

    const heading = F.h("h2", { text: `Step ${index + 1} of ${model.steps.length}` });
    return F.h("section", { className: "te-section", attrs: { "data-part": "step-form" } }, heading, ...parts);
  }

  ns.stepForm = Object.freeze({ create });
})();
