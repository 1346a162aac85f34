// Surveys: the server delivers only those whose trigger holds for this person
// and that they have neither answered nor put off (their answers and
// dismissals are events folded into their progress, so another browser
// knows). One survey at a time; answers and dismissals go through the
// worker's event queue, which keeps them on disk while the server is away.
(() => {
  const ns = globalThis.Trailguide;
  const { emit, tested } = ns.core;
  const { matches } = ns.urls;

  // Answered or dismissed in this document: a route change does not ask again
  // before the server's next answer knows.
  const doneHere = new Set();

  const asksHere = (survey) => !survey.url || matches(survey.url, location.href);

  ns.feature("surveys", (ctx, signal) => {
    const survey = (ctx.content.surveys ?? []).find((s) => !doneHere.has(s.id) && asksHere(s));
    if (!survey || !survey.questions?.length) return;
    const ids = { survey_id: survey.id, survey_version: survey.version, ...tested(survey) };
    emit("survey_shown", ids);
    ns.surveyCard.show(survey, {
      signal,
      onAnswer(question, answer) {
        doneHere.add(survey.id);
        /** @type {Record<string, unknown>} */
        const fields = { ...ids, question_key: question.key };
        if (answer.value !== undefined) fields.answer_value = answer.value;
        if (answer.options?.length) fields.answer_options = answer.options;
        if (answer.text?.trim()) fields.answer_text = answer.text.trim();
        emit("survey_answered", fields);
        const index = survey.questions.indexOf(question);
        return ns.surveyCard.nextKey(survey.questions, index, answer);
      },
      onDismiss(how) {
        doneHere.add(survey.id);
        emit("survey_dismissed", { ...ids, dismissal: how });
      },
    });
  });
})();
