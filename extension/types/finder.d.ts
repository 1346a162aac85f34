// What the finder and the editor's element naming put on globalThis.Trailguide.
// Each script's assignment to the namespace is checked against this declaration;
// the scripts import the shared shapes (Fingerprint, Target, Resolved...) from here.

// content/editor/describe.js
declare module "trailguide/content/editor/describe" {
  export const ns_describe: Readonly<{
      describe: typeof describe;
      suggestAdvance: typeof suggestAdvance;
      nameFor: typeof nameFor;
      labelOf: typeof labelOf;
      namedByPlaceholder: (el: Element) => boolean;
  }>;
  declare function describe(el: Element): {
      alternatives: object[];
      frames?: string[];
      shadow?: string[];
      fingerprint: import("trailguide/content/finder/fingerprint").Fingerprint;
  };
  declare function suggestAdvance(el: any): "next_button" | "input_target" | "click_target";
  declare function nameFor(el: any): any;
  declare function labelOf(el: any): string;
}

// content/editor/picker.js
declare module "trailguide/content/editor/picker" {
  export const ns_picker: Readonly<{
      pick: typeof pick;
  }>;
  declare function pick({ signal, prompt }: {
      signal: AbortSignal;
      prompt?: string;
  }): Promise<Element | null>;
}

// content/editor/selectors.js
declare module "trailguide/content/editor/selectors" {
  export const ns_selectors: Readonly<{
      cssFor: typeof cssFor;
      xpathFor: typeof xpathFor;
      frameSelector: typeof frameSelector;
      hostSelector: typeof hostSelector;
      stableId: typeof stableId;
      stableClass: (name: string) => boolean;
      unique: typeof unique;
  }>;
  declare function cssFor(el: Element, root: Document | ShadowRoot): string;
  declare function xpathFor(el: any, root: any): string;
  declare function frameSelector(frame: any): string;
  declare function hostSelector(host: any): string;
  declare function stableId(el: any, root: any): any;
  declare function unique(root: any, selector: any, el: any): boolean;
}

// content/finder/aria.js
declare module "trailguide/content/finder/aria" {
  export const ns_aria: Readonly<{
      roleOf: typeof roleOf;
      nameOf: typeof nameOf;
      byRole: typeof byRole;
      byLabel: typeof byLabel;
      isTextField: (el: any) => any;
  }>;
  declare function roleOf(el: any): any;
  declare function nameOf(el: any): string;
  declare function byRole(root: ParentNode, role: any, name: any): Element[];
  declare function byLabel(root: ParentNode, text: any): any[];
}

// content/finder/query.js
declare module "trailguide/content/finder/query" {
  export const ns_query: Readonly<{
      candidates: typeof candidates;
      byText: typeof byText;
      TEST_ATTRIBUTES: string[];
  }>;
  /** One way to find a target's element, as the picker records it. */
  export type Alternative = {
      by: string;
      value?: string;
      role?: string;
      name?: string;
      tag?: string;
  };
  declare function candidates(root: Document | ShadowRoot, alt: Alternative): Element[];
  declare function byText(root: Document | ShadowRoot, value: string, tag?: string): any[];
}

// content/finder/likeness.js
declare module "trailguide/content/finder/likeness" {
  export const ns_likeness: Readonly<{
      words: (text: any) => Set<string>;
      tally: (text: any) => Map<string, number>;
      overlap: (a: any, b: any) => number;
      aroundAlike: (actual: any, recorded: any) => number;
      alike: (a: any, b: any) => number;
  }>;
}

// content/finder/context.js
declare module "trailguide/content/finder/context" {
  export const ns_context: Readonly<{
      words: (text: any) => Set<string>;
      overlap: (a: any, b: any) => number;
      aroundAlike: (actual: any, recorded: any) => number;
      alike: (a: any, b: any) => number;
      tally: (text: any) => Map<string, number>;
      nearText: (el: Element) => string;
      wideText: (el: Element) => string;
      up: (el: Element) => Element | null;
      shown: (node: Node, skip: Node | null) => Generator<Node>;
      renderedRoot: (host: Element) => ShadowRoot | null;
      wideOf: (el: Element) => { region: Element | null; text: string; up: number };
      headingOf: (el: Element) => string;
      headingsOf: (el: Element) => string[];
      anchorOf: (el: Element, stableId: (id: string) => boolean) => string;
      placesOf: (el: Element) => Element[];
      hostName: (host: Element) => string;
      indexOf: (el: Element) => number;
      closestAcross: (el: Element, selector: string) => Element | null;
      orderIn: (el: Element, anchor: string) => number;
      nameAcross: (el: Element) => string;
      MAX_LABEL: number;
  }>;
}

// content/finder/rename.js
declare module "trailguide/content/finder/rename" {
  export const ns_rename: Readonly<{
      reworded: (el: Element, fp: import("trailguide/content/finder/fingerprint").Fingerprint, near: number) => boolean;
      selfNamed: (fp: import("trailguide/content/finder/fingerprint").Fingerprint) => boolean;
      kinOf: (el: Element) => { regionUp: number; kin: number } | null;
      kinIn: (el: Element, levels: number) => number;
  }>;
}

// content/finder/fingerprint.js
declare module "trailguide/content/finder/fingerprint" {
  export const ns_fingerprint: Readonly<{
      fingerprintOf: typeof fingerprintOf;
      assess: typeof assess;
      nearText: (el: Element) => string;
      alike: (a: any, b: any) => number;
      overlap: (a: any, b: any) => number;
  }>;
  /** Where an element sits: the text around it, its region, its stable ancestor and its position. */
  export type Context = {
      near?: string;
      wide?: string;
      heading?: string;
      host?: string;
      anchor?: string;
      index?: number;
      order?: number;
      region_up?: number;
      kin?: number;
      kin_tag?: string;
  };
  /** What an element is, beyond the ways to find it (recorded by the picker). */
  export type Fingerprint = {
      tag?: string;
      role?: string;
      text?: string;
      name?: string;
      attributes?: Record<string, string>;
      context?: Context;
  };
  declare function fingerprintOf(el: Element, options?: {
      stableId?: (id: string) => boolean;
      stableClass?: (name: string) => boolean;
  }): Fingerprint;
  declare function assess(el: Element, fp: Fingerprint | undefined, options?: {
      identity?: boolean;
  }): { score: number; vetoed: boolean; near: number };
}

// content/finder/heal.js
declare module "trailguide/content/finder/heal" {
  export const ns_heal: Readonly<{
      heal: typeof heal;
      choose: typeof choose;
      closerMatch: typeof closerMatch;
      visible: (el: Element) => boolean;
      describeElement: (el: Element) => Record<string, string>;
      runs: () => number;
      MAX_SCORED: number;
      THRESHOLD: number;
      MARGIN: number;
  }>;
  type Fingerprint = import("trailguide/content/finder/fingerprint").Fingerprint;
  /** The element healing settled on, its score and the runner-up's. */
  export type Choice = { element: Element; score: number; runnerUp: number };
  declare function heal(target: {
      frames?: string[];
      shadow?: string[];
      fingerprint?: Fingerprint;
  }, found?: Iterable<Element>): Choice | null;
  declare function choose(elements: Iterable<Element>, fp: Fingerprint, threshold?: number): Choice | null;
  declare function closerMatch(el: Element, fp: Fingerprint): Element | null;
}

// content/finder/resolve.js
declare module "trailguide/content/finder/resolve" {
  export const ns_finder: Readonly<{
      resolve: typeof resolve;
      fingerprintScore: (el: Element, fp: Fingerprint | undefined) => number;
      visible: (el: Element) => boolean;
      describe: (el: any) => string;
      nameOf: typeof import("trailguide/content/finder/aria").nameOf;
      searchRoots: typeof searchRoots;
  }>;
  type Fingerprint = import("trailguide/content/finder/fingerprint").Fingerprint;
  export type Target = {
      alternatives: import("trailguide/content/finder/query").Alternative[];
      frames?: string[];
      shadow?: string[];
      fingerprint?: Fingerprint;
  };
  /** Set when some way of the target no longer finds its element: what the player reports. */
  export type Repair = {
      failed: import("trailguide/content/finder/query").Alternative[];
      by: "alternative" | "fingerprint";
      element: Record<string, string>;
      score?: number;
      runner_up?: number;
  };
  export type Resolved = {
      element: Element | null;
      visited: (Document | ShadowRoot)[];
      healed: boolean;
      repair: Repair | null;
  };
  declare function resolve(target: Target, options?: { heal?: boolean }): Resolved;
  declare function searchRoots(target: any): {
      roots: (ShadowRoot | Document)[];
      visited: (ShadowRoot | Document)[];
  };
}

// content/finder/scope.js
declare module "trailguide/content/finder/scope" {
  export const ns_scope: Readonly<{
      shadowRootOf: typeof shadowRootOf;
      rootFor: typeof rootFor;
      shadowRootsUnder: typeof shadowRootsUnder;
      frameOffset: typeof frameOffset;
  }>;
  declare function shadowRootOf(host: Element): ShadowRoot | null;
  declare function rootFor(target: {
      frames?: string[];
      shadow?: string[];
  }, doc?: Document): {
      root: Document | ShadowRoot | null;
      visited: (Document | ShadowRoot)[];
      brokenShadow: boolean;
      frameDoc: Document | null;
  };
  declare function shadowRootsUnder(root: Document | ShadowRoot): ShadowRoot[];
  declare function frameOffset(el: any): {
      x: number;
      y: number;
  };
}
