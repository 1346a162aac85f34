// What the finder and the editor's element naming put on globalThis.Trailguide.
// Those files are outside the checker while another branch rewrites them: bring this
// file in line with them when they return to it (the checker then holds the two equal).
// Each script's assignment to the namespace is checked against this declaration.

// content/editor/describe.js
declare module "trailguide/content/editor/describe" {
  export const ns_describe: Readonly<{
      describe: typeof describe;
      suggestAdvance: typeof suggestAdvance;
      nameFor: typeof nameFor;
      labelOf: typeof labelOf;
  }>;
  declare function describe(el: Element): {
      alternatives: object[];
      frames?: string[];
      shadow?: string[];
      fingerprint: object;
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
  declare function candidates(root: Document | ShadowRoot, alt: {
      by: string;
      value?: string;
      role?: string;
      name?: string;
      tag?: string;
  }): Element[];
  declare function byText(root: Document | ShadowRoot, value: string, tag?: string): any[];
}

// content/finder/resolve.js
declare module "trailguide/content/finder/resolve" {
  export const ns_finder: Readonly<{
      resolve: typeof resolve;
      fingerprintScore: typeof fingerprintScore;
      visible: typeof visible;
      describe: (el: any) => string;
      nameOf: typeof import("trailguide/content/finder/aria").nameOf;
      searchRoots: typeof searchRoots;
  }>;
  export type Target = {
      alternatives: object[];
      frames?: string[];
      shadow?: string[];
      fingerprint?: {
          tag?: string;
          text?: string;
          role?: string;
          attributes?: Record<string, string>;
      };
  };
  declare function resolve(target: Target): {
      element: Element | null;
      visited: (Document | ShadowRoot)[];
  };
  declare function fingerprintScore(el: Element, fp: Target["fingerprint"]): number;
  declare function visible(el: any): any;
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
