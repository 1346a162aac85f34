// Message names between the worker, content scripts and the options page,
// grouped by direction. A classic script for content scripts and a
// side-effect module for the worker and the options page.
(() => {
  const ns = (globalThis.Trailguide ??= {});

  ns.messages = Object.freeze({
    /** content script -> worker */
    toWorker: Object.freeze({
      // {url} -> {application, content, flow, user} (content null when no app matches)
      PAGE: "tg:page",
      // {event} -> {queued: true}
      EMIT: "tg:emit",
      // {flow} | {flow: null}: the tab's walkthrough state, kept by the worker
      FLOW: "tg:flow",
      // {userId, appId}: the page identified its signed-in user
      IDENTITY: "tg:identity",
      // {path}: read a dotted global from the page's own world (user_id_rule.global)
      READ_PAGE_GLOBAL: "tg:read-page-global",
    }),
    /** worker -> content scripts */
    toContent: Object.freeze({
      // settings or content changed: ask for the page again
      REFRESH: "tg:refresh",
    }),
    /** worker -> extension pages (the options page) */
    toOptions: Object.freeze({
      // the worker applied new settings: show them
      APPLIED: "tg:applied",
    }),
    /** options page -> worker */
    fromOptions: Object.freeze({
      // -> {effective, managed, local, status}
      SETTINGS: "tg:settings",
      // {serverUrl, clientKey} -> {ok, applications?, error?}
      TEST_CONNECTION: "tg:test-connection",
    }),
  });
})();
