// page_viewed for every page of an application: each load and each
// single-page route change — once per URL and document, so rebuilding the
// player (new settings, a newly identified person) does not count a view twice.
(() => {
  const ns = globalThis.Trailguide;
  let last = "";

  function viewed() {
    if (location.href === last) return;
    last = location.href;
    ns.core.emit("page_viewed");
  }

  ns.feature("page-views", (ctx, signal) => {
    viewed();
    ctx.bus.addEventListener("route", viewed, { signal });
  });
})();
