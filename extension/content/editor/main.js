// Editor mode in a tab: asks the worker what this tab edits, and runs the
// editor (panel, live view, picker, preview) under ONE AbortController, so
// turning it off takes every element, listener and style it added with it.
// The player's guidance pauses while the author edits and comes back after.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.editor) return; // injected again into the same page: the first copy syncs
  const { send, orphaned } = ns.core;
  const { toEditorWorker, toContent } = ns.messages;

  /** @type {{controller: AbortController, id: string, model: any} | null} */
  let running = null;
  let generation = 0;

  function stop() {
    if (!running) return;
    running.controller.abort();
    running = null;
    ns.richtext.destroyAll();
    ns.host.remove();
    ns.editorHost.remove();
    ns.player?.resume();
  }

  function start(session) {
    ns.player?.pause();
    const controller = new AbortController();
    const signal = controller.signal;
    const model = new ns.EditorModel(session);
    running = { controller, id: session.id, model };
    /** @type {{setHidden: (hidden: boolean) => void, avoid: (box: any) => void}} */
    let panel;
    const live = ns.live.create(model, signal, { avoid: (box) => panel?.avoid(box) });
    const show = (previewing) => {
      live.pause(previewing);
      panel.setHidden(previewing);
    };
    const previewOptions = { signal, onEnd: () => show(false) };
    const onPreview = () => {
      show(true);
      const outcome = ns.preview.start(model, previewOptions);
      if (outcome !== "started" && outcome !== "navigating") show(false);
      return outcome;
    };
    panel = ns.panel.create(model, { signal, live, onPreview });
    // Leaving the page right after typing: the last words reach the worker first.
    addEventListener("pagehide", () => void model.flush(), { signal });
    // A preview that was running when the page changed continues here.
    if (session.preview) {
      show(true);
      if (!ns.preview.resume(model, previewOptions)) show(false);
    }
  }

  /** Start, stop or switch the editor to match the tab's session in the worker. */
  async function sync() {
    const mine = ++generation;
    let answer;
    try {
      answer = await send(toEditorWorker.SESSION);
    } catch {
      return; // the extension went away: `orphaned` takes the editor down
    }
    if (mine !== generation) return;
    const session = answer?.session ?? null;
    if (!session) {
      stop();
      return;
    }
    if (running?.id === session.id) return;
    stop();
    try {
      start(session);
    } catch (error) {
      console.error("Trailguide editor failed to start", error);
      stop();
    }
  }

  const onMessage = (message, _sender, reply) => {
    if (message?.type === toContent.EDITOR_SYNC) void sync();
    if (message?.type === toContent.EDITOR_FLUSH && running) {
      void running.model.flush().then(() => reply({ flushed: true }));
      return true; // the reply comes once the worker has the working copy
    }
    return false;
  };
  chrome.runtime.onMessage.addListener(onMessage);
  orphaned.signal.addEventListener("abort", () => {
    chrome.runtime.onMessage.removeListener(onMessage);
    stop();
  }, { once: true });

  ns.editor = Object.freeze({
    /** Whether editor mode is on in this page (the player stays paused meanwhile). */
    active: () => running !== null,
  });
  void sync();
})();
