// Traps for copy-edit healing, applied by the release simulator (release.js)
// like its families but scored on their own: each makes a page where landing on
// a look-alike is easy and wrong. "swapped": the target and a sibling of its
// kind both reworded, trading places (right answer: the target, or "not found"
// when nothing tells the two apart). "replaced": the target removed and the
// neighbour of its kind that slides into its place reworded in the same
// release (right answer: "not found").
(() => {
  const { Release } = globalThis.TrailguideRelease;
  if (Release.prototype.swapped) return;

  /** The same-tag siblings of `el`. */
  const kinOf = (el) => [...(el.parentElement?.children ?? [])].filter((sib) => sib !== el &&
    sib.localName === el.localName);

  /**
   * Copy edits on everything `el` shows: its text and the wording attributes of it and its parts.
   * @this {any} a Release
   * @param {Element} el
   */
  function rewordAll(el) {
    for (const node of [el, ...el.querySelectorAll("*")]) this.rewordAttributes(node);
    if (!el.matches("textarea, select")) this.rewordText(el);
  }

  /**
   * The target and a sibling of its kind (chosen by the seed) both reworded, their places swapped.
   * @this {any} a Release
   * @param {Element} target
   */
  function swapped(target) {
    const el = this.owner(target);
    const kin = kinOf(el);
    if (!kin.length) return;
    const other = kin[Math.floor(this.rand() * kin.length)];
    this.text(target);
    this.rewordAll(other);
    const mark = document.createComment("swap");
    el.replaceWith(mark);
    other.replaceWith(el);
    mark.replaceWith(other);
  }

  /**
   * The target removed (as the "removed" family removes it, with its field wrapper), and the
   * next element of its kind — which slides into its place — reworded.
   * @this {any} a Release
   * @param {Element} target
   */
  function replace(target) {
    const el = this.owner(target);
    const label = el.closest("label") ?? target.labels?.[0] ?? el.labels?.[0];
    const wrapper = label && !label.contains(el)
      ? this.ancestors(el).slice(0, 3).find((a) => a.contains(label) && a.querySelectorAll("*").length <= 24)
      : null;
    const gone = wrapper ?? el;
    const kin = kinOf(gone);
    const next = kin.find((sib) => gone.compareDocumentPosition(sib) & Node.DOCUMENT_POSITION_FOLLOWING) ??
      kin.at(-1);
    this.remove(target);
    if (next) this.rewordAll(next);
  }

  Object.assign(Release.prototype, { rewordAll, swapped, replace });
})();
