// Feature tags: every click on a tagged element is a feature_used event. One
// delegated capture listener on the document serves every tag (plus one on each
// shadow root a tagged element lives in: from outside a closed root, a click's
// path stops at the host). A tag's element is resolved only when a click needs it.
(() => {
  const ns = globalThis.Trailguide;
  const { emit } = ns.core;
  const { matches } = ns.urls;

  ns.feature("feature-tags", (ctx, signal) => {
    const features = ctx.content.features ?? [];
    if (!features.length) return;
    /** @type {Map<number, Element | null>} */
    const elements = new Map();
    /** @type {WeakSet<Node>} */
    const listening = new WeakSet([document]);
    /** @type {WeakMap<Event, Set<number>>} the same click seen at two roots counts once */
    const counted = new WeakMap();
    const options = { capture: true, passive: true, signal };

    function elementOf(feature) {
      let el = elements.get(feature.id);
      if (!el?.isConnected) {
        el = ns.finder.resolve(feature.target).element;
        elements.set(feature.id, el);
        const root = el?.getRootNode();
        if (root && !listening.has(root)) {
          listening.add(root);
          root.addEventListener("click", onClick, options);
        }
      }
      return el;
    }

    function onClick(event) {
      if (ns.host.isOurs(event)) return;
      const path = event.composedPath();
      const seen = counted.get(event) ?? new Set();
      counted.set(event, seen);
      for (const feature of features) {
        if (seen.has(feature.id) || (feature.url && !matches(feature.url, location.href))) continue;
        const el = elementOf(feature);
        if (el && path.includes(el)) {
          seen.add(feature.id);
          emit("feature_used", { feature_id: feature.id });
        }
      }
    }

    document.addEventListener("click", onClick, options);
  });
})();
