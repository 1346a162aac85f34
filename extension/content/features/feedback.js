// "Report a problem" at the foot of the launcher panel: a small form asking
// what is wrong with this page or this guide. The worker adds the person, the
// walkthrough and step running in the tab, and the client key; the page and
// the comment come from here. The person is told whether the report arrived.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.feedback) return;

  const { send, current } = ns.core;
  const { toWorker } = ns.messages;
  const MAX_COMMENT = 2000;
  const QUESTION = "Something wrong with this page or this guide?";

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /**
   * The panel's foot: the button and the form it opens, torn down with the panel.
   * @param {{signal: AbortSignal}} options the panel's life
   * @returns {HTMLElement}
   */
  function foot({ signal }) {
    const wrap = el("div", "tg-feedback");
    const opener = el("button", "tg-button tg-feedback-open", "Report a problem");
    opener.type = "button";
    opener.setAttribute("aria-expanded", "false");
    const note = el("p", "tg-hint tg-feedback-note");
    note.setAttribute("role", "status");

    const form = el("form", "tg-feedback-form");
    form.hidden = true;
    form.noValidate = true;
    const heading = el("h3", "tg-feedback-title", QUESTION);
    heading.id = ns.host.id("feedback");
    form.setAttribute("aria-labelledby", heading.id);
    opener.setAttribute("aria-controls", (form.id = ns.host.id("feedback-form")));
    const comment = el("textarea", "tg-feedback-comment");
    comment.id = ns.host.id("feedback-comment");
    comment.name = "comment";
    comment.rows = 3;
    comment.maxLength = MAX_COMMENT;
    const label = el("label", "tg-feedback-label", "What went wrong? (optional)");
    label.htmlFor = comment.id;
    const problem = el("p", "tg-feedback-problem");
    problem.setAttribute("role", "alert");
    const submit = el("button", "tg-button tg-primary", "Send");
    submit.type = "submit";
    const cancel = el("button", "tg-button", "Cancel");
    cancel.type = "button";
    const actions = el("div", "tg-footer");
    actions.append(submit, cancel);
    form.append(heading, label, comment, problem, actions);
    wrap.append(opener, note, form);

    function show() {
      form.hidden = false;
      opener.hidden = true;
      opener.setAttribute("aria-expanded", "true");
      note.textContent = "";
      problem.textContent = "";
      comment.focus({ preventScroll: true });
    }

    function hide() {
      form.hidden = true;
      opener.hidden = false;
      opener.setAttribute("aria-expanded", "false");
      opener.focus({ preventScroll: true });
    }

    async function deliver() {
      submit.disabled = true;
      problem.textContent = "";
      let answer;
      try {
        answer = await send(toWorker.FEEDBACK, {
          url: location.href,
          comment: comment.value.slice(0, MAX_COMMENT),
          appId: current.appId,
        });
      } catch {
        answer = { sent: false, problem: "Your report could not be sent." };
      }
      if (signal.aborted) return;
      submit.disabled = false;
      if (answer?.sent) {
        comment.value = "";
        hide();
        note.textContent = "Thank you: your report was sent.";
      } else {
        problem.textContent = answer?.problem ?? "Your report could not be sent.";
      }
    }

    opener.addEventListener("click", show, { signal });
    cancel.addEventListener("click", hide, { signal });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!submit.disabled) void deliver();
    }, { signal });
    // Escape leaves the form, not the whole launcher.
    form.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.stopPropagation();
      hide();
    }, { signal });
    return wrap;
  }

  ns.feedback = Object.freeze({ foot });
})();
