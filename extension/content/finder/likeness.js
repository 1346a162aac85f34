// Text likeness: how alike two labels, or the texts around two elements, are.
// Tells a reworded label from another one ("Go to next page" is not "Go to
// previous page"), and a row from the next by the numbers and addresses it holds.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.likeness) return;
  const { normalize } = ns.core;

  const lower = (text) => normalize(text).toLowerCase();
  // "ada@example.test" and "INV-1004" stay one word: they are what tells one row from the next.
  // Hyphens are spelling, not meaning: "e-mail" is "email", "sign-in" is "signin".
  const wordList = (text) =>
    (lower(text).match(/[\p{L}\p{N}]+(?:[@._-][\p{L}\p{N}]+)*/gu) ?? []).map((w) => w.replace(/-/g, ""));
  const words = (text) => new Set(wordList(text));

  /** How many times each word occurs in a text. */
  function tally(text) {
    /** @type {Map<string, number>} */
    const counts = new Map();
    for (const word of wordList(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
    return counts;
  }

  /** Dice similarity of two texts' words, from 0 to 1. */
  function overlap(a, b) {
    const left = words(a);
    const right = words(b);
    if (!left.size && !right.size) return 1;
    if (!left.size || !right.size) return 0;
    let shared = 0;
    for (const word of left) if (right.has(word)) shared += 1;
    return (2 * shared) / (left.size + right.size);
  }

  /**
   * How alike the text around a candidate is to the recorded one: their word
   * overlap, halved for every recorded number or e-mail address missing (a
   * row's id, amount or address is what tells it from the next row).
   */
  function aroundAlike(actual, recorded) {
    const have = words(actual);
    let share = overlap(actual, recorded);
    for (const word of words(recorded)) if (/[\d@]/.test(word) && !have.has(word)) share /= 2;
    return share;
  }

  // A label this short inside another counts only as a whole word of it: "To" is not in "Topic".
  const SHORT = 3;
  const inside = (outer, inner) => outer.includes(inner) && (inner.length > SHORT || words(outer).has(inner));

  /** How alike two labels are: the same (any case) 1, one inside the other 0.8, else less than their word overlap. */
  function alike(a, b) {
    const left = lower(a);
    const right = lower(b);
    if (left === right) return 1;
    if (!left || !right) return 0;
    if (inside(left, right) || inside(right, left)) return 0.8;
    // Squared: "Go to next page" and "Go to previous page" share most words but not their meaning.
    return overlap(left, right) ** 2;
  }

  ns.likeness = Object.freeze({ words, tally, overlap, aroundAlike, alike });
})();
