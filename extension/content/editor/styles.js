// The editor's stylesheet, inside its own shadow root (the page's CSS cannot
// reach it, and it cannot leak onto the page).
(() => {
  const ns = globalThis.Trailguide;
  if (ns.editorStyles) return;

  ns.editorStyles = `
:host { all: initial; }
.te-root {
  --te-accent: #3451d1; --te-ink: #1d2330; --te-muted: #5b6478; --te-line: #dfe3ec; --te-bad: #b42318;
  --te-good: #067647; --te-warn: #8a4b00; --te-surface: #fff;
  all: initial; display: block; position: fixed; inset: 0 auto auto 0; width: 0; height: 0;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif;
  color: var(--te-ink); pointer-events: none;
}
.te-root * { box-sizing: border-box; }
.te-root button, .te-root input, .te-root select, .te-root textarea { font: inherit; color: inherit; }
.te-panel {
  position: fixed; top: 12px; right: 12px; width: 360px; max-height: calc(100vh - 24px); overflow: auto;
  background: var(--te-surface); border: 1px solid var(--te-line); border-radius: 12px; pointer-events: auto;
  box-shadow: 0 12px 36px rgba(20, 26, 45, .25); padding: 0 0 12px;
}
.te-panel.te-left { right: auto; left: 12px; }
.te-panel[hidden], .te-root [hidden] { display: none !important; }
.te-head { position: sticky; top: 0; z-index: 2; background: var(--te-surface); padding: 10px 12px 8px;
  border-bottom: 1px solid var(--te-line); }
.te-title-row { display: flex; align-items: center; gap: 6px; }
.te-brand { font-weight: 700; color: var(--te-accent); flex: 1; }
.te-meta { color: var(--te-muted); font-size: 12px; margin: 2px 0 6px; }
.te-actions { display: flex; gap: 6px; flex-wrap: wrap; }
.te-body { padding: 0 12px; }
.te-section { border-top: 1px solid var(--te-line); padding-top: 8px; margin-top: 10px; }
.te-section:first-child { border-top: 0; }
.te-section > h2 { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--te-muted);
  margin: 0 0 6px; font-weight: 650; }
.te-button {
  appearance: none; border: 1px solid var(--te-line); background: var(--te-surface); border-radius: 7px;
  padding: 5px 10px; cursor: pointer; line-height: 1.2;
}
.te-button:hover { background: #f4f6fa; }
.te-button.te-primary { background: var(--te-accent); border-color: var(--te-accent); color: #fff; }
.te-button.te-danger { color: var(--te-bad); }
.te-button[disabled] { opacity: .5; cursor: default; }
.te-icon { appearance: none; border: 0; background: transparent; border-radius: 6px; width: 26px; height: 26px;
  cursor: pointer; color: var(--te-muted); font-size: 14px; line-height: 26px; text-align: center; padding: 0; }
.te-icon:hover { background: #f1f3f8; color: var(--te-ink); }
.te-icon[disabled] { opacity: .35; cursor: default; }
.te-root :focus-visible { outline: 2px solid var(--te-accent); outline-offset: 1px; }
.te-field { margin: 8px 0; }
.te-field > label, .te-label { display: block; font-weight: 600; margin-bottom: 3px; }
.te-field input[type=text], .te-field select, .te-input {
  width: 100%; border: 1px solid #cfd5e2; border-radius: 7px; padding: 5px 8px; background: #fff;
}
.te-check { display: flex; gap: 6px; align-items: center; font-weight: 400; }
.te-row { display: flex; gap: 8px; }
.te-row > * { flex: 1; min-width: 0; }
.te-hint { color: var(--te-muted); font-size: 12px; margin: 3px 0 0; }
.te-message { margin: 8px 0 0; padding: 7px 9px; border-radius: 8px; background: #f6f7fb; }
.te-message:empty { display: none; }
.te-message.te-error { color: var(--te-bad); background: #fef3f2; }
.te-message.te-ok { color: var(--te-good); background: #ecfdf3; }
.te-message ul { margin: 4px 0 0; padding-left: 18px; }
.te-conflict { margin-top: 6px; display: flex; gap: 6px; flex-wrap: wrap; }
.te-steps { list-style: none; margin: 0; padding: 0; }
.te-step { display: flex; align-items: center; gap: 2px; border-radius: 8px; padding: 2px 2px 2px 6px; }
.te-step[aria-current="true"] { background: #eef1fc; }
.te-step-select { flex: 1; min-width: 0; text-align: left; border: 0; background: transparent; cursor: pointer;
  padding: 5px 2px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.te-step-kind { color: var(--te-muted); font-size: 11px; }
.te-target { border: 1px solid var(--te-line); border-radius: 8px; padding: 7px 8px; background: #fafbfd; }
.te-target-name { font-weight: 600; overflow-wrap: anywhere; }
.te-quality { margin: 4px 0 0; }
.te-quality.te-good { color: var(--te-good); } .te-quality.te-weak { color: var(--te-warn); }
.te-quality.te-bad { color: var(--te-bad); }
.te-ways { margin: 4px 0 0; padding: 0; list-style: none; font-size: 12px; color: var(--te-muted); }
.te-ways li { overflow-wrap: anywhere; }
.te-ways .te-ok::before { content: "✓ "; color: var(--te-good); }
.te-ways .te-many::before { content: "≈ "; color: var(--te-warn); }
.te-ways .te-miss::before { content: "✗ "; color: var(--te-bad); }
.te-toolbar { display: flex; gap: 2px; border: 1px solid #cfd5e2; border-bottom: 0; border-radius: 7px 7px 0 0;
  padding: 2px; background: #f6f7fb; }
.te-toolbar .te-icon { font-weight: 700; }
.te-rich { min-height: 70px; max-height: 200px; overflow: auto; border: 1px solid #cfd5e2; border-radius: 0 0 7px 7px;
  padding: 6px 8px; background: #fff; white-space: pre-wrap; word-wrap: break-word; outline-offset: 2px; }
.te-rich p { margin: 0 0 6px; } .te-rich ul, .te-rich ol { margin: 0 0 6px; padding-left: 20px; }
.te-rich a { color: var(--te-accent); }
.te-link-row { display: flex; gap: 4px; margin-top: 4px; }
.te-link-row input { flex: 1; }
.te-pill { position: fixed; right: 12px; bottom: 12px; pointer-events: auto; border-radius: 20px; padding: 8px 14px;
  background: var(--te-accent); color: #fff; border: 0; cursor: pointer; box-shadow: 0 6px 20px rgba(20, 26, 45, .3); }
.te-bar { position: fixed; top: 10px; left: 50%; transform: translateX(-50%); pointer-events: auto; z-index: 5;
  background: #1d2330; color: #fff; border-radius: 10px; padding: 8px 12px; display: flex; gap: 10px; align-items: center;
  box-shadow: 0 8px 24px rgba(0, 0, 0, .3); max-width: calc(100vw - 24px); }
.te-bar .te-button { background: #fff; color: var(--te-ink); }
.te-overlay { position: fixed; inset: 0; width: 100vw; height: 100vh; pointer-events: auto; cursor: crosshair;
  background: transparent; z-index: 3; outline: none; }
.te-outline { position: fixed; pointer-events: none; z-index: 4; border: 2px solid var(--te-accent);
  background: rgba(52, 81, 209, .12); border-radius: 3px; }
.te-outline-label { position: absolute; left: -2px; bottom: 100%; margin-bottom: 3px; white-space: nowrap;
  background: var(--te-accent); color: #fff; font-size: 11px; padding: 2px 6px; border-radius: 4px;
  max-width: 60vw; overflow: hidden; text-overflow: ellipsis; }
.te-outline.te-below .te-outline-label { bottom: auto; top: 100%; margin: 3px 0 0; }
.te-tag-mark { position: fixed; pointer-events: none; z-index: 1; border: 2px dashed var(--te-accent); border-radius: 4px; }
.te-sr { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
})();
