// page_viewed for every page of an application: each load and each
// single-page route change.
(() => {
  const ns = globalThis.Trailguide;

  ns.feature("page-views", (ctx, signal) => {
    ns.core.emit("page_viewed");
    ctx.bus.addEventListener("route", () => ns.core.emit("page_viewed"), { signal });
  });
})();
