// What editor mode's content scripts put on globalThis.Trailguide (see worker/files.js).
// Each script's assignment to the namespace is checked against this declaration.

// content/editor/deep.js
declare module "trailguide/content/editor/deep" {
  export const ns_deep: Readonly<{
      isShadow: (node: any) => boolean;
      elementAt: typeof elementAt;
      parentOf: typeof parentOf;
      childOf: typeof childOf;
      siblingOf: typeof siblingOf;
      placeOf: typeof placeOf;
      boxOf: typeof boxOf;
      frameDoc: typeof frameDoc;
      pickable: (el: any) => any;
  }>;
  declare function elementAt(x: any, y: any): Element | null;
  declare function parentOf(el: any): any;
  declare function childOf(el: any): any;
  declare function siblingOf(el: any, step: any): any;
  declare function placeOf(el: any): {
      frames: HTMLIFrameElement[];
      hosts: Element[];
      root: Document | ShadowRoot;
  };
  declare function boxOf(el: any): {
      x: any;
      y: any;
      width: any;
      height: any;
  };
  declare function frameDoc(el: any): any;
}

// content/editor/fields.js
declare module "trailguide/content/editor/fields" {
  export const ns_fields: Readonly<{
      h: typeof h;
      field: typeof field;
      text: typeof text;
      select: typeof select;
      checkbox: typeof checkbox;
      button: typeof button;
      icon: typeof icon;
      section: typeof section;
  }>;
  declare function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Record<string, any>, ...children: (Node | string | null | false)[]): HTMLElementTagNameMap[K];
  declare function field(label: any, control: any, hint?: string): HTMLDivElement;
  declare function text(value: any, onInput: any, { placeholder, name }?: {
      placeholder?: string | undefined;
      name?: string | undefined;
  }): HTMLInputElement;
  declare function select(options: string[][], value: any, onChange: any, { name }?: {
      name?: string | undefined;
  }): HTMLSelectElement;
  declare function checkbox(label: any, checked: any, onChange: any): HTMLLabelElement;
  declare function button(label: any, onClick: any, { primary, danger, aria, disabled }?: {
      primary?: boolean | undefined;
      danger?: boolean | undefined;
      aria?: string | undefined;
      disabled?: boolean | undefined;
  }): HTMLButtonElement;
  declare function icon(symbol: any, label: any, onClick: any, { disabled }?: {
      disabled?: boolean | undefined;
  }): HTMLButtonElement;
  declare function section(title: any, ...children: any[]): HTMLElement;
}

// content/editor/host.js
declare module "trailguide/content/editor/host" {
  export const ns_editorHost: Readonly<{
      ensure: () => import("trailguide/content/ui/layer").Parts;
      mount: (element: HTMLElement) => HTMLElement;
      announce: (text: any) => void;
      remove: () => void;
      isOurs: (el: any) => boolean;
      id: (prefix: any) => string;
      TAG: "trailguide-editor";
  }>;
}

// content/editor/item_forms.js
declare module "trailguide/content/editor/item_forms" {
  export const ns_itemForms: Readonly<{
      walkthrough: typeof walkthrough;
      tip: typeof tip;
      feature: typeof feature;
  }>;
  declare function walkthrough(model: any, { pick }: {
      pick: any;
  }): HTMLDivElement;
  declare function tip(model: any, { pick }: {
      pick: any;
  }): HTMLDivElement;
  declare function feature(model: any, { pick }: {
      pick: any;
  }): HTMLDivElement;
}

// content/editor/live.js
declare module "trailguide/content/editor/live" {
  export const ns_live: Readonly<{
      create: typeof create;
      asDelivered: typeof asDelivered;
      underEditor: typeof underEditor;
  }>;
  declare function create(model: InstanceType<TrailguideNamespace["EditorModel"]>, signal: AbortSignal, { avoid }?: {
      avoid?: (box: {
          x: number;
          y: number;
          width: number;
          height: number;
      }) => void;
  }): {
      pause: (paused: boolean) => void;
      redraw: () => void;
  };
  declare function asDelivered(model: any): {
      id: any;
      version: number;
      key: any;
      name: any;
      trigger: any;
      url: any;
      frequency: any;
      steps: any;
  };
  declare function underEditor(): void;
}

// content/editor/main.js
declare module "trailguide/content/editor/main" {
  export const ns_editor: Readonly<{
          active: () => boolean;
  }>;
}

// content/editor/model.js
declare module "trailguide/content/editor/model" {
  export const ns_EditorModel: typeof EditorModel;
  export type Outcome = {
      ok: true;
  } | {
      ok: false;
      problem: {
          status: number;
          code: string;
          message: string;
          details: unknown;
      };
  };
  declare class EditorModel extends EventTarget {
          constructor(session: any);
      session: any;
      version: number;
      timer: number;
      pending: boolean;
      busy: boolean;
      get type(): any;
      get draft(): any;
      get steps(): any;
      get selected(): any;
          update(mutate: (draft: any) => void, { text, structure }?: {
          text?: boolean;
          structure?: boolean;
      }): void;
      select(index: any): void;
          recordPage(key: any, href: any): void;
      emitChange(structure: any): void;
      push(later: any): void;
          flush(): Promise<void>;
          act(type: any, extra?: {}): Promise<Outcome>;
      save(force?: boolean): Promise<Outcome>;
      publish(): Promise<Outcome>;
          reload(): Promise<{
          ok: boolean;
          problem: any;
      } | {
          ok: boolean;
          problem?: undefined;
      }>;
          adopt(session: any, keepLocal: any): void;
          setPreview(preview: any): Promise<any>;
  }
}

// content/editor/panel.js
declare module "trailguide/content/editor/panel" {
  export const ns_panel: Readonly<{
      create: typeof create;
  }>;
  declare function create(model: InstanceType<TrailguideNamespace["EditorModel"]>, { signal, live, onPreview }: {
      signal: AbortSignal;
      live: {
          pause: (p: boolean) => void;
      };
      onPreview: () => string;
  }): {
          avoid(box: any): void;
          setHidden(hidden: any): void;
      say: (text: any, kind?: string, lines?: any[], extra?: any[]) => void;
  };
}

// content/editor/preview.js
declare module "trailguide/content/editor/preview" {
  export const ns_preview: Readonly<{
      start: typeof start;
      resume: typeof resume;
  }>;
  declare function start(model: any, options: any): "started" | "navigating" | string;
  declare function resume(model: any, options: any): boolean;
}

// content/editor/report.js
declare module "trailguide/content/editor/report" {
  export const ns_targetReport: Readonly<{
      evaluate: typeof evaluate;
      describeWay: typeof describeWay;
  }>;
  export type Way = {
      text: string;
      count: number;
      agrees: boolean;
      stable: boolean;
  };
  export type Report = {
      found: Element | null;
      elements: number;
      agree: number;
      total: number;
      ways: Way[];
      summary: string;
      level: "good" | "weak" | "bad";
  };
  declare function evaluate(target: any, picked?: Element | null): Report;
  declare function describeWay(alt: any): string;
}

// content/editor/richtext.js
declare module "trailguide/content/editor/richtext" {
  export const ns_richtext: Readonly<{
      create: typeof create;
      clean: typeof clean;
  }>;
  declare function create(value: string, onInput: (html: string) => void, { label }: {
      label: string;
  }): HTMLElement;
  declare function clean(html: any): string;
}

// content/editor/step_form.js
declare module "trailguide/content/editor/step_form" {
  export const ns_stepForm: Readonly<{
      create: typeof create;
  }>;
  declare function create(model: InstanceType<TrailguideNamespace["EditorModel"]>, { pick }: {
      pick: () => Promise<Element | null>;
  }): HTMLElement;
}

// content/editor/steps.js
declare module "trailguide/content/editor/steps" {
  export const ns_stepsList: Readonly<{
      create: typeof create;
      freshKey: typeof freshKey;
  }>;
  declare function create(model: InstanceType<TrailguideNamespace["EditorModel"]>, { pick }: {
      pick: () => Promise<Element | null>;
  }): HTMLElement;
  declare function freshKey(steps: any): string;
}

// content/editor/styles.js
declare module "trailguide/content/editor/styles" {
  export const ns_editorStyles: "\n:host { all: initial; }\n.te-root {\n  --te-accent: #3451d1; --te-ink: #1d2330; --te-muted: #5b6478; --te-line: #dfe3ec; --te-bad: #b42318;\n  --te-good: #067647; --te-warn: #8a4b00; --te-surface: #fff;\n  all: initial; display: block; position: fixed; inset: 0 auto auto 0; width: 0; height: 0;\n  font: 13px/1.45 system-ui, -apple-system, \"Segoe UI\", Roboto, \"Liberation Sans\", sans-serif;\n  color: var(--te-ink); pointer-events: none;\n}\n.te-root * { box-sizing: border-box; }\n.te-root button, .te-root input, .te-root select, .te-root textarea { font: inherit; color: inherit; }\n.te-panel {\n  position: fixed; top: 12px; right: 12px; width: 360px; max-height: calc(100vh - 24px); overflow: auto;\n  background: var(--te-surface); border: 1px solid var(--te-line); border-radius: 12px; pointer-events: auto;\n  box-shadow: 0 12px 36px rgba(20, 26, 45, .25); padding: 0 0 12px;\n}\n.te-panel.te-left { right: auto; left: 12px; }\n.te-panel[hidden], .te-root [hidden] { display: none !important; }\n.te-head { position: sticky; top: 0; z-index: 2; background: var(--te-surface); padding: 10px 12px 8px;\n  border-bottom: 1px solid var(--te-line); }\n.te-title-row { display: flex; align-items: center; gap: 6px; }\n.te-brand { font-weight: 700; color: var(--te-accent); flex: 1; }\n.te-meta { color: var(--te-muted); font-size: 12px; margin: 2px 0 6px; }\n.te-actions { display: flex; gap: 6px; flex-wrap: wrap; }\n.te-body { padding: 0 12px; }\n.te-section { border-top: 1px solid var(--te-line); padding-top: 8px; margin-top: 10px; }\n.te-section:first-child { border-top: 0; }\n.te-section > h2 { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--te-muted);\n  margin: 0 0 6px; font-weight: 650; }\n.te-button {\n  appearance: none; border: 1px solid var(--te-line); background: var(--te-surface); border-radius: 7px;\n  padding: 5px 10px; cursor: pointer; line-height: 1.2;\n}\n.te-button:hover { background: #f4f6fa; }\n.te-button.te-primary { background: var(--te-accent); border-color: var(--te-accent); color: #fff; }\n.te-button.te-danger { color: var(--te-bad); }\n.te-button[disabled] { opacity: .5; cursor: default; }\n.te-icon { appearance: none; border: 0; background: transparent; border-radius: 6px; width: 26px; height: 26px;\n  cursor: pointer; color: var(--te-muted); font-size: 14px; line-height: 26px; text-align: center; padding: 0; }\n.te-icon:hover { background: #f1f3f8; color: var(--te-ink); }\n.te-icon[disabled] { opacity: .35; cursor: default; }\n.te-root :focus-visible { outline: 2px solid var(--te-accent); outline-offset: 1px; }\n.te-field { margin: 8px 0; }\n.te-field > label, .te-label { display: block; font-weight: 600; margin-bottom: 3px; }\n.te-field input[type=text], .te-field select, .te-input {\n  width: 100%; border: 1px solid #cfd5e2; border-radius: 7px; padding: 5px 8px; background: #fff;\n}\n.te-check { display: flex; gap: 6px; align-items: center; font-weight: 400; }\n.te-row { display: flex; gap: 8px; }\n.te-row > * { flex: 1; min-width: 0; }\n.te-hint { color: var(--te-muted); font-size: 12px; margin: 3px 0 0; }\n.te-message { margin: 8px 0 0; padding: 7px 9px; border-radius: 8px; background: #f6f7fb; }\n.te-message:empty { display: none; }\n.te-message.te-error { color: var(--te-bad); background: #fef3f2; }\n.te-message.te-ok { color: var(--te-good); background: #ecfdf3; }\n.te-message ul { margin: 4px 0 0; padding-left: 18px; }\n.te-conflict { margin-top: 6px; display: flex; gap: 6px; flex-wrap: wrap; }\n.te-steps { list-style: none; margin: 0; padding: 0; }\n.te-step { display: flex; align-items: center; gap: 2px; border-radius: 8px; padding: 2px 2px 2px 6px; }\n.te-step[aria-current=\"true\"] { background: #eef1fc; }\n.te-step-select { flex: 1; min-width: 0; text-align: left; border: 0; background: transparent; cursor: pointer;\n  padding: 5px 2px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }\n.te-step-kind { color: var(--te-muted); font-size: 11px; }\n.te-target { border: 1px solid var(--te-line); border-radius: 8px; padding: 7px 8px; background: #fafbfd; }\n.te-target-name { font-weight: 600; overflow-wrap: anywhere; }\n.te-quality { margin: 4px 0 0; }\n.te-quality.te-good { color: var(--te-good); } .te-quality.te-weak { color: var(--te-warn); }\n.te-quality.te-bad { color: var(--te-bad); }\n.te-ways { margin: 4px 0 0; padding: 0; list-style: none; font-size: 12px; color: var(--te-muted); }\n.te-ways li { overflow-wrap: anywhere; }\n.te-ways .te-ok::before { content: \"\u2713 \"; color: var(--te-good); }\n.te-ways .te-many::before { content: \"\u2248 \"; color: var(--te-warn); }\n.te-ways .te-miss::before { content: \"\u2717 \"; color: var(--te-bad); }\n.te-toolbar { display: flex; gap: 2px; border: 1px solid #cfd5e2; border-bottom: 0; border-radius: 7px 7px 0 0;\n  padding: 2px; background: #f6f7fb; }\n.te-toolbar .te-icon { font-weight: 700; }\n.te-rich { min-height: 70px; max-height: 200px; overflow: auto; border: 1px solid #cfd5e2; border-radius: 0 0 7px 7px;\n  padding: 6px 8px; background: #fff; white-space: normal; }\n.te-rich p { margin: 0 0 6px; } .te-rich ul, .te-rich ol { margin: 0 0 6px; padding-left: 20px; }\n.te-rich a { color: var(--te-accent); }\n.te-link-row { display: flex; gap: 4px; margin-top: 4px; }\n.te-link-row input { flex: 1; }\n.te-pill { position: fixed; right: 12px; bottom: 12px; pointer-events: auto; border-radius: 20px; padding: 8px 14px;\n  background: var(--te-accent); color: #fff; border: 0; cursor: pointer; box-shadow: 0 6px 20px rgba(20, 26, 45, .3); }\n.te-bar { position: fixed; top: 10px; left: 50%; transform: translateX(-50%); pointer-events: auto; z-index: 5;\n  background: #1d2330; color: #fff; border-radius: 10px; padding: 8px 12px; display: flex; gap: 10px; align-items: center;\n  box-shadow: 0 8px 24px rgba(0, 0, 0, .3); max-width: calc(100vw - 24px); }\n.te-bar .te-button { background: #fff; color: var(--te-ink); }\n.te-overlay { position: fixed; inset: 0; width: 100vw; height: 100vh; pointer-events: auto; cursor: crosshair;\n  background: transparent; z-index: 3; outline: none; }\n.te-outline { position: fixed; pointer-events: none; z-index: 4; border: 2px solid var(--te-accent);\n  background: rgba(52, 81, 209, .12); border-radius: 3px; }\n.te-outline-label { position: absolute; left: -2px; bottom: 100%; margin-bottom: 3px; white-space: nowrap;\n  background: var(--te-accent); color: #fff; font-size: 11px; padding: 2px 6px; border-radius: 4px;\n  max-width: 60vw; overflow: hidden; text-overflow: ellipsis; }\n.te-outline.te-below .te-outline-label { bottom: auto; top: 100%; margin: 3px 0 0; }\n.te-tag-mark { position: fixed; pointer-events: none; z-index: 1; border: 2px dashed var(--te-accent); border-radius: 4px; }\n.te-sr { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }\n";
}

// content/editor/target_field.js
declare module "trailguide/content/editor/target_field" {
  export const ns_targetField: Readonly<{
      create: typeof create;
      nameOf: typeof nameOf;
  }>;
  declare function create({ target, pick, onPicked, label, elsewhere }: {
      target: any;
      pick: () => Promise<Element | null>;
      onPicked: (target: any, el: Element) => void;
      label?: string;
      elsewhere?: string;
  }): HTMLDivElement;
  declare function nameOf(target: any): any;
}
