// What shared/*.js put on globalThis.Trailguide (loaded by content scripts, the worker and the pages).
// Each script's assignment to the namespace is checked against this declaration.

// shared/authoring.js
declare module "trailguide/shared/authoring" {
  export const ns_authoring: Readonly<{
      slug: typeof slug;
      nextKey: typeof nextKey;
      looksGenerated: typeof looksGenerated;
      isStateClass: (token: any) => boolean;
      isUtilityClass: (token: any) => boolean;
      pagePattern: typeof pagePattern;
      applicationPattern: typeof applicationPattern;
      applicationName: typeof applicationName;
      problemLines: typeof problemLines;
  }>;
  declare function slug(text: string, max?: number): string;
  declare function nextKey(key: any, attempt: any): string;
  declare function looksGenerated(token: string): boolean;
  declare function pagePattern(url: any): string;
  declare function applicationPattern(url: any): string;
  declare function applicationName(title: any, url: any): string;
  declare function problemLines(details: unknown): string[];
}

// shared/messages.js
declare module "trailguide/shared/messages" {
  export const ns_messages: Readonly<{
          toWorker: Readonly<{
          PAGE: "tg:page";
          EMIT: "tg:emit";
          FLOW: "tg:flow";
          START_ELSEWHERE: "tg:start-elsewhere";
          FEEDBACK: "tg:feedback";
          IDENTITY: "tg:identity";
          READ_PAGE_GLOBAL: "tg:read-page-global";
          IMAGE: "tg:image";
          SEARCH: "tg:search";
      }>;
          toEditorWorker: Readonly<{
          SESSION: "tg:editor-session";
          CHANGE: "tg:editor-change";
          SAVE: "tg:editor-save";
          RELOAD: "tg:editor-reload";
          PUBLISH: "tg:editor-publish";
          PREVIEW: "tg:editor-preview";
          CLOSE: "tg:editor-close";
      }>;
          toContent: Readonly<{
          REFRESH: "tg:refresh";
          EDITOR_SYNC: "tg:editor-sync";
          EDITOR_FLUSH: "tg:editor-flush";
      }>;
          toOptions: Readonly<{
          APPLIED: "tg:applied";
      }>;
          fromOptions: Readonly<{
          SETTINGS: "tg:settings";
          TEST_CONNECTION: "tg:test-connection";
      }>;
          fromPopup: Readonly<{
          STATE: "tg:popup-state";
          SIGN_IN: "tg:popup-sign-in";
          SSO_SIGN_IN: "tg:popup-sso-sign-in";
          SIGN_OUT: "tg:popup-sign-out";
          CHOOSE_WORKSPACE: "tg:popup-workspace";
          CREATE_APPLICATION: "tg:popup-create-application";
          LIST_ITEMS: "tg:popup-items";
          EDIT: "tg:popup-edit";
          STOP: "tg:popup-stop";
      }>;
  }>;
}

// shared/urls.js
declare module "trailguide/shared/urls" {
  export const ns_urls: Readonly<{
      parsePattern: typeof parsePattern;
      matches: typeof matches;
      globMatches: typeof globMatches;
      toMatchPattern: typeof toMatchPattern;
  }>;
  export type ParsedPattern = {
      scheme: string;
      host: string;
      port: number | null;
      path: string;
  };
  declare function parsePattern(pattern: string): ParsedPattern | {
      error: string;
  };
  declare function matches(pattern: string, url: string): boolean;
  declare function globMatches(glob: any, text: any): boolean;
  declare function toMatchPattern(pattern: string): string | null;
}
