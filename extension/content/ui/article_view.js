// An article, readable inside the launcher panel: a Back button, its title as a
// heading that takes focus, and its body (sanitized again here with the server's
// article allowlist). Images never load from the page: their stored-image paths
// are taken out while the HTML is still inert, and the worker fetches each one
// from the server and hands back a data: URL, which the player's own CSP allows
// whatever the guided page's Content-Security-Policy says.
(() => {
  const ns = globalThis.Trailguide;
  const { el } = ns.host;
  const { send } = ns.core;
  const { toWorker } = ns.messages;

  const IMAGE_PATH = /^\/api\/v1\/images\/[0-9a-f]{32}$/;
  const ARTICLE_HTML = Object.freeze({
    ALLOWED_TAGS: [...ns.host.BODY_HTML.ALLOWED_TAGS, "h2", "h3", "h4", "blockquote", "pre", "img"],
    ALLOWED_ATTR: ["href", "title", "src", "alt"],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/api\/v1\/images\/)/i,
  });

  /**
   * The article's body as nodes of this document, images without a source yet.
   * @param {string} html
   * @returns {{nodes: Node[], images: {img: HTMLImageElement, path: string}[]}}
   */
  function bodyOf(html) {
    const purify = globalThis.DOMPurify;
    const clean = purify?.sanitize ? purify.sanitize(String(html ?? ""), ARTICLE_HTML) : "";
    // Parsed in an inert document: nothing in it loads.
    const inert = new DOMParser().parseFromString(`<body>${clean}`, "text/html");
    const pending = [];
    for (const img of [...inert.body.querySelectorAll("img")]) {
      const path = img.getAttribute("src") ?? "";
      img.removeAttribute("src");
      if (IMAGE_PATH.test(path)) pending.push({ img, path });
      else img.remove();
    }
    for (const a of inert.body.querySelectorAll("a")) {
      a.setAttribute("target", "_blank");
      a.setAttribute("rel", "noopener noreferrer");
    }
    const nodes = [...inert.body.childNodes].map((node) => document.adoptNode(node));
    const images = pending.map(({ img, path }) => ({ img: /** @type {HTMLImageElement} */ (img), path }));
    return { nodes, images };
  }

  async function loadImage({ img, path }, signal) {
    img.classList.add("tg-loading");
    const answer = await send(toWorker.IMAGE, { path }).catch(() => null);
    if (signal.aborted) return;
    img.classList.remove("tg-loading");
    if (typeof answer?.dataUrl === "string" && answer.dataUrl.startsWith("data:image/")) {
      img.src = answer.dataUrl;
    } else {
      // The text around it still reads; the alternative text says what is missing.
      img.replaceWith(el("span", "tg-image-missing", img.alt ? `[${img.alt}]` : "[image]"));
    }
  }

  /**
   * Build the view of one article.
   * @param {{id: number, title: string, body: string, help_url?: string | null}} article
   * @param {{onBack: () => void, signal: AbortSignal}} options
   * @returns {{element: HTMLElement, focus: () => void}}
   */
  function render(article, { onBack, signal }) {
    const view = el("article", "tg-article");
    const back = el("button", "tg-back", "← Back");
    back.type = "button";
    back.addEventListener("click", onBack, { signal });
    const heading = el("h3", "tg-article-title", article.title);
    heading.id = ns.host.id("article");
    heading.tabIndex = -1;
    view.setAttribute("aria-labelledby", heading.id);
    const body = el("div", "tg-body tg-article-body");
    const { nodes, images } = bodyOf(article.body);
    body.append(...nodes);
    view.append(back, heading, body);
    if (article.help_url) {
      const open = el("a", "tg-open-tab", "Open in a new tab");
      open.href = article.help_url;
      open.target = "_blank";
      open.rel = "noopener noreferrer";
      view.append(open);
    }
    view.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        // Esc leaves the article first, the panel only on a second press.
        event.stopPropagation();
        onBack();
      }
    }, { signal });
    for (const image of images) loadImage(image, signal);
    return { element: view, focus: () => heading.focus({ preventScroll: true }) };
  }

  ns.articleView = Object.freeze({ render, bodyOf });
})();
