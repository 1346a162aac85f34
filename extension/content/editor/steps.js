// The walkthrough's steps in the panel: select, move up or down, duplicate,
// delete, and add a step by picking its element on the page (or a modal step).
// Recording continues across pages: a new step remembers the page it was
// picked on, so the walkthrough moves on from page to page.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.stepsList) return;
  const F = ns.fields;
  const { pagePattern } = ns.authoring;

  const KIND_NAMES = { tooltip: "tooltip", modal: "modal", hotspot: "hotspot" };

  /** A step key no other step has: step-1, step-2, … */
  function freshKey(steps) {
    const taken = new Set(steps.map((s) => s.key));
    let n = steps.length + 1;
    while (taken.has(`step-${n}`)) n += 1;
    return `step-${n}`;
  }

  function newStep(steps, fields) {
    return {
      key: freshKey(steps),
      kind: "tooltip",
      target: null,
      title: "",
      body: "",
      placement: "auto",
      advance: "next_button",
      advance_url: null,
      url: pagePattern(location.href) || null,
      skippable: false,
      ...fields,
    };
  }

  /**
   * @param {InstanceType<typeof ns.EditorModel>} model
   * @param {{pick: () => Promise<Element | null>}} tools
   */
  function create(model, { pick }) {
    const steps = model.steps;
    const list = F.h("ol", { className: "te-steps", attrs: { "aria-label": "Steps" } });
    const restructure = (mutate, select) => {
      model.update(mutate, { structure: true });
      if (select !== undefined) model.select(select);
    };
    steps.forEach((step, index) => {
      const title = step.title || "(no title)";
      const current = index === model.selected;
      const choose = F.h("button", {
        className: "te-step-select",
        attrs: { type: "button", "aria-label": `Step ${index + 1}: ${title}`, "aria-pressed": String(current) },
        on: { click: () => model.select(index) },
      }, `${index + 1}. ${title} `, F.h("span", { className: "te-step-kind", text: KIND_NAMES[step.kind] ?? "" }));
      const move = (to) => () => restructure((d) => {
        const [moved] = d.steps.splice(index, 1);
        d.steps.splice(to, 0, moved);
      }, to);
      list.append(F.h("li", { className: "te-step", attrs: { "aria-current": current ? "true" : null } },
        choose,
        F.icon("↑", `Move step ${index + 1} up`, move(index - 1), { disabled: index === 0 }),
        F.icon("↓", `Move step ${index + 1} down`, move(index + 1), { disabled: index === steps.length - 1 }),
        F.icon("❐", `Duplicate step ${index + 1}`, () => restructure((d) => {
          const copy = { ...structuredClone(d.steps[index]), key: freshKey(d.steps) };
          d.steps.splice(index + 1, 0, copy);
          if (model.session.pages[step.key]) model.recordPage(copy.key, model.session.pages[step.key]);
        }, index + 1)),
        F.icon("✕", `Delete step ${index + 1}`, () => restructure((d) => {
          d.steps.splice(index, 1);
        }, Math.min(index, steps.length - 2)))));
    });

    const add = async (kind) => {
      /** @type {Record<string, unknown>} */
      let fields = { kind: "modal", advance: "next_button" };
      if (kind !== "modal") {
        const el = await pick();
        if (!el) return;
        fields = { target: ns.describe.describe(el), advance: ns.describe.suggestAdvance(el) };
      }
      const step = newStep(model.steps, fields);
      model.recordPage(step.key, location.href);
      restructure((d) => {
        d.steps.push(step);
        // The walkthrough starts where its first step was recorded (editable in Settings).
        if (d.steps.length === 1 && !d.url) d.url = step.url;
      }, model.steps.length);
    };

    const empty = steps.length ? null : F.h("p", { className: "te-hint",
      text: "No steps yet. Add the first one: pick the element it points at, on this page." });
    return F.section("Steps", list, empty, F.h("div", { className: "te-actions" },
      F.button("Add step on an element", () => void add("tooltip"), { primary: !steps.length }),
      F.button("Add modal step", () => void add("modal"))));
  }

  ns.stepsList = Object.freeze({ create, freshKey });
})();
