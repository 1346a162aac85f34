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
      tested: (item: { test_audience?: boolean } | null | undefined) => { test_audience?: number };
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
      /** a walkthrough chosen on another page to start here (worker/pending_start.js) */
      start?: number | null;
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
      /** Walkthroughs completed on this page (features that start later read it). */
      completed: Set<number>;
  };
  export type FeatureInit = (ctx: Context, signal: AbortSignal) => void;
  declare function feature(name: any, init: any): void;
  declare function send(type: any, payload?: {}): Promise<any>;
  declare function emit(kind: string, fields?: Record<string, unknown>): void;
}

// content/features/feedback.js
declare module "trailguide/content/features/feedback" {
  export const ns_feedback: Readonly<{
      foot: typeof foot;
  }>;
  declare function foot({ signal }: {
      signal: AbortSignal;
  }): HTMLElement;
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
  declare const ids: typeof import("trailguide/content/step").ns_step.ids;
  declare const stepCard: typeof import("trailguide/content/step").ns_step.stepCard;
  declare const emit: typeof import("trailguide/content/core").emit;
}

// content/step.js
declare module "trailguide/content/step" {
  export const ns_step: Readonly<{
      ids: typeof ids;
      stepCard: typeof stepCard;
      repairProperties: typeof repairProperties;
      advanceOn: typeof advanceOn;
  }>;
  declare function ids(wt: any, index: any): {
      walkthrough_id: any;
      walkthrough_version: any;
  };
  declare function stepCard(wt: any, index: number, el: Element | null, actions: {
      back: () => void;
      next: () => void;
      close: () => void;
  }): {
      spec: import("trailguide/content/ui/card").CardSpec;
      waitsForPage: boolean;
      modal: boolean;
  };
  declare function repairProperties(repair: import("trailguide/content/finder/resolve").Repair, target: {
      alternatives?: object[];
  }): Record<string, string>;
  declare function advanceOn(step: any, el: Element, signal: AbortSignal, on: {
      complete: () => void;
      dismiss: () => void;
  }): void;
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

// content/ui/process_view.js
declare module "trailguide/content/ui/process_view" {
  export type ProcessStep = {
      key: string; title: string; application: number | null; application_name: string;
      kind: string; walkthrough_id: number | null; article_id: number | null;
      url: string | null; help_url?: string | null;
  };
  export type Process = {
      id: number; title: string; steps: ProcessStep[]; steps_done: boolean[];
      current: number | null; total: number; done: number;
  };
  export type Actions = {
      application: number | null;
      onStep: (step: ProcessStep) => void;
      onMarkDone: (process: Process, step: ProcessStep) => void;
  };
  export const ns_processView: Readonly<{
      render: (processes: Process[], actions: Actions) => HTMLElement;
      position: (process: Process, application: number | null) => string;
      withDone: (process: Process, key: string) => Process;
  }>;
}

// content/search/rank.js
declare module "trailguide/content/search/rank" {
  export type SearchEntry = {
      kind: string;
      id: number | string;
      application: number;
      application_name?: string;
      title: string;
      keywords: string;
      description: string;
      url: string | null;
      walkthrough_id: number | null;
  };
  export type SearchPlace = { url: string; application: number | null };
  export const ns_searchRank: Readonly<{
      build: (entries: SearchEntry[], here: SearchPlace) => {
          search: (query: string) => SearchEntry[];
          size: number;
      };
      placeOf: (entry: SearchEntry, here: SearchPlace) => "page" | "application" | "elsewhere";
  }>;
}

// content/search/server.js
declare module "trailguide/content/search/server" {
  export type ServerAnswer = { entries: any[]; offline: boolean };
  export const ns_searchServer: Readonly<{
      build: (here: { url: string; application: number | null }) => {
          search: (query: string) => Promise<ServerAnswer | null>;
          remote: true;
      };
  }>;
}

// content/search/panel.js
declare module "trailguide/content/search/panel" {
  export const ns_launcherSearch: Readonly<{
      attach: (options: {
          input: HTMLInputElement;
          list: HTMLElement;
          status: HTMLElement;
          ranker:
              | { search: (query: string) => any[]; remote?: false }
              | {
                    search: (query: string) => Promise<{ entries: any[]; offline: boolean } | null>;
                    remote: true;
                };
          here: { application: number | null };
          showDefault: () => number;
          onChoose: (entry: any, position: number, query: string) => void;
          onResults: (query: string, count: number) => void;
          signal: AbortSignal;
      }) => number | Promise<number | null>;
  }>;
}

// content/ui/article_view.js
declare module "trailguide/content/ui/article_view" {
  export const ns_articleView: Readonly<{
      render: (
          article: { id: number; title: string; body: string; help_url?: string | null },
          options: { onBack: () => void; signal: AbortSignal },
      ) => { element: HTMLElement; focus: () => void };
      bodyOf: (html: string) => {
          nodes: Node[];
          images: { img: HTMLImageElement; path: string }[];
      };
  }>;
}

// content/search/go.js
declare module "trailguide/content/search/go" {
  export const ns_goThere: Readonly<{
      choose: (
          place: { walkthroughId: number; url: string | null; application: number },
          here: { delivered: Set<number>; startHere: (walkthroughId: number) => void },
      ) => Promise<boolean>;
  }>;
}

// content/ui/survey_card.js
declare module "trailguide/content/ui/survey_card" {
  export const ns_surveyCard: Readonly<{
      show: typeof show;
      nextKey: typeof nextKey;
  }>;
  type SurveyAnswer = { value?: number; options: string[]; text: string };
  declare function show(survey: { name: string; questions: any[] }, { onAnswer, onDismiss, signal }: {
      onAnswer: (question: any, answer: SurveyAnswer) => string | null;
      onDismiss: (how: "later" | "never") => void;
      signal: AbortSignal;
  }): { card: HTMLElement; cleanup: () => void };
  declare function nextKey(questions: any[], index: number, answer: { value?: number; options?: string[] }): string | null;
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
      el: typeof el;
      safeLink: typeof safeLink;
      BODY_HTML: Readonly<{
          ALLOWED_TAGS: string[];
          ALLOWED_ATTR: string[];
          ALLOWED_URI_REGEXP: RegExp;
      }>;
      TAG: "trailguide-player";
  }>;
  declare function theme(settings: any): void;
  declare function sanitize(html: any): any;
  declare function el(tag: string, className?: string, text?: string): any;
  declare function safeLink(url: any): string | null;
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
  export const ns_styles: string;
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
  declare function waitFor(target: object, { signal, timeoutMs, onTimeout, onRepair }: {
      signal: AbortSignal;
      timeoutMs?: number;
      onTimeout?: () => void;
      onRepair?: (repair: import("trailguide/content/finder/resolve").Repair) => void;
  }): Promise<Element>;
}
