// The content scripts' shared namespace. Registered content scripts cannot be
// modules, so each file adds to globalThis.Trailguide in the order of
// worker/files.js (tests/extension/test_content_order.py holds that order);
// this declaration lets the checker follow every cross-file use. Each member's
// type is declared by the file that defines it (shared.d.ts, player.d.ts,
// editor.d.ts, finder.d.ts), where the defining assignment is checked too.

interface TrailguideNamespace {
  /** Set by content/main.js once the player runs in this frame. */
  started: boolean;
  core: typeof import("trailguide/content/core").ns_core;
  feature: typeof import("trailguide/content/core").ns_feature;
  deep: typeof import("trailguide/content/editor/deep").ns_deep;
  describe: typeof import("trailguide/content/editor/describe").ns_describe;
  fields: typeof import("trailguide/content/editor/fields").ns_fields;
  editorHost: typeof import("trailguide/content/editor/host").ns_editorHost;
  itemForms: typeof import("trailguide/content/editor/item_forms").ns_itemForms;
  live: typeof import("trailguide/content/editor/live").ns_live;
  editor: typeof import("trailguide/content/editor/main").ns_editor;
  EditorModel: typeof import("trailguide/content/editor/model").ns_EditorModel;
  panel: typeof import("trailguide/content/editor/panel").ns_panel;
  picker: typeof import("trailguide/content/editor/picker").ns_picker;
  preview: typeof import("trailguide/content/editor/preview").ns_preview;
  targetReport: typeof import("trailguide/content/editor/report").ns_targetReport;
  richtext: typeof import("trailguide/content/editor/richtext").ns_richtext;
  selectors: typeof import("trailguide/content/editor/selectors").ns_selectors;
  stepForm: typeof import("trailguide/content/editor/step_form").ns_stepForm;
  stepsList: typeof import("trailguide/content/editor/steps").ns_stepsList;
  editorStyles: typeof import("trailguide/content/editor/styles").ns_editorStyles;
  targetField: typeof import("trailguide/content/editor/target_field").ns_targetField;
  aria: typeof import("trailguide/content/finder/aria").ns_aria;
  context: typeof import("trailguide/content/finder/context").ns_context;
  likeness: typeof import("trailguide/content/finder/likeness").ns_likeness;
  rename: typeof import("trailguide/content/finder/rename").ns_rename;
  fingerprint: typeof import("trailguide/content/finder/fingerprint").ns_fingerprint;
  heal: typeof import("trailguide/content/finder/heal").ns_heal;
  query: typeof import("trailguide/content/finder/query").ns_query;
  finder: typeof import("trailguide/content/finder/resolve").ns_finder;
  scope: typeof import("trailguide/content/finder/scope").ns_scope;
  feedback: typeof import("trailguide/content/features/feedback").ns_feedback;
  flow: typeof import("trailguide/content/flow").ns_flow;
  step: typeof import("trailguide/content/step").ns_step;
  identity: typeof import("trailguide/content/identity").ns_identity;
  player: typeof import("trailguide/content/main").ns_player;
  route: typeof import("trailguide/content/route").ns_route;
  card: typeof import("trailguide/content/ui/card").ns_card;
  checklist: typeof import("trailguide/content/ui/checklist").ns_checklist;
  processView: typeof import("trailguide/content/ui/process_view").ns_processView;
  searchRank: typeof import("trailguide/content/search/rank").ns_searchRank;
  searchServer: typeof import("trailguide/content/search/server").ns_searchServer;
  launcherSearch: typeof import("trailguide/content/search/panel").ns_launcherSearch;
  goThere: typeof import("trailguide/content/search/go").ns_goThere;
  articleView: typeof import("trailguide/content/ui/article_view").ns_articleView;
  focus: typeof import("trailguide/content/ui/focus").ns_focus;
  highlight: typeof import("trailguide/content/ui/highlight").ns_highlight;
  host: typeof import("trailguide/content/ui/host").ns_host;
  layer: typeof import("trailguide/content/ui/layer").ns_layer;
  position: typeof import("trailguide/content/ui/position").ns_position;
  styles: typeof import("trailguide/content/ui/styles").ns_styles;
  surveyCard: typeof import("trailguide/content/ui/survey_card").ns_surveyCard;
  watch: typeof import("trailguide/content/watch").ns_watch;
  authoring: typeof import("trailguide/shared/authoring").ns_authoring;
  messages: typeof import("trailguide/shared/messages").ns_messages;
  urls: typeof import("trailguide/shared/urls").ns_urls;
}

/** The Trailguide service worker's diagnostics (background.js). */
interface TrailguideWorker {
  settled(): Promise<void>;
  status(): Promise<Record<string, unknown>>;
  flush(): Promise<unknown>;
  refresh(): Promise<unknown>;
}

declare var Trailguide: TrailguideNamespace;
declare var trailguide: TrailguideWorker;
// The vendored libraries' UMD builds (extension/vendor, from the lockfile).
declare var DOMPurify: typeof import("dompurify").default;
declare var FloatingUIDOM: typeof import("@floating-ui/dom");
declare var MiniSearch: typeof import("minisearch").default;
// Editor mode's rich text library, bundled from bundles/tiptap.js.
declare var TrailguideTiptap: {
  Editor: typeof import("@tiptap/core").Editor;
  StarterKit: typeof import("@tiptap/starter-kit").default;
  Bold: typeof import("@tiptap/extension-bold").default;
  Italic: typeof import("@tiptap/extension-italic").default;
};
