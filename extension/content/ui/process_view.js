// The processes this application takes part in, as shown in the launcher panel:
// where the person stands ("Step 2 of 3: open Billing"), then every step with its
// application, ticked when done. The next step is a button even when it happens
// in another application: a walkthrough step goes there and starts it, an
// article step opens the article; an article step is ticked by "Mark done".
(() => {
  const ns = globalThis.Trailguide;
  const { el } = ns.host;
  if (ns.processView) return;

  /**
   * @typedef {{key: string, title: string, application: number | null, application_name: string,
   *            kind: string, walkthrough_id: number | null, article_id: number | null,
   *            url: string | null, help_url?: string | null}} ProcessStep
   * @typedef {{id: number, title: string, steps: ProcessStep[], steps_done: boolean[],
   *            current: number | null, total: number, done: number}} Process
   * @typedef {{application: number | null,
   *            onStep: (step: ProcessStep) => void,
   *            onMarkDone: (process: Process, step: ProcessStep) => void}} Actions
   */

  /**
   * Where the person stands: the next step, named by what to do where.
   * @param {Process} process
   * @param {number | null} application this page's application
   */
  function position(process, application) {
    const total = process.steps.length;
    if (process.current === null || process.current === undefined) return `All ${total} steps done`;
    const step = process.steps[process.current];
    const what = step.application === application ? step.title : `open ${step.application_name}`;
    return `Step ${process.current + 1} of ${total}: ${what}`;
  }

  /**
   * @param {Process} process
   * @param {ProcessStep} step
   * @param {number} index
   * @param {Actions} actions
   */
  function stepItem(process, step, index, actions) {
    const done = Boolean(process.steps_done?.[index]);
    const li = el("li", done ? "tg-done" : "");
    li.dataset.step = step.key;
    const button = el("button", "tg-item");
    button.type = "button";
    const check = el("span", "tg-check", done ? "✓" : "");
    check.setAttribute("aria-hidden", "true");
    const here = step.application === actions.application;
    const where = here ? "" : ` (in ${step.application_name})`;
    button.append(check, el("span", "tg-item-title", `${step.title}${where}`));
    button.setAttribute("aria-label", `Step ${index + 1}: ${step.title}${where}${done ? " (done)" : ""}`);
    if (index === process.current) button.setAttribute("aria-current", "step");
    const linked = step.kind === "walkthrough" ? step.walkthrough_id : step.article_id;
    if (Number.isInteger(linked)) {
      button.addEventListener("click", () => actions.onStep(step));
    } else {
      button.setAttribute("aria-disabled", "true");
    }
    li.append(button);
    if (step.kind === "article" && !done) {
      const mark = el("button", "tg-link-button", "Mark done");
      mark.type = "button";
      mark.dataset.markDone = step.key;
      mark.setAttribute("aria-label", `Mark step ${index + 1} done`);
      mark.addEventListener("click", () => actions.onMarkDone(process, step));
      li.append(mark);
    }
    return li;
  }

  /**
   * One section per process.
   * @param {Process[]} processes as delivered
   * @param {Actions} actions
   * @returns {HTMLElement}
   */
  function render(processes, actions) {
    const wrap = el("div", "tg-processes");
    for (const process of processes) {
      const section = el("section", "tg-process");
      section.dataset.process = String(process.id);
      const heading = el("h3", "tg-section-title", process.title);
      heading.id = ns.host.id("process");
      section.setAttribute("aria-labelledby", heading.id);
      const where = el("p", "tg-hint tg-position", position(process, actions.application));
      const ul = el("ol", "tg-list");
      process.steps.forEach((step, index) => ul.append(stepItem(process, step, index, actions)));
      section.append(heading, where, ul);
      wrap.append(section);
    }
    return wrap;
  }

  /**
   * The process with one more step done (as the server will fold it from the event).
   * @param {Process} process
   * @param {string} key
   * @returns {Process}
   */
  function withDone(process, key) {
    const steps_done = process.steps.map((s, i) => Boolean(process.steps_done?.[i]) || s.key === key);
    const next = steps_done.findIndex((d) => !d);
    return { ...process, steps_done, done: steps_done.filter(Boolean).length, current: next < 0 ? null : next };
  }

  ns.processView = Object.freeze({ render, position, withDone });
})();
