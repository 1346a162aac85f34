// The player's stylesheet, inside its shadow root: the page's CSS cannot reach
// it and it cannot leak out. --tg-accent, --tg-surface, --tg-ink, --tg-font and
// --tg-radius are the workspace theme.
(() => {
  const ns = globalThis.Trailguide;
  if (ns.styles) return;

  ns.styles = `
:host { all: initial; }
.tg-root {
  --tg-accent: #3451d1; --tg-on-accent: #fff; --tg-ink: #1d2330; --tg-muted: #5b6478;
  --tg-surface: #fff; --tg-line: #dfe3ec; --tg-shadow: 0 12px 32px rgba(20, 26, 45, .22);
  all: initial; display: block; position: fixed; inset: 0 auto auto 0; width: 0; height: 0;
  --tg-font: system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; --tg-radius: 10px;
  font: 14px/1.45 var(--tg-font);
  color: var(--tg-ink); pointer-events: none;
}
.tg-root * { box-sizing: border-box; }
.tg-root button, .tg-root input, .tg-root a { font: inherit; pointer-events: auto; }
.tg-sr { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

.tg-card {
  position: fixed; top: 0; left: 0; width: max-content; max-width: min(340px, calc(100vw - 16px));
  background: var(--tg-surface); color: var(--tg-ink); border-radius: var(--tg-radius); padding: 16px 16px 12px;
  box-shadow: var(--tg-shadow); border: 1px solid var(--tg-line); pointer-events: auto; z-index: 3;
  animation: tg-in .16s ease-out;
}
.tg-card:focus { outline: none; }
.tg-card:focus-visible { outline: 2px solid var(--tg-accent); outline-offset: 2px; }
.tg-card.tg-tooltip-tip { max-width: min(280px, calc(100vw - 16px)); padding: 10px 12px; }
.tg-arrow { position: absolute; width: 12px; height: 12px; background: var(--tg-surface); transform: rotate(45deg); }
.tg-card[data-side="top"] .tg-arrow { border-right: 1px solid var(--tg-line); border-bottom: 1px solid var(--tg-line); }
.tg-card[data-side="bottom"] .tg-arrow { border-left: 1px solid var(--tg-line); border-top: 1px solid var(--tg-line); }
.tg-card[data-side="left"] .tg-arrow { border-right: 1px solid var(--tg-line); border-top: 1px solid var(--tg-line); }
.tg-card[data-side="right"] .tg-arrow { border-left: 1px solid var(--tg-line); border-bottom: 1px solid var(--tg-line); }
.tg-title { margin: 0 28px 6px 0; font-size: 15px; font-weight: 650; line-height: 1.3; }
.tg-body { margin: 0; color: var(--tg-ink); overflow-wrap: anywhere; }
.tg-body p { margin: 0 0 8px; } .tg-body ul, .tg-body ol { margin: 0 0 8px; padding-left: 20px; }
.tg-body a { color: var(--tg-accent); }
.tg-body code { font-family: ui-monospace, "Liberation Mono", monospace; font-size: 12.5px; background: #f1f3f8; padding: 0 3px; border-radius: 3px; }
.tg-footer { display: flex; align-items: center; gap: 8px; margin-top: 10px; }
.tg-progress { color: var(--tg-muted); font-size: 12px; margin-right: auto; }
.tg-button {
  appearance: none; border: 1px solid var(--tg-line); background: var(--tg-surface); color: var(--tg-ink);
  border-radius: 7px; padding: 6px 12px; cursor: pointer; line-height: 1.2;
}
.tg-button:hover { background: #f4f6fa; }
.tg-button.tg-primary { background: var(--tg-accent); border-color: var(--tg-accent); color: var(--tg-on-accent); }
.tg-button.tg-primary:hover { filter: brightness(1.08); }
.tg-button:focus-visible, .tg-close:focus-visible, .tg-icon:focus-visible, .tg-launcher-button:focus-visible,
.tg-item:focus-visible, .tg-search:focus-visible { outline: 2px solid var(--tg-accent); outline-offset: 2px; }
.tg-close {
  position: absolute; top: 8px; right: 8px; width: 26px; height: 26px; border: 0; border-radius: 6px;
  background: transparent; color: var(--tg-muted); cursor: pointer; font-size: 18px; line-height: 1;
}
.tg-close:hover { background: #f1f3f8; color: var(--tg-ink); }
.tg-hint { color: var(--tg-muted); font-size: 12px; }
.tg-feedback { border-top: 1px solid var(--tg-line); margin-top: 10px; padding-top: 10px; }
.tg-feedback-title { margin: 0 0 6px; font-size: 14px; font-weight: 650; }
.tg-feedback-label { display: block; margin-bottom: 4px; color: var(--tg-ink); }
.tg-feedback-comment {
  width: 100%; box-sizing: border-box; border: 1px solid var(--tg-line); border-radius: 8px; padding: 7px 10px;
  font: inherit; color: var(--tg-ink); background: var(--tg-surface); resize: vertical;
}
.tg-feedback-comment:focus-visible { outline: 2px solid var(--tg-accent); outline-offset: 2px; }
.tg-feedback-problem { margin: 6px 0 0; color: #a3261b; }
.tg-feedback-problem:empty, .tg-feedback-note:empty { display: none; }

.tg-backdrop {
  position: fixed; inset: 0; width: 100vw; height: 100vh; background: rgba(15, 20, 35, .45);
  pointer-events: auto; z-index: 2; display: grid; place-items: center; animation: tg-fade .16s ease-out;
}
.tg-backdrop .tg-card { position: relative; max-width: min(460px, calc(100vw - 32px)); padding: 22px 22px 16px; }
.tg-highlight {
  position: fixed; top: 0; left: 0; border-radius: 6px; pointer-events: none; z-index: 1;
  box-shadow: 0 0 0 3px var(--tg-accent), 0 0 0 100vmax rgba(15, 20, 35, .32);
  transition: transform .12s ease-out, width .12s ease-out, height .12s ease-out;
}

.tg-icon {
  position: fixed; top: 0; left: 0; width: 20px; height: 20px; border-radius: 50%; border: 0; padding: 0;
  background: var(--tg-accent); color: var(--tg-on-accent); font-size: 12px; font-weight: 700;
  line-height: 20px; text-align: center; cursor: pointer; pointer-events: auto; z-index: 2;
  box-shadow: 0 1px 4px rgba(0, 0, 0, .25);
}
.tg-beacon::after {
  content: ""; position: absolute; inset: -6px; border-radius: 50%; border: 2px solid var(--tg-accent);
  pointer-events: none;
  animation: tg-pulse 1.6s ease-out infinite;
}

.tg-launcher-button {
  position: fixed; width: 48px; height: 48px; border-radius: 50%; border: 0; cursor: pointer;
  background: var(--tg-accent); color: var(--tg-on-accent); font-size: 22px; font-weight: 700;
  box-shadow: var(--tg-shadow); pointer-events: auto; z-index: 4;
}
.tg-pos-bottom-right { right: 20px; bottom: 20px; } .tg-pos-bottom-left { left: 20px; bottom: 20px; }
.tg-pos-top-right { right: 20px; top: 20px; } .tg-pos-top-left { left: 20px; top: 20px; }
.tg-panel {
  position: fixed; width: min(340px, calc(100vw - 40px)); max-height: min(520px, calc(100vh - 100px));
  overflow: auto; background: var(--tg-surface); border: 1px solid var(--tg-line); border-radius: calc(var(--tg-radius) + 2px);
  box-shadow: var(--tg-shadow); pointer-events: auto; z-index: 4; padding: 14px; animation: tg-in .16s ease-out;
}
.tg-panel.tg-pos-bottom-right { bottom: 80px; } .tg-panel.tg-pos-bottom-left { bottom: 80px; }
.tg-panel.tg-pos-top-right { top: 80px; } .tg-panel.tg-pos-top-left { top: 80px; }
.tg-search {
  width: 100%; border: 1px solid var(--tg-line); border-radius: 8px; padding: 7px 10px; margin: 4px 0 10px;
  color: var(--tg-ink); background: var(--tg-surface);
}
.tg-list { list-style: none; margin: 0; padding: 0; }
.tg-item {
  display: flex; width: 100%; align-items: center; gap: 8px; text-align: left; border: 0; background: transparent;
  padding: 8px; border-radius: 8px; cursor: pointer; color: var(--tg-ink); text-decoration: none;
}
.tg-item:hover { background: #f4f6fa; }
.tg-item[aria-disabled="true"] { color: var(--tg-muted); cursor: default; }
.tg-check { flex: none; width: 18px; height: 18px; border-radius: 50%; border: 2px solid var(--tg-line); font-size: 11px; line-height: 14px; text-align: center; }
.tg-done .tg-check { background: var(--tg-accent); border-color: var(--tg-accent); color: var(--tg-on-accent); }
.tg-done .tg-item-title { text-decoration: line-through; color: var(--tg-muted); }
.tg-section-title { font-size: 12px; font-weight: 650; color: var(--tg-muted); text-transform: uppercase; letter-spacing: .04em; margin: 8px 0 4px; }
.tg-process li { display: flex; align-items: center; gap: 4px; }
.tg-process .tg-item { flex: 1; }
.tg-position { font-weight: 600; }
.tg-link-button { all: unset; cursor: pointer; font-size: 12px; color: var(--tg-accent); padding: 2px 6px; border-radius: 4px; }
.tg-link-button:focus-visible { outline: 2px solid var(--tg-accent); }
.tg-bar { height: 6px; border-radius: 3px; background: #eceff5; overflow: hidden; margin: 4px 0 8px; }
.tg-bar > span { display: block; height: 100%; background: var(--tg-accent); }
.tg-empty { color: var(--tg-muted); padding: 8px; }
.tg-option { justify-content: space-between; }
.tg-option[aria-selected="true"] { background: #eef2fb; outline: 2px solid var(--tg-accent); outline-offset: -2px; }
.tg-back { border: 0; background: transparent; color: var(--tg-accent); cursor: pointer; padding: 4px 0; }
.tg-article-title { font-size: 16px; font-weight: 650; margin: 6px 0 8px; color: var(--tg-ink); }
.tg-article-body h2, .tg-article-body h3, .tg-article-body h4 { font-size: 14px; font-weight: 650; margin: 10px 0 4px; }
.tg-article-body blockquote { margin: 0 0 8px; padding-left: 10px; border-left: 3px solid var(--tg-line); }
.tg-article-body pre { white-space: pre-wrap; font-family: ui-monospace, "Liberation Mono", monospace; font-size: 12.5px; }
.tg-article-body img { display: block; max-width: 100%; height: auto; margin: 6px 0; border-radius: 4px; }
.tg-back:focus-visible, .tg-article-title:focus-visible, .tg-open-tab:focus-visible { outline: 2px solid var(--tg-accent); outline-offset: 2px; }
.tg-open-tab { display: inline-block; margin-top: 8px; color: var(--tg-accent); }
.tg-image-missing { color: var(--tg-muted); }
.tg-panel > [hidden] { display: none !important; }
.tg-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; margin: 0; }

@keyframes tg-in { from { opacity: 0; transform: translateY(4px); } to { opacity: 1; transform: none; } }
@keyframes tg-fade { from { opacity: 0; } to { opacity: 1; } }
@keyframes tg-pulse { from { opacity: .9; transform: scale(.8); } to { opacity: 0; transform: scale(1.6); } }
@media (prefers-reduced-motion: reduce) {
  .tg-root *, .tg-root *::after { animation: none !important; transition: none !important; }
}
`;
})();
