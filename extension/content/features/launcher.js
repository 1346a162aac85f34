// The launcher: a help button opening this app's walkthroughs and links, a
// search over everything of the workspace the person may see (content/search/),
// and the onboarding checklists below. Alt+Shift+H opens it on the search box.
// This application's articles (contract 3) are listed too, and an article chosen
// (listed or found) is read right in the panel (ui/article_view.js). The processes
// this application takes part in (contract 5) show the person's position in each
// and lead to the next step, in whichever application it is (ui/process_view.js).
// Opening, searching and choosing a result are events (launcher_opened,
// launcher_searched with result_count, launcher_result_chosen).
(() => {
  const ns = globalThis.Trailguide;
  const { el, safeLink } = ns.host;
  const { emit, normalize } = ns.core;

  const SEARCH_SETTLE_MS = 600;
  const POSITIONS = ["bottom-right", "bottom-left", "top-right", "top-left"];
  const ENTRY_TYPES = ["walkthrough", "link"];
  const isShortcut = (event) => event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey &&
    event.code === "KeyH";

  ns.feature("launcher", (ctx, signal) => {
    const launcher = ctx.content.launcher;
    const checklists = ctx.content.checklists ?? [];
    const articles = (ctx.content.articles ?? []).filter((a) => Number.isInteger(a?.id) && typeof a.title === "string");
    /** @type {any[]} */
    let processes = (ctx.content.processes ?? []).filter((p) => Number.isInteger(p?.id) && Array.isArray(p.steps));
    if (!launcher && !checklists.length && !articles.length && !processes.length) return;
    const title = launcher?.title || "Onboarding";
    const position = POSITIONS.includes(launcher?.position) ? launcher.position : "bottom-right";
    // Entry types of a newer contract are left out: this player cannot act on them.
    const items = (launcher?.items ?? []).filter((item) => ENTRY_TYPES.includes(item?.type));
    // The workspace's search index (contract 2; an older server sends none), or (6) none shipped: the server searches.
    const index = Array.isArray(ctx.content.search) ? ctx.content.search : null;
    const onServer = index !== null && ctx.content.search_served_by === "server";
    const here = { url: location.href, application: ctx.application?.id ?? null };
    const delivered = new Set((ctx.content.walkthroughs ?? []).map((w) => w.id));
    /** @type {any} */
    let ranker = null;

    const button = el("button", `tg-launcher-button tg-pos-${position}`, "?");
    button.type = "button";
    button.setAttribute("aria-label", title);
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", "false");
    ns.host.mount(button);
    signal.addEventListener("abort", () => button.remove(), { once: true });

    /** @type {{panel: HTMLElement, life: AbortController, reading?: AbortController} | null} */
    let open = null;
    let reported = "";

    function close({ restore = true } = {}) {
      if (!open) return;
      open.life.abort();
      open.panel.remove();
      open = null;
      button.setAttribute("aria-expanded", "false");
      if (restore) button.focus({ preventScroll: true });
    }

    function startHere(walkthroughId) {
      close({ restore: false });
      ctx.bus.dispatchEvent(new CustomEvent("start-walkthrough", {
        detail: { id: walkthroughId, returnFocus: () => button.isConnected && button.focus() },
      }));
    }

    /** Start a walkthrough here, or go to the page it starts on (and start it there). */
    function start(walkthroughId) {
      const entry = index?.find((e) => e?.kind === "walkthrough" && e.walkthrough_id === walkthroughId);
      if (!entry) return startHere(walkthroughId);
      const place = { walkthroughId, url: entry.url ?? null, application: entry.application };
      ns.goThere.choose(place, { delivered, startHere }).catch((error) => {
        console.debug("Trailguide: could not go to the walkthrough", error);
      });
    }

    /** Read an article in the panel; Back (or Esc) returns to where the person was. */
    function readArticle(articleId) {
      const article = articles.find((a) => a.id === articleId);
      if (!open || !article) return false;
      const { panel } = open;
      const root = /** @type {ShadowRoot | Document} */ (panel.getRootNode());
      const from = /** @type {HTMLElement | null} */ (root.activeElement);
      const reading = new AbortController();
      open.reading?.abort();
      open.reading = reading;
      const hidden = [...panel.children].filter((child) => !child.classList.contains("tg-close"));
      hidden.forEach((child) => child.setAttribute("hidden", ""));
      const view = ns.articleView.render(article, {
        signal: reading.signal,
        onBack: () => {
          reading.abort();
          view.element.remove();
          hidden.forEach((child) => child.removeAttribute("hidden"));
          /** @type {HTMLElement | null} */ (from?.isConnected ? from : panel.querySelector(".tg-search, .tg-item"))?.focus();
        },
      });
      open.life.signal.addEventListener("abort", () => reading.abort(), { once: true });
      panel.append(view.element);
      view.focus();
      return true;
    }

    /** A process's step: go where its walkthrough starts, or read its article. */
    function openStep(step) {
      if (step.kind === "walkthrough" && Number.isInteger(step.walkthrough_id)) {
        const place = { walkthroughId: step.walkthrough_id, url: step.url ?? null, application: step.application };
        ns.goThere.choose(place, { delivered, startHere }).catch((error) => {
          console.debug("Trailguide: could not go to the process step", error);
        });
      } else if (step.kind === "article" && !readArticle(step.article_id)) {
        const href = safeLink(step.help_url);
        if (href) window.open(href, "_blank", "noopener,noreferrer");
      }
    }

    function chooseResult(entry, position, query) {
      emit("launcher_result_chosen", {
        search_query: normalize(query).slice(0, 200),
        ...(Number.isInteger(entry.walkthrough_id) ? { walkthrough_id: entry.walkthrough_id } : {}),
        properties: { result_kind: entry.kind, result_position: position },
      });
      // A process shown here: its steps in the panel; elsewhere, its first step.
      const shown = entry.kind === "process" && open?.panel.querySelector(`[data-process="${entry.id}"]`);
      if (shown) {
        /** @type {HTMLElement | null} */ (shown.querySelector("[aria-current=step], .tg-item"))?.focus();
      } else if (Number.isInteger(entry.walkthrough_id)) {
        start(entry.walkthrough_id);
      } else if (entry.kind === "article") {
        // An article of another application is not delivered here: its own page is.
        const href = readArticle(entry.id) ? null : safeLink(entry.help_url);
        if (href) window.open(href, "_blank", "noopener,noreferrer");
      } else if (entry.kind === "link") {
        const href = safeLink(entry.url);
        if (href) window.open(href, "_blank", "noopener,noreferrer");
      }
    }

    function renderResults(list, query, { filter = true } = {}) {
      const wanted = normalize(query).toLowerCase();
      const shown = items.filter((item) => {
        const label = item.type === "link" ? item.label : item.title;
        return !filter || !wanted || normalize(label).toLowerCase().includes(wanted);
      });
      list.replaceChildren();
      for (const item of shown) {
        const li = el("li");
        if (item.type === "link") {
          const href = safeLink(item.url);
          if (!href) continue;
          const a = el("a", "tg-item", item.label);
          a.href = href;
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          li.append(a);
        } else {
          const go = el("button", "tg-item", item.title ?? "Walkthrough");
          go.type = "button";
          go.dataset.walkthrough = String(item.walkthrough_id);
          go.addEventListener("click", () => start(item.walkthrough_id));
          li.append(go);
        }
        list.append(li);
      }
      for (const article of articles) {
        if (filter && wanted && !normalize(article.title).toLowerCase().includes(wanted)) continue;
        const li = el("li");
        const read = el("button", "tg-item", article.title);
        read.type = "button";
        read.dataset.article = String(article.id);
        read.addEventListener("click", () => readArticle(article.id));
        li.append(read);
        list.append(li);
      }
      if (!list.children.length) list.append(el("li", "tg-empty", "Nothing matches your search."));
      return list.querySelectorAll(".tg-item").length;
    }

    function openPanel() {
      const life = new AbortController();
      const panel = el("div", `tg-panel tg-pos-${position}`);
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-modal", "false");
      const heading = el("h2", "tg-title", title);
      heading.id = ns.host.id("launcher");
      panel.setAttribute("aria-labelledby", heading.id);
      const closeButton = el("button", "tg-close", "×");
      closeButton.type = "button";
      closeButton.setAttribute("aria-label", `Close ${title}`);
      closeButton.addEventListener("click", () => close());
      panel.append(closeButton, heading);
      const list = el("ul", "tg-list tg-results");
      if (items.length || index?.length || onServer || articles.length) {
        if (launcher?.search) {
          const search = /** @type {HTMLInputElement} */ (el("input", "tg-search"));
          search.type = "search";
          search.setAttribute("aria-label", `Search ${title}`);
          search.placeholder = "Search";
          let timer = 0;
          let pending = null;
          const flush = () => {
            clearTimeout(timer);
            if (pending) report(pending.query, pending.count);
            pending = null;
          };
          // One event per settled query, not per keystroke.
          const settle = (query, count) => {
            pending = { query, count };
            clearTimeout(timer);
            timer = setTimeout(flush, SEARCH_SETTLE_MS);
          };
          // Picking a result (or closing) right after typing still reports the search.
          life.signal.addEventListener("abort", flush);
          panel.append(search);
          if (index) {
            const status = el("p", "tg-sr-only");
            status.setAttribute("aria-live", "polite");
            panel.append(status, list);
            ranker ??= onServer ? ns.searchServer.build(here) : ns.searchRank.build(index, here);
            ns.launcherSearch.attach({
              input: search, list, status, ranker, here, signal: life.signal,
              showDefault: () => renderResults(list, "", { filter: false }),
              onChoose: (entry, position, query) => {
                flush();
                chooseResult(entry, position, query);
              },
              onResults: settle,
            });
          } else {
            search.addEventListener("input", () => settle(search.value, renderResults(list, search.value)));
          }
        }
        if (!list.isConnected) panel.append(list);
        if (!index || !launcher?.search) renderResults(list, "");
      }
      const checks = el("div", "tg-checklist-slot");
      panel.append(checks);
      const drawChecklists = () => checks.replaceChildren(ns.checklist.render(checklists, start));
      drawChecklists();
      ctx.bus.addEventListener("progress", drawChecklists, { signal: life.signal });
      withCompleted();
      const steps = el("div", "tg-process-slot");
      panel.append(steps);
      const drawProcesses = () => steps.replaceChildren(ns.processView.render(processes, {
        application: here.application,
        onStep: openStep,
        onMarkDone: (process, step) => {
          emit("process_step_completed", { checklist_id: process.id, item_key: step.key });
          processes = processes.map((p) => (p.id === process.id ? ns.processView.withDone(p, step.key) : p));
          drawProcesses();
      ctx.bus.addEventListener("process-progress", drawProcesses, { signal: life.signal });
          /** @type {HTMLElement | null} */ (steps.querySelector(`[data-process="${process.id}"] .tg-item`))?.focus();
        },
      }));
      drawProcesses();
      panel.append(ns.feedback.foot({ signal: life.signal }));
      panel.addEventListener("keydown", (event) => {
        if (event.key === "Escape") close();
      });
      ns.host.mount(panel);
      open = { panel, life };
      button.setAttribute("aria-expanded", "true");
      ns.focus.trap(panel, { signal: life.signal, extra: [] });
      ns.focus.enter(panel, panel.querySelector(".tg-search") ?? panel.querySelector(".tg-item"));
      // A click on the page (outside the player) closes the panel.
      document.addEventListener("pointerdown", (event) => {
        if (!ns.host.isOurs(event)) close({ restore: false });
      }, { capture: true, signal: life.signal });
      emit("launcher_opened");
    }

    function report(query, count) {
      const text = normalize(query).slice(0, 200);
      if (!text || text === reported) return;
      reported = text;
      emit("launcher_searched", { search_query: text, result_count: count });
    }

    // A walkthrough completed on this page does its process steps at once (the server folds
    // them too), even one that completed before this feature started.
    const withCompleted = () => {
      processes = processes.map((p) => p.steps.reduce((at, s) => (
        s.kind === "walkthrough" && ctx.completed.has(s.walkthrough_id) ? ns.processView.withDone(at, s.key) : at), p));
    };
    ctx.bus.addEventListener("progress", () => {
      withCompleted();
      ctx.bus.dispatchEvent(new CustomEvent("process-progress"));
    }, { signal });

    button.addEventListener("click", () => (open ? close() : openPanel()));
    document.addEventListener("keydown", (event) => {
      if (!isShortcut(event)) return;
      event.preventDefault();
      if (!open) openPanel();
      open?.panel.querySelector("input")?.focus();
    }, { capture: true, signal });
    signal.addEventListener("abort", () => close({ restore: false }), { once: true });
  });
})();
