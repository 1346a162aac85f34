// Message names between the worker, content scripts and the options page,
// grouped by direction. A classic script for content scripts and a
// side-effect module for the worker and the options page.
(() => {
  const ns = (globalThis.Trailguide ??= /** @type {TrailguideNamespace} */ ({}));

  ns.messages = Object.freeze({
    /** content script -> worker */
    toWorker: Object.freeze({
      // {url} -> {application, content, flow, user} (content null when no app matches)
      PAGE: "tg:page",
      // {event} -> {queued: true}
      EMIT: "tg:emit",
      // {flow} | {flow: null}: the tab's walkthrough state, kept by the worker
      FLOW: "tg:flow",
      // {walkthroughId, url} -> {saved}: start that walkthrough on the next page matching url
      START_ELSEWHERE: "tg:start-elsewhere",
      // {url, comment, appId} -> {sent: true} | {sent: false, problem}: report a problem
      FEEDBACK: "tg:feedback",
      // {userId, appId}: the page identified its signed-in user
      IDENTITY: "tg:identity",
      // {path}: read a dotted global from the page's own world (user_id_rule.global)
      READ_PAGE_GLOBAL: "tg:read-page-global",
      // {path} -> {dataUrl} | {dataUrl: null}: a stored article image of the server
      IMAGE: "tg:image",
      // {query, url, appId} -> {entries, offline}: the server's matches (contract 6, an index
      // too big to ship); offline: the server could not be reached
      SEARCH: "tg:search",
    }),
    /** editor content script (top frame of a tab in editor mode) -> worker */
    toEditorWorker: Object.freeze({
      // -> {session} | {session: null}: what this tab edits (null: editor mode is off)
      SESSION: "tg:editor-session",
      // {draft, selected, pages}: the working copy changed (kept across navigation)
      CHANGE: "tg:editor-change",
      // {force?} -> {session} | {problem}: save the draft (create, or PUT with If-Match)
      SAVE: "tg:editor-save",
      // -> {session} | {problem}: replace the working copy with the server's draft
      RELOAD: "tg:editor-reload",
      // -> {session} | {problem}: save if needed, then publish
      PUBLISH: "tg:editor-publish",
      // {preview: {step} | null}: where the preview of the draft is (survives navigation)
      PREVIEW: "tg:editor-preview",
      // {discard?}: turn editor mode off for this tab
      CLOSE: "tg:editor-close",
    }),
    /** worker -> content scripts */
    toContent: Object.freeze({
      // settings or content changed: ask for the page again
      REFRESH: "tg:refresh",
      // editor mode started, stopped or changed item on this tab: ask for the session
      EDITOR_SYNC: "tg:editor-sync",
      // -> {flushed}: send the working copy now (the popup is about to show or save it)
      EDITOR_FLUSH: "tg:editor-flush",
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
    /** popup -> worker (extension pages only) */
    fromPopup: Object.freeze({
      // {tabId} -> {auth, tab, application, canEdit, editing, lastServer, lastEmail}
      STATE: "tg:popup-state",
      // {serverUrl, email, password} -> {ok} | {problem}
      SIGN_IN: "tg:popup-sign-in",
      // {serverUrl, workspace} -> {ok} | {problem}: single sign-on in the browser's auth window
      SSO_SIGN_IN: "tg:popup-sso-sign-in",
      SIGN_OUT: "tg:popup-sign-out",
      // {workspaceId}
      CHOOSE_WORKSPACE: "tg:popup-workspace",
      // {tabId, name, key, pattern} -> {application} | {problem}
      CREATE_APPLICATION: "tg:popup-create-application",
      // {applicationId} -> {walkthrough: [...], tip: [...], feature: [...]} | {problem}
      LIST_ITEMS: "tg:popup-items",
      // {tabId, applicationId, itemType, itemId?, name?} -> {editing, shown} | {problem}
      EDIT: "tg:popup-edit",
      // {tabId, save?}: editor mode off (saving first when asked)
      STOP: "tg:popup-stop",
    }),
  });
})();
