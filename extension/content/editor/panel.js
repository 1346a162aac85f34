// The editor's panel on the page: what is being edited and its state, Save
// draft / Preview / Publish, the item's forms (a walkthrough's steps, or a tip
// or feature tag), clear messages (field errors, "someone else changed it"
// with the choice to load their version), minimize, move to the other side,
// and turning editor mode off.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.panel) return;
  const F = ns.fields;
  const { problemLines } = ns.authoring;
  const { toEditorWorker } = ns.messages;

  const NOUNS = { walkthrough: "Walkthrough", tip: "Smart tip", feature: "Feature tag" };

  function stateText(session) {
    if (session.status === "new") return "Not saved yet";
    const saved = session.dirty ? "Unsaved changes" : "Saved";
    if (session.status === "published") {
      const changed = session.changesUnpublished || session.dirty ? ", changed since" : "";
      return `${saved} · Published v${session.publishedVersion}${changed}`;
    }
    return `${saved} · ${session.status === "unpublished" ? "Unpublished" : "Draft"}`;
  }

  /**
   * @param {InstanceType<typeof ns.EditorModel>} model
   * @param {{signal: AbortSignal, live: {pause: (p: boolean) => void}, onPreview: () => string}} options
   */
  function create(model, { signal, live, onPreview }) {
    const titleId = ns.editorHost.id("panel");
    const panel = F.h("div", { className: "te-panel", attrs: { role: "region", "aria-labelledby": titleId } });
    const pill = F.h("button", { className: "te-pill", text: "Trailguide editor", attrs: { type: "button", "aria-label": "Show the Trailguide editor" } });
    pill.hidden = true;
    const meta = F.h("p", { className: "te-meta", attrs: { "data-part": "state" } });
    const message = F.h("div", { className: "te-message", attrs: { role: "status", "aria-live": "polite" } });
    const actions = F.h("div", { className: "te-actions" });
    const closing = F.h("div", { className: "te-message te-error" });
    closing.hidden = true;
    const body = F.h("div", { className: "te-body" });
    /** @type {HTMLElement} */
    let stepsHolder = F.h("div");

    const say = (text, kind = "", lines = [], extra = []) => {
      message.className = `te-message${kind ? ` te-${kind}` : ""}`;
      const list = lines.length ? F.h("ul", {}, ...lines.map((line) => F.h("li", { text: line }))) : null;
      message.replaceChildren(text, ...(list ? [list] : []), ...(extra.length ? [F.h("div", { className: "te-conflict" }, ...extra)] : []));
      ns.editorHost.announce(text);
    };

    const pick = async () => {
      live.pause(true);
      panel.hidden = true;
      try {
        return await ns.picker.pick({ signal });
      } finally {
        panel.hidden = false;
        live.pause(false);
      }
    };

    function problem(outcome, doing) {
      const { code, message: text, details } = outcome.problem;
      if (code === "conflict") {
        say(text, "error", [], [
          F.button("Load their version", async () => {
            const out = await model.reload();
            if (out.ok) say("Their version is loaded.", "ok");
            else problem(out, "load");
          }),
          F.button("Save mine over it", () => void save(true), { danger: true }),
        ]);
        return;
      }
      say(`Could not ${doing}: ${text}`, "error", problemLines(details));
    }

    async function save(force = false) {
      const out = await model.save(force);
      if (out.ok) say("Draft saved.", "ok");
      else problem(out, "save");
    }

    async function publish() {
      const out = await model.publish();
      if (out.ok) say(`Published version ${model.session.publishedVersion}: people see it now.`, "ok");
      else problem(out, "publish");
    }

    const close = async (how) => {
      if (how === "ask" && model.session.dirty) {
        closing.hidden = false;
        closing.replaceChildren("You have changes that are not saved yet.", F.h("div", { className: "te-conflict" },
          F.button("Save and turn off", () => void close("save"), { primary: true }),
          F.button("Discard and turn off", () => void close("discard")),
          F.button("Keep editing", () => (closing.hidden = true))));
        return;
      }
      if (how === "save") {
        const out = await model.save();
        if (!out.ok) return problem(out, "save");
      }
      await ns.core.send(toEditorWorker.CLOSE).catch(() => {});
    };

    function renderHead() {
      const session = model.session;
      meta.textContent = `${session.application.name} · ${NOUNS[session.type]} · ${stateText(session)}`;
      const busy = model.busy;
      const empty = model.type === "walkthrough" && !model.steps.length;
      actions.replaceChildren(
        F.button("Save draft", () => void save(), { primary: true, disabled: busy || empty }),
        model.type === "walkthrough" ? F.button("Preview", () => {
          const outcome = onPreview();
          if (outcome !== "started" && outcome !== "navigating") say(outcome, "error");
        }, { disabled: busy || empty }) : "",
        F.button("Publish", () => void publish(), { disabled: busy || empty }),
      );
    }

    function renderSteps() {
      if (model.type !== "walkthrough") return;
      const next = ns.stepsList.create(model, { pick });
      stepsHolder.replaceWith(next);
      stepsHolder = next;
    }

    function renderBody() {
      const tools = { pick };
      const form = ns.itemForms[model.type](model, tools);
      if (model.type === "walkthrough") {
        stepsHolder = ns.stepsList.create(model, tools);
        body.replaceChildren(form, stepsHolder, ns.stepForm.create(model, tools));
      } else {
        body.replaceChildren(form);
      }
    }

    const side = () => panel.classList.toggle("te-left");
    const minimize = (hidden) => {
      panel.hidden = hidden;
      pill.hidden = !hidden;
      live.pause(hidden);
    };
    pill.addEventListener("click", () => minimize(false));
    // The author turns to the page (to click on, or away from, it): keep what they typed.
    panel.addEventListener("focusout", () => void model.flush());
    panel.append(
      F.h("div", { className: "te-head" },
        F.h("div", { className: "te-title-row" },
          F.h("span", { className: "te-brand", text: "Trailguide editor", attrs: { id: titleId } }),
          F.icon("⇆", "Move the editor to the other side", side),
          F.icon("–", "Minimize the editor", () => minimize(true)),
          F.icon("×", "Turn editor off", () => void close("ask"))),
        meta, actions, message, closing),
      body,
    );
    model.addEventListener("change", (event) => {
      renderHead();
      if (/** @type {CustomEvent} */ (event).detail.structure) renderBody();
      else renderSteps();
    }, { signal });
    model.addEventListener("busy", renderHead, { signal });
    // A single-page app moved on: which steps live on this page changed.
    ns.route.follow(renderBody, signal);
    renderHead();
    renderBody();
    ns.editorHost.mount(panel);
    ns.editorHost.mount(pill);
    signal.addEventListener("abort", () => (panel.remove(), pill.remove()), { once: true });
    return {
      /** Move to the other side when the panel covers this box (the element being edited). */
      avoid(box) {
        if (panel.hidden) return;
        const rect = panel.getBoundingClientRect();
        const covers = (left) => box.x < left + rect.width && box.x + box.width > left &&
          box.y < rect.bottom && box.y + box.height > rect.top;
        const otherLeft = panel.classList.contains("te-left") ? innerWidth - rect.width - 12 : 12;
        if (covers(rect.left) && !covers(otherLeft)) side();
      },
      /** Hide the panel (while previewing) or show it again. */
      setHidden(hidden) {
        panel.hidden = hidden;
        pill.hidden = true;
      },
      say,
    };
  }

  ns.panel = Object.freeze({ create });
})();
