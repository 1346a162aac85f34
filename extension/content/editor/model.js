// The item being edited, as the editor's panel sees it: the working copy of
// the document, the selected step and where each step was recorded. Every
// change goes to the worker (text changes after a short pause), which keeps
// it across navigation; saving and publishing ask the worker too.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.EditorModel) return;
  const { send } = ns.core;
  const { toEditorWorker } = ns.messages;

  const TEXT_PAUSE_MS = 250;

  /**
   * @typedef {{ok: true} | {ok: false, problem: {status: number, code: string, message: string,
   *            details: unknown}}} Outcome
   */

  class EditorModel extends EventTarget {
    /** @param {any} session the worker's session for this tab */
    constructor(session) {
      super();
      this.session = session;
      this.version = 0;
      this.timer = 0;
      this.pending = false;
      this.busy = false;
    }

    get type() {
      return this.session.type;
    }

    get draft() {
      return this.session.draft;
    }

    get steps() {
      return this.session.draft.steps ?? [];
    }

    get selected() {
      return this.session.selected;
    }

    /**
     * Change the working copy. `text` changes (typing) reach the worker after a
     * pause; `structure` tells the panel to rebuild its lists.
     * @param {(draft: any) => void} mutate
     * @param {{text?: boolean, structure?: boolean}} [how]
     */
    update(mutate, { text = false, structure = false } = {}) {
      mutate(this.session.draft);
      this.session.dirty = true;
      this.version += 1;
      this.emitChange(structure);
      this.push(text);
    }

    select(index) {
      this.session.selected = index;
      this.emitChange(true);
      this.push(false);
    }

    /** Remember the page a step was recorded on (the preview goes there). */
    recordPage(key, href) {
      this.session.pages = { ...this.session.pages, [key]: href };
      this.push(false);
    }

    emitChange(structure) {
      this.dispatchEvent(new CustomEvent("change", { detail: { structure } }));
    }

    push(later) {
      clearTimeout(this.timer);
      this.pending = true;
      if (later) this.timer = setTimeout(() => void this.flush(), TEXT_PAUSE_MS);
      else void this.flush();
    }

    /** Send the working copy to the worker now (when something changed since). */
    async flush() {
      clearTimeout(this.timer);
      this.timer = 0;
      if (!this.pending) return;
      this.pending = false;
      const { draft, selected, pages, dirty } = this.session;
      await send(toEditorWorker.CHANGE, { draft, selected, pages, dirty }).catch(() => {});
    }

    /**
     * Ask the worker to act on the item, then take its answer (its draft too,
     * unless the author changed something meanwhile).
     * @returns {Promise<Outcome>}
     */
    async act(type, extra = {}) {
      clearTimeout(this.timer);
      this.pending = false; // the working copy goes along with the request
      const before = this.version;
      const { draft, selected, pages } = this.session;
      this.busy = true;
      this.dispatchEvent(new CustomEvent("busy"));
      try {
        const answer = await send(type, { draft, selected, pages, ...extra });
        if (answer?.problem) return { ok: false, problem: answer.problem };
        if (answer?.session) this.adopt(answer.session, this.version !== before);
        return { ok: true };
      } catch (error) {
        return { ok: false, problem: { status: 0, code: "error", message: String(error instanceof Error ? error.message : error), details: null } };
      } finally {
        this.busy = false;
        this.dispatchEvent(new CustomEvent("busy"));
      }
    }

    save(force = false) {
      return this.act(toEditorWorker.SAVE, { force });
    }

    publish() {
      return this.act(toEditorWorker.PUBLISH);
    }

    /** Drop the working copy for the server's draft (after someone else changed it). */
    async reload() {
      clearTimeout(this.timer);
      this.pending = false;
      const answer = await send(toEditorWorker.RELOAD).catch((error) => ({ problem: { message: String(error) } }));
      if (answer?.problem) return { ok: false, problem: answer.problem };
      this.adopt(answer.session, false);
      return { ok: true };
    }

    /** Take the worker's session; `keepLocal` keeps a draft changed while it was away. */
    adopt(session, keepLocal) {
      const local = this.session;
      this.session = keepLocal
        ? { ...session, draft: local.draft, selected: local.selected, pages: local.pages, dirty: true }
        : session;
      this.version += 1;
      this.emitChange(true);
      if (keepLocal) this.push(false);
    }

    /** Where the preview is (null: not previewing); kept by the worker across pages. */
    setPreview(preview) {
      this.session.preview = preview;
      return send(toEditorWorker.PREVIEW, { preview }).catch(() => {});
    }
  }

  ns.EditorModel = EditorModel;
})();
