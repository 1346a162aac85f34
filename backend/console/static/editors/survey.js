// The survey builder on top of the generated editor: each question shows only the fields
// its type uses (a hidden field is not sent), each skip rule names an option or a range
// as its question's type wants, the trigger shows the fields of its type, and each
// question's card preview follows what is typed. The preview builds the player card's
// controls (extension/content/ui/survey_card.js), inert, with textContent only: survey texts are
// never parsed as markup.
(() => {
  const form = document.getElementById("editor");
  if (!form || form.dataset.kind !== "survey") return;

  const SCALES = { nps: [0, 10], csat: [1, 5] };
  const CHOICES = ["single_choice", "multiple_choice"];
  // Fields of a question that only some types use.
  const QUESTION_FIELDS = {
    follow_up: (type) => type === "nps",
    scale: (type) => type === "rating",
    options: (type) => CHOICES.includes(type),
    next: (type) => type !== "free_text",
  };
  const RULE_FIELDS = {
    option: (type) => CHOICES.includes(type),
    min: (type) => !CHOICES.includes(type),
    max: (type) => !CHOICES.includes(type),
  };
  const TRIGGER_FIELDS = {
    walkthrough: (type) => type === "after_walkthrough_completed",
    feature: (type) => type === "after_feature_used",
    times: (type) => type === "after_feature_used",
    days: (type) => type === "after_days_since_first_activity",
  };

  const child = (scope, name) => scope.querySelector(`:scope > [data-field="${name}"]`);
  const scopeOf = (entry) => entry.querySelector(":scope > .entry-body > [data-scope]");
  const valueOf = (scope, name) => child(scope, name)?.querySelector("input, select, textarea")?.value ?? "";

  function showOnly(scope, fields, type) {
    for (const [name, wanted] of Object.entries(fields)) {
      const field = child(scope, name);
      if (field) field.hidden = !wanted(type);
    }
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  /** The card as the player shows this question: its text, then its answer controls. */
  function renderPreview(entry) {
    const preview = entry.querySelector(":scope > .entry-body > [data-survey-preview]");
    if (!preview) return;
    const scope = scopeOf(entry);
    const type = valueOf(scope, "type");
    const card = element("div", "tg-card tg-survey-preview");
    card.append(element("p", "tg-title", valueOf(scope, "text")));
    const [low, high] = type === "rating" ? [1, Number(valueOf(scope, "scale")) || 0] : SCALES[type] ?? [];
    if (low !== undefined && high >= low) {
      const scale = element("div", "tg-scale");
      for (let n = low; n <= high; n += 1) {
        scale.append(element("span", "tg-choice", String(n)));
      }
      card.append(scale);
      const why = valueOf(scope, "follow_up");
      if (type === "nps" && why) card.append(element("p", "tg-follow-up", why), element("div", "tg-textbox"));
    } else if (CHOICES.includes(type)) {
      const list = element("ul", "tg-options");
      for (const option of child(scope, "options")?.querySelectorAll(":scope [data-entry]") ?? []) {
        const label = valueOf(scopeOf(option), "label");
        list.append(element("li", type === "single_choice" ? "tg-radio" : "tg-checkbox", label));
      }
      card.append(list);
    } else {
      card.append(element("div", "tg-textbox"));
    }
    preview.replaceChildren(card);
  }

  function syncQuestion(entry) {
    const scope = scopeOf(entry);
    const type = valueOf(scope, "type");
    showOnly(scope, QUESTION_FIELDS, type);
    for (const rule of child(scope, "next")?.querySelectorAll(":scope [data-entry]") ?? []) {
      showOnly(scopeOf(rule), RULE_FIELDS, type);
    }
    renderPreview(entry);
  }

  const questions = () => [...(child(form.querySelector("[data-root]"), "questions")
    ?.querySelector("[data-entries]")?.children ?? [])];

  function syncTrigger() {
    const trigger = child(form.querySelector("[data-root]"), "trigger");
    const scope = trigger?.querySelector("[data-scope]");
    if (scope) showOnly(scope, TRIGGER_FIELDS, valueOf(scope, "type"));
  }

  function syncAll() {
    questions().forEach(syncQuestion);
    syncTrigger();
  }

  /** The question entry an event happened in (not an option's or a rule's entry). */
  function questionOf(target) {
    return questions().find((entry) => entry.contains(target));
  }

  for (const name of ["input", "change"]) {
    form.addEventListener(name, (event) => {
      const entry = questionOf(event.target);
      if (entry) syncQuestion(entry);
      else syncTrigger();
    });
  }
  form.addEventListener("editor:added", (event) => {
    const entry = questionOf(event.detail);
    if (entry) syncQuestion(entry);
  });
  form.addEventListener("editor:changed", syncAll);
  syncAll();
})();
