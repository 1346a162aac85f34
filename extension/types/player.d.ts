// What the player's content scripts put on globalThis.Trailguide (see worker/files.js).
// Each script's assignment to the namespace is checked against this declaration.

// content/core.js
declare module "trailguide/content/core" {
  export const ns_core: Readonly<{
      features: {
          name: string;
          init: FeatureInit;
      }[];
      feature: typeof feature;
      send: typeof send;
      emit: typeof emit;
      current: {
          appId: number | null;
      };
      normalize: (text: any) => string;
      orphaned: AbortController;
  }>;
  export function ns_feature(name: any, init: any): void;
  export type App = {
      id: number;
      key: string;
      name: string;
      user_id_rule: Record<string, unknown>;
  };
  export type Page = {
      application: App;
      content: any;
      offline: boolean;
      flow: any;
      user: {
          known: boolean;
          source: string;
          readFromPage: any;
      };
  };
  export type Context = Page & {
      url: string;
      bus: EventTarget;
      signal: AbortSignal;
  };
  export type FeatureInit = (ctx: Context, signal: AbortSignal) => void;
  declare function feature(name: any, init: any): void;
  declare function send(type: any, payload?: {}): Promise<any>;
  declare function emit(kind: string, fields?: Record<string, unknown>): void;
}

// content/flow.js
declare module "trailguide/content/flow" {
  export const ns_flow: Readonly<{
      Runner: typeof Runner;
      ids: typeof ids;
      stepCard: typeof stepCard;
  }>;
  declare class Runner {
          constructor(walkthrough: any, options?: {
          onEnd?: (how: string) => void;
          returnFocus?: (() => void) | null;
          emit?: typeof emit;
          persist?: (flow: any) => void;
      });
      wt: any;
      index: number;
      ended: boolean;
      life: AbortController;
          stepLife: AbortController | null;
          rendered: {
          index: number;
          el: Element | null;
      } | null;
      onEnd: (how: string) => void;
      returnFocus: () => void;
      emit: typeof import("trailguide/content/core").emit;
      persist: (flow: any) => void;
          start(index?: number, { resumed }?: {
          resumed?: boolean | undefined;
      }): void;
      save(): void;
      show(index: any, { resumed }?: {
          resumed?: boolean | undefined;
      }): void;
      locate(step: any, index: any, signal: any, resumed: any): void;
      render(step: any, el: any, signal: any, resumed: any): void;
      beacon(step: any, el: any, signal: any): void;
      card(step: any, el: any, signal: any): void;
          listen(step: any, el: any, signal: any): void;
          complete(index: any): void;
      advance(index: any, { skipped }: {
          skipped: any;
      }): void;
      back(): void;
      dismiss(): void;
      finish(): void;
      end(how: any): void;
          suspend(): void;
          onRoute(url: any): void;
  }
  declare function ids(wt: any, index: any): {
      walkthrough_id: any;
      walkthrough_version: any;
  };
  declare function stepCard(wt: any, index: number, onElement: boolean, actions: {
      back: () => void;
      next: () => void;
      close: () => void;
  }): {
      spec: import("trailguide/content/ui/card").CardSpec;
      waitsForPage: boolean;
      modal: boolean;
  };
  declare const emit: typeof import("trailguide/content/core").emit;
}

// content/identity.js
declare module "trailguide/content/identity" {
  export const ns_identity: Readonly<{
      read: typeof read;
      report: typeof report;
  }>;
  declare function read(rule: any, { signal, timeoutMs }: {
      signal: AbortSignal;
      timeoutMs: number;
  }): Promise<string>;
  declare function report(appId: any, userId: any): Promise<boolean>;
}

// content/main.js
declare module "trailguide/content/main" {
  export const ns_player: Readonly<{
          pause(): void;
      resume(): void;
  }>;
}

// content/route.js
declare module "trailguide/content/route" {
  export const ns_route: Readonly<{
      follow: typeof follow;
  }>;
  declare function follow(onChange: (url: string) => void, signal: AbortSignal): void;
}

// content/ui/card.js
declare module "trailguide/content/ui/card" {
  export const ns_card: Readonly<{
      create: typeof create;
  }>;
  export type ButtonSpec = {
      label: string;
      name: string;
      primary?: boolean;
      onClick: () => void;
  };
  export type CardSpec = {
      kind: "tooltip" | "modal" | "tip";
      title?: string;
      body?: string;
      progress?: string;
      hint?: string;
      buttons?: ButtonSpec[];
      onClose?: () => void;
      role?: "dialog" | "tooltip";
      label?: string;
  };
  declare function create(spec: CardSpec): {
      element: HTMLElement;
      card: HTMLElement;
      arrow: HTMLElement | null;
      button: (name: string) => HTMLButtonElement | null;
      cleanup: () => void;
  };
}

// content/ui/checklist.js
declare module "trailguide/content/ui/checklist" {
  export const ns_checklist: Readonly<{
      render: typeof render;
  }>;
  declare function render(checklists: any[], onStart: (walkthroughId: number) => void): HTMLElement;
}

// content/ui/focus.js
declare module "trailguide/content/ui/focus" {
  export const ns_focus: Readonly<{
      trap: typeof trap;
      remember: typeof remember;
      enter: typeof enter;
      deepActive: typeof deepActive;
      focusables: typeof focusables;
  }>;
  declare function trap(container: HTMLElement, { signal, extra, strict, extraFirst }: {
      signal: AbortSignal;
      extra?: HTMLElement[];
      strict?: boolean;
      extraFirst?: boolean;
  }): void;
  declare function remember(): () => void;
  declare function enter(container: HTMLElement, preferred?: HTMLElement | null): void;
  declare function deepActive(doc?: Document): HTMLElement | null;
  declare function focusables(container: HTMLElement): HTMLElement[];
}

// content/ui/highlight.js
declare module "trailguide/content/ui/highlight" {
  export const ns_highlight: Readonly<{
      create: typeof create;
  }>;
  declare function create(): {
      update: (rect: {
          x: number;
          y: number;
          width: number;
          height: number;
      }, hidden: boolean) => void;
      cleanup: () => void;
  };
}

// content/ui/host.js
declare module "trailguide/content/ui/host" {
  export const ns_host: Readonly<{
      ensure: () => import("trailguide/content/ui/layer").Parts;
      mount: (element: HTMLElement) => HTMLElement;
      announce: (text: any) => void;
      theme: typeof theme;
      remove: () => void;
      isOurs: (event: any) => any;
      id: (prefix: any) => string;
      sanitize: typeof sanitize;
      BODY_HTML: Readonly<{
          ALLOWED_TAGS: string[];
          ALLOWED_ATTR: string[];
          ALLOWED_URI_REGEXP: RegExp;
      }>;
      TAG: "trailguide-player";
  }>;
  declare function theme(settings: any): void;
  declare function sanitize(html: any): any;
}

// content/ui/layer.js
declare module "trailguide/content/ui/layer" {
  export function ns_layer({ tag, css, rootClass, liveClass, attributes }: {
      tag: string;
      css: () => string;
      rootClass: string;
      liveClass: string;
      attributes?: Record<string, string>;
  }): {
      ensure: () => Parts;
      mount: (element: HTMLElement) => HTMLElement;
      raise: () => void;
      announce: (text: any) => void;
      remove: () => void;
      isOurs: (event: any) => any;
  };
  export type Parts = {
      host: HTMLElement;
      shadow: ShadowRoot;
      root: HTMLElement;
      live: HTMLElement;
  };
}

// content/ui/position.js
declare module "trailguide/content/ui/position" {
  export const ns_position: Readonly<{
      attach: typeof attach;
      reveal: typeof reveal;
  }>;
  declare function attach(reference: Element, floating: HTMLElement, options?: {
      placement?: string;
      arrow?: HTMLElement | null;
      gap?: number;
      corner?: boolean;
      onUpdate?: (rect: {
          x: number;
          y: number;
          width: number;
          height: number;
      }, hidden: boolean) => void;
      onLost?: () => void;
  }): () => void;
  declare function reveal(el: any): void;
}

// content/ui/styles.js
declare module "trailguide/content/ui/styles" {
  export const ns_styles: "\n:host { all: initial; }\n.tg-root {\n  --tg-accent: #3451d1; --tg-on-accent: #fff; --tg-ink: #1d2330; --tg-muted: #5b6478;\n  --tg-surface: #fff; --tg-line: #dfe3ec; --tg-shadow: 0 12px 32px rgba(20, 26, 45, .22);\n  all: initial; display: block; position: fixed; inset: 0 auto auto 0; width: 0; height: 0;\n  font: 14px/1.45 system-ui, -apple-system, \"Segoe UI\", Roboto, \"Liberation Sans\", sans-serif;\n  color: var(--tg-ink); pointer-events: none;\n}\n.tg-root * { box-sizing: border-box; }\n.tg-root button, .tg-root input, .tg-root a { font: inherit; pointer-events: auto; }\n.tg-sr { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }\n\n.tg-card {\n  position: fixed; top: 0; left: 0; width: max-content; max-width: min(340px, calc(100vw - 16px));\n  background: var(--tg-surface); color: var(--tg-ink); border-radius: 10px; padding: 16px 16px 12px;\n  box-shadow: var(--tg-shadow); border: 1px solid var(--tg-line); pointer-events: auto; z-index: 3;\n  animation: tg-in .16s ease-out;\n}\n.tg-card:focus { outline: none; }\n.tg-card:focus-visible { outline: 2px solid var(--tg-accent); outline-offset: 2px; }\n.tg-card.tg-tooltip-tip { max-width: min(280px, calc(100vw - 16px)); padding: 10px 12px; }\n.tg-arrow { position: absolute; width: 12px; height: 12px; background: var(--tg-surface); transform: rotate(45deg); }\n.tg-card[data-side=\"top\"] .tg-arrow { border-right: 1px solid var(--tg-line); border-bottom: 1px solid var(--tg-line); }\n.tg-card[data-side=\"bottom\"] .tg-arrow { border-left: 1px solid var(--tg-line); border-top: 1px solid var(--tg-line); }\n.tg-card[data-side=\"left\"] .tg-arrow { border-right: 1px solid var(--tg-line); border-top: 1px solid var(--tg-line); }\n.tg-card[data-side=\"right\"] .tg-arrow { border-left: 1px solid var(--tg-line); border-bottom: 1px solid var(--tg-line); }\n.tg-title { margin: 0 28px 6px 0; font-size: 15px; font-weight: 650; line-height: 1.3; }\n.tg-body { margin: 0; color: var(--tg-ink); overflow-wrap: anywhere; }\n.tg-body p { margin: 0 0 8px; } .tg-body ul, .tg-body ol { margin: 0 0 8px; padding-left: 20px; }\n.tg-body a { color: var(--tg-accent); }\n.tg-body code { font-family: ui-monospace, \"Liberation Mono\", monospace; font-size: 12.5px; background: #f1f3f8; padding: 0 3px; border-radius: 3px; }\n.tg-footer { display: flex; align-items: center; gap: 8px; margin-top: 10px; }\n.tg-progress { color: var(--tg-muted); font-size: 12px; margin-right: auto; }\n.tg-button {\n  appearance: none; border: 1px solid var(--tg-line); background: var(--tg-surface); color: var(--tg-ink);\n  border-radius: 7px; padding: 6px 12px; cursor: pointer; line-height: 1.2;\n}\n.tg-button:hover { background: #f4f6fa; }\n.tg-button.tg-primary { background: var(--tg-accent); border-color: var(--tg-accent); color: var(--tg-on-accent); }\n.tg-button.tg-primary:hover { filter: brightness(1.08); }\n.tg-button:focus-visible, .tg-close:focus-visible, .tg-icon:focus-visible, .tg-launcher-button:focus-visible,\n.tg-item:focus-visible, .tg-search:focus-visible { outline: 2px solid var(--tg-accent); outline-offset: 2px; }\n.tg-close {\n  position: absolute; top: 8px; right: 8px; width: 26px; height: 26px; border: 0; border-radius: 6px;\n  background: transparent; color: var(--tg-muted); cursor: pointer; font-size: 18px; line-height: 1;\n}\n.tg-close:hover { background: #f1f3f8; color: var(--tg-ink); }\n.tg-hint { color: var(--tg-muted); font-size: 12px; }\n\n.tg-backdrop {\n  position: fixed; inset: 0; width: 100vw; height: 100vh; background: rgba(15, 20, 35, .45);\n  pointer-events: auto; z-index: 2; display: grid; place-items: center; animation: tg-fade .16s ease-out;\n}\n.tg-backdrop .tg-card { position: relative; max-width: min(460px, calc(100vw - 32px)); padding: 22px 22px 16px; }\n.tg-highlight {\n  position: fixed; top: 0; left: 0; border-radius: 6px; pointer-events: none; z-index: 1;\n  box-shadow: 0 0 0 3px var(--tg-accent), 0 0 0 100vmax rgba(15, 20, 35, .32);\n  transition: transform .12s ease-out, width .12s ease-out, height .12s ease-out;\n}\n\n.tg-icon {\n  position: fixed; top: 0; left: 0; width: 20px; height: 20px; border-radius: 50%; border: 0; padding: 0;\n  background: var(--tg-accent); color: var(--tg-on-accent); font-size: 12px; font-weight: 700;\n  line-height: 20px; text-align: center; cursor: pointer; pointer-events: auto; z-index: 2;\n  box-shadow: 0 1px 4px rgba(0, 0, 0, .25);\n}\n.tg-beacon::after {\n  content: \"\"; position: absolute; inset: -6px; border-radius: 50%; border: 2px solid var(--tg-accent);\n  animation: tg-pulse 1.6s ease-out infinite;\n}\n\n.tg-launcher-button {\n  position: fixed; width: 48px; height: 48px; border-radius: 50%; border: 0; cursor: pointer;\n  background: var(--tg-accent); color: var(--tg-on-accent); font-size: 22px; font-weight: 700;\n  box-shadow: var(--tg-shadow); pointer-events: auto; z-index: 4;\n}\n.tg-pos-bottom-right { right: 20px; bottom: 20px; } .tg-pos-bottom-left { left: 20px; bottom: 20px; }\n.tg-pos-top-right { right: 20px; top: 20px; } .tg-pos-top-left { left: 20px; top: 20px; }\n.tg-panel {\n  position: fixed; width: min(340px, calc(100vw - 40px)); max-height: min(520px, calc(100vh - 100px));\n  overflow: auto; background: var(--tg-surface); border: 1px solid var(--tg-line); border-radius: 12px;\n  box-shadow: var(--tg-shadow); pointer-events: auto; z-index: 4; padding: 14px; animation: tg-in .16s ease-out;\n}\n.tg-panel.tg-pos-bottom-right { bottom: 80px; } .tg-panel.tg-pos-bottom-left { bottom: 80px; }\n.tg-panel.tg-pos-top-right { top: 80px; } .tg-panel.tg-pos-top-left { top: 80px; }\n.tg-search {\n  width: 100%; border: 1px solid var(--tg-line); border-radius: 8px; padding: 7px 10px; margin: 4px 0 10px;\n  color: var(--tg-ink); background: var(--tg-surface);\n}\n.tg-list { list-style: none; margin: 0; padding: 0; }\n.tg-item {\n  display: flex; width: 100%; align-items: center; gap: 8px; text-align: left; border: 0; background: transparent;\n  padding: 8px; border-radius: 8px; cursor: pointer; color: var(--tg-ink); text-decoration: none;\n}\n.tg-item:hover { background: #f4f6fa; }\n.tg-item[aria-disabled=\"true\"] { color: var(--tg-muted); cursor: default; }\n.tg-check { flex: none; width: 18px; height: 18px; border-radius: 50%; border: 2px solid var(--tg-line); font-size: 11px; line-height: 14px; text-align: center; }\n.tg-done .tg-check { background: var(--tg-accent); border-color: var(--tg-accent); color: var(--tg-on-accent); }\n.tg-done .tg-item-title { text-decoration: line-through; color: var(--tg-muted); }\n.tg-section-title { font-size: 12px; font-weight: 650; color: var(--tg-muted); text-transform: uppercase; letter-spacing: .04em; margin: 8px 0 4px; }\n.tg-bar { height: 6px; border-radius: 3px; background: #eceff5; overflow: hidden; margin: 4px 0 8px; }\n.tg-bar > span { display: block; height: 100%; background: var(--tg-accent); }\n.tg-empty { color: var(--tg-muted); padding: 8px; }\n\n@keyframes tg-in { from { opacity: 0; transform: translateY(4px); } to { opacity: 1; transform: none; } }\n@keyframes tg-fade { from { opacity: 0; } to { opacity: 1; } }\n@keyframes tg-pulse { from { opacity: .9; transform: scale(.8); } to { opacity: 0; transform: scale(1.6); } }\n@media (prefers-reduced-motion: reduce) {\n  .tg-root *, .tg-root *::after { animation: none !important; transition: none !important; }\n}\n";
}

// content/watch.js
declare module "trailguide/content/watch" {
  export const ns_watch: Readonly<{
      whenChanged: typeof whenChanged;
      waitFor: typeof waitFor;
      active: () => boolean;
  }>;
  declare function whenChanged(check: () => boolean, { signal, roots }: {
      signal: AbortSignal;
      roots?: Node[];
  }): {
      observe: (roots: Node[]) => void;
  };
  declare function waitFor(target: object, { signal, timeoutMs, onTimeout }: {
      signal: AbortSignal;
      timeoutMs?: number;
      onTimeout?: () => void;
  }): Promise<Element>;
}
