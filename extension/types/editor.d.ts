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
      destroyAll: typeof destroyAll;
  }>;
  declare function destroyAll(): void;
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
  export const ns_editorStyles: string;
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
