// The survey card: one question at a time in a labelled, non-modal dialog at
// the corner of the page. Every scale button and option has a screen-reader
// label, Tab stays inside while it is open, Esc asks again later, and focus
// goes back where it was. Texts are plain text (textContent), never HTML: a
// survey's words and a person's answers are never parsed as markup.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.surveyCard) return;
  const { mount, id } = ns.host;

  ns.styles += `
.tg-survey { position: fixed; right: 16px; bottom: 16px; width: min(380px, calc(100vw - 32px)); pointer-events: auto; }
.tg-scale { display: flex; flex-wrap: wrap; gap: 4px; margin: 8px 0; padding: 0; border: 0; }
.tg-scale button { min-width: 30px; padding: 4px 6px; border: 1px solid var(--tg-line); border-radius: 6px;
  background: var(--tg-surface); color: var(--tg-ink); cursor: pointer; }
.tg-scale button[aria-pressed="true"] { background: var(--tg-accent); color: var(--tg-on-accent); border-color: var(--tg-accent); }
.tg-scale-ends { display: flex; justify-content: space-between; color: var(--tg-muted); font-size: 12px; }
.tg-survey label { display: block; margin: 4px 0; pointer-events: auto; }
.tg-survey textarea { width: 100%; min-height: 64px; font: inherit; pointer-events: auto; }
.tg-survey .tg-later { margin-right: auto; }
`;

  const MAX_TEXT = 2000;

  /** @typedef {{value?: number, options: string[], text: string}} SurveyAnswer */

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function button(label, name, onClick, className = "tg-button") {
    const el = element("button", className, label);
    el.type = "button";
    el.dataset.action = name;
    el.addEventListener("click", onClick);
    return el;
  }

  /**
   * The answer controls of one question; `read()` gives the answer so far.
   * @param {any} question as delivered
   * @param {string} labelId the question text's id
   * @returns {{element: HTMLElement, read: () => SurveyAnswer}}
   */
  function controls(question, labelId) {
    const box = element("div", "tg-answer");
    /** @type {SurveyAnswer} */
    const answer = { value: undefined, options: [], text: "" };
    if (question.min !== null && question.min !== undefined) {
      const scale = element("div", "tg-scale");
      scale.setAttribute("role", "group");
      scale.setAttribute("aria-labelledby", labelId);
      for (let n = question.min; n <= question.max; n += 1) {
        const choice = button(String(n), `value-${n}`, () => {
          answer.value = n;
          for (const other of scale.querySelectorAll("button")) other.setAttribute("aria-pressed", String(other === choice));
        }, "");
        choice.setAttribute("aria-pressed", "false");
        choice.setAttribute("aria-label", `${n} out of ${question.max}`);
        scale.append(choice);
      }
      box.append(scale);
      if (question.type === "nps") {
        const ends = element("div", "tg-scale-ends");
        ends.setAttribute("aria-hidden", "true");
        ends.append(element("span", "", "Not likely"), element("span", "", "Very likely"));
        box.append(ends);
      }
    } else if (question.type === "single_choice" || question.type === "multiple_choice") {
      const group = element("div", "tg-options");
      group.setAttribute("role", question.type === "single_choice" ? "radiogroup" : "group");
      group.setAttribute("aria-labelledby", labelId);
      const name = id("options");
      for (const option of question.options ?? []) {
        const label = element("label");
        const input = document.createElement("input");
        input.type = question.type === "single_choice" ? "radio" : "checkbox";
        input.name = name;
        input.value = option.key;
        input.addEventListener("change", () => {
          answer.options = [...group.querySelectorAll("input:checked")].map((el) => /** @type {HTMLInputElement} */ (el).value);
        });
        label.append(input, document.createTextNode(` ${option.label}`));
        group.append(label);
      }
      box.append(group);
    }
    const prompt = question.type === "free_text" ? null : question.follow_up;
    if (question.type === "free_text" || prompt) {
      const area = document.createElement("textarea");
      area.maxLength = MAX_TEXT;
      if (prompt) {
        const label = element("label", "", prompt);
        label.htmlFor = area.id = id("why");
        box.append(label);
      } else {
        area.setAttribute("aria-labelledby", labelId);
      }
      area.addEventListener("input", () => (answer.text = area.value.slice(0, MAX_TEXT)));
      box.append(area);
    }
    return { element: box, read: () => answer };
  }

  /**
   * Show a survey card.
   * @param {{name: string, questions: any[]}} survey as delivered
   * @param {{onAnswer: (question: any, answer: SurveyAnswer) => string | null, onDismiss: (how: "later" | "never") => void,
   *          signal: AbortSignal}} handlers onAnswer returns the next question's key, or null at the end
   * @returns {{card: HTMLElement, cleanup: () => void}}
   */
  function show(survey, { onAnswer, onDismiss, signal }) {
    const card = element("div", "tg-card tg-survey");
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-modal", "false");
    card.tabIndex = -1;
    const titleId = id("survey");
    const heading = element("h2", "tg-title", survey.name);
    heading.id = titleId;
    card.setAttribute("aria-labelledby", titleId);
    const body = element("div", "tg-body");
    const footer = element("div", "tg-footer");
    card.append(heading, body, footer);
    const local = new AbortController();
    const restore = ns.focus.remember();
    const cleanup = () => {
      if (local.signal.aborted) return;
      local.abort();
      card.remove();
      restore();
    };
    signal.addEventListener("abort", cleanup, { once: true, signal: local.signal });
    const dismiss = (how) => {
      onDismiss(how);
      cleanup();
    };
    card.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        dismiss("later");
      }
    });

    const byKey = new Map(survey.questions.map((q) => [q.key, q]));
    const ask = (question, index) => {
      const textId = id("question");
      const text = element("p", "tg-question", question.text);
      text.id = textId;
      const answer = controls(question, textId);
      body.replaceChildren(text, answer.element);
      card.setAttribute("aria-describedby", textId);
      const last = index === survey.questions.length - 1;
      const next = button(last ? "Submit" : "Next", "next", () => {
        const given = answer.read();
        const empty = given.value === undefined && !given.options.length && !given.text.trim();
        if (empty && question.required) {
          ns.host.announce("Please answer this question.");
          return;
        }
        const following = empty ? defaultNext(index) : onAnswer(question, given);
        if (following && byKey.has(following)) {
          ask(byKey.get(following), survey.questions.indexOf(byKey.get(following)));
          ns.focus.enter(card);
        } else {
          thank();
        }
      }, "tg-button tg-primary");
      footer.replaceChildren(
        button("Ask me later", "later", () => dismiss("later"), "tg-button tg-later"),
        button("Don't ask again", "never", () => dismiss("never")),
        next,
      );
    };
    const defaultNext = (index) => survey.questions[index + 1]?.key ?? null;
    const thank = () => {
      body.replaceChildren(element("p", "tg-question", "Thank you for your answer."));
      footer.replaceChildren(button("Close", "close", cleanup, "tg-button tg-primary"));
      ns.host.announce("Thank you for your answer.");
      ns.focus.enter(card);
    };

    ask(survey.questions[0], 0);
    mount(card);
    ns.focus.trap(card, { signal: local.signal });
    ns.focus.enter(card);
    return { card, cleanup };
  }

  /**
   * Where the skip logic goes after an answer: the first rule that holds, else the
   * following question (null: the end).
   * @param {any[]} questions
   * @param {number} index
   * @param {{value?: number, options?: string[]}} answer
   * @returns {string | null}
   */
  function nextKey(questions, index, answer) {
    for (const rule of questions[index].next ?? []) {
      const holds = rule.option !== undefined
        ? (answer.options ?? []).includes(rule.option)
        : answer.value !== undefined && answer.value >= (rule.min ?? -Infinity) && answer.value <= (rule.max ?? Infinity);
      if (holds) return rule.goto === "end" ? null : rule.goto;
    }
    return questions[index + 1]?.key ?? null;
  }

  ns.surveyCard = Object.freeze({ show, nextKey });
})();
