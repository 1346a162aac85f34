// The player's content scripts in load order. Registered scripts cannot be
// modules, so each file is a classic script adding to globalThis.Trailguide;
// main.js comes last and starts what the others declared.
export const PLAYER_FILES = Object.freeze([
  "vendor/purify.min.js",
  "vendor/floating-ui.core.umd.min.js",
  "vendor/floating-ui.dom.umd.min.js",
  "vendor/minisearch.umd.js",
  "shared/messages.js",
  "shared/urls.js",
  "content/core.js",
  "content/finder/aria.js",
  "content/finder/scope.js",
  "content/finder/query.js",
  "content/finder/likeness.js",
  "content/finder/context.js",
  "content/finder/rename.js",
  "content/finder/fingerprint.js",
  "content/finder/heal.js",
  "content/finder/resolve.js",
  "content/watch.js",
  "content/route.js",
  "content/identity.js",
  "content/ui/styles.js",
  "content/ui/layer.js",
  "content/ui/host.js",
  "content/ui/position.js",
  "content/ui/focus.js",
  "content/ui/card.js",
  "content/ui/highlight.js",
  "content/ui/checklist.js",
  "content/search/rank.js",
  "content/search/server.js",
  "content/search/panel.js",
  "content/search/go.js",
  "content/ui/article_view.js",
  "content/ui/process_view.js",
  "content/ui/survey_card.js",
  "content/step.js",
  "content/flow.js",
  "content/features/page_views.js",
  "content/features/walkthroughs.js",
  "content/features/tips.js",
  "content/features/feedback.js",
  "content/features/launcher.js",
  "content/features/feature_tags.js",
  "content/features/surveys.js",
  "content/main.js",
]);

// Editor mode, injected on demand into the top frame of a tab being edited
// (also where the player is not registered): the player's finder and renderer
// (EDITOR_LIBRARY, skipped where the player already runs: re-running a vendor
// file would replace its configured instance), then the editor itself.
export const EDITOR_LIBRARY = Object.freeze(PLAYER_FILES.filter((file) =>
  !file.startsWith("content/features/") &&
  !file.startsWith("content/search/") && file !== "vendor/minisearch.umd.js" &&
  !["content/main.js", "content/identity.js", "content/ui/checklist.js", "content/ui/survey_card.js",
    "content/ui/article_view.js", "content/ui/process_view.js"].includes(file)));

export const EDITOR_OWN_FILES = Object.freeze([
  "shared/authoring.js",
  "content/editor/styles.js",
  "content/editor/host.js",
  "content/editor/deep.js",
  "content/editor/selectors.js",
  "content/editor/describe.js",
  "content/editor/report.js",
  "content/editor/picker.js",
  "content/editor/fields.js",
  "vendor/tiptap.min.js",
  "content/editor/richtext.js",
  "content/editor/model.js",
  "content/editor/live.js",
  "content/editor/preview.js",
  "content/editor/target_field.js",
  "content/editor/step_form.js",
  "content/editor/steps.js",
  "content/editor/item_forms.js",
  "content/editor/panel.js",
  "content/editor/main.js",
]);
