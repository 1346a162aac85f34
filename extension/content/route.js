// Single-page route changes: history.pushState/replaceState, back/forward and
// hash changes. The Navigation API reports same-document navigations to every
// world (the content script cannot patch the page's history object, and
// should not), popstate/hashchange cover the rest.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.route) return;

  /**
   * Call `onChange(url)` whenever the page's URL changes without a new document.
   * @param {(url: string) => void} onChange
   * @param {AbortSignal} signal
   */
  function follow(onChange, signal) {
    let last = location.href;
    const check = () => {
      if (location.href === last) return;
      last = location.href;
      onChange(last);
    };
    const navigation = globalThis.navigation;
    if (navigation?.addEventListener) {
      navigation.addEventListener("currententrychange", check, { signal });
      navigation.addEventListener("navigatesuccess", check, { signal });
    }
    addEventListener("popstate", check, { signal });
    addEventListener("hashchange", check, { signal });
  }

  ns.route = Object.freeze({ follow });
})();
