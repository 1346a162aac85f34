"""The built-in guidance kinds, in body order of the content answer."""

from __future__ import annotations

from walkthroughs.kinds import articles as ar
from walkthroughs.kinds import delivered as d
from walkthroughs.kinds import processes as pr
from walkthroughs.kinds import rendering as r
from walkthroughs.kinds import selecting as s
from walkthroughs.kinds import surveys as sv
from walkthroughs.kinds.declaration import Delivery, KeyedTexts, Kind, Reference, Scope
from walkthroughs.schemas.article import ArticleSchema
from walkthroughs.schemas.guidance import ChecklistSchema, FeatureSchema, LauncherSchema, TipSchema
from walkthroughs.schemas.process import ProcessSchema
from walkthroughs.schemas.survey import SurveySchema
from walkthroughs.schemas.walkthrough import WalkthroughSchema


def _named_walkthroughs(document: object, only_type: str | None) -> list[Reference]:
    """``items[i].walkthrough`` of every entry (of ``only_type``, when given)."""
    items = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, list):
        return []
    return [
        (("items", i, "walkthrough"), item["walkthrough"])
        for i, item in enumerate(items)
        if isinstance(item, dict)
        and isinstance(item.get("walkthrough"), str)
        and (only_type is None or item.get("type") == only_type)
    ]


def _launcher_references(document: object) -> list[Reference]:
    return _named_walkthroughs(document, "walkthrough")


def _checklist_references(document: object) -> list[Reference]:
    return _named_walkthroughs(document, None)


def _launcher_labels(out: dict, translation: dict) -> None:
    """Link labels are translated by the link's URL."""
    labels = translation.get("labels") or {}
    for entry in out.get("items", []):
        if entry.get("type") == "link" and labels.get(entry["url"]):
            entry["label"] = labels[entry["url"]]


WALKTHROUGH = Kind(
    name="walkthrough",
    plural="walkthroughs",
    label="Walkthrough",
    schema=WalkthroughSchema,
    title="Walkthroughs",
    singular="walkthrough",
    text_fields=("name", "description"),
    keyed_texts=KeyedTexts("steps", "steps", ("title", "body")),
    delivery=Delivery(
        "walkthroughs",
        d.DeliveredWalkthroughSchema,
        s.select_walkthroughs,
        r.render_walkthroughs,
        r.walkthrough_fragment,
    ),
    player_files=("content/features/walkthroughs.js",),
    starter="name: New walkthrough\ndescription: What it teaches\nsteps:\n"
    "  - key: welcome\n    kind: modal\n    title: Welcome\n"
    "    body: <p>What this walkthrough shows.</p>\n",
)
TIP = Kind(
    name="tip",
    plural="tips",
    label="Tip",
    schema=TipSchema,
    title="Smart tips",
    singular="smart tip",
    text_fields=("name", "title", "body"),
    delivery=Delivery("tips", d.DeliveredTipSchema, s.select_tips, r.render_tips, r.tip_fragment),
    player_files=("content/features/tips.js",),
    starter="name: New tip\ntarget:\n  alternatives:\n    - {by: testid, value: my-field}\n"
    "title: A helpful hint\nbody: <p>What to type here.</p>\ntrigger: focus\n",
)
LAUNCHER = Kind(
    name="launcher",
    plural="launchers",
    label="Launcher",
    schema=LauncherSchema,
    title="Launchers",
    singular="launcher",
    text_fields=("title",),
    localize=_launcher_labels,
    references=_launcher_references,
    one_per_application=True,
    delivery=Delivery(
        "launcher",
        d.DeliveredLauncherSchema,
        s.select_launcher,
        r.render_launcher,
        single=True,
    ),
    player_files=("content/features/launcher.js",),
    starter="title: Help\nitems:\n  - {type: link, label: Help center, url: 'https://example.com/help'}\n",
)
CHECKLIST = Kind(
    name="checklist",
    plural="checklists",
    label="Checklist",
    schema=ChecklistSchema,
    title="Checklists",
    singular="checklist",
    text_fields=("name", "description"),
    keyed_texts=KeyedTexts("items", "items", ("title",)),
    references=_checklist_references,
    delivery=Delivery(
        "checklists", d.DeliveredChecklistSchema, s.select_checklists, r.render_checklists
    ),
    player_files=("content/ui/checklist.js",),
    starter="name: Get started\nitems:\n  - {key: first, walkthrough: my-walkthrough}\n",
)
FEATURE = Kind(
    name="feature",
    plural="features",
    label="Feature",
    schema=FeatureSchema,
    title="Feature tags",
    singular="feature tag",
    delivery=Delivery(
        "features",
        d.DeliveredFeatureSchema,
        s.select_features,
        r.render_features,
        r.feature_fragment,
    ),
    player_files=("content/features/feature_tags.js",),
    starter="name: Export\ntarget:\n  alternatives:\n    - {by: testid, value: export}\n",
)

SURVEY = Kind(
    name="survey",
    plural="surveys",
    label="Survey",
    schema=SurveySchema,
    title="Surveys",
    singular="survey",
    text_fields=("name",),
    keyed_texts=KeyedTexts("questions", "questions", ("text", "follow_up")),
    localize=sv.localize_options,
    references=sv.survey_references,
    delivery=Delivery(
        "surveys",
        sv.DeliveredSurveySchema,
        sv.select_surveys,
        sv.render_surveys,
        sv.survey_fragment,
        since=sv.CONTRACT_VERSION,
    ),
    player_files=("content/ui/survey_card.js", "content/features/surveys.js"),
    starter="name: How are we doing?\ntrigger: {type: page}\nquestions:\n"
    "  - key: nps\n    type: nps\n    text: How likely are you to recommend this tool?\n"
    "    follow_up: What is the main reason for your score?\n",
)

ARTICLE = Kind(
    name="article",
    plural="articles",
    label="Article",
    schema=ArticleSchema,
    title="Articles",
    singular="article",
    scope=Scope.APPLICATIONS,
    spans=ar.spanned_applications,
    text_fields=("title", "body"),
    delivery=Delivery(
        ar.SECTION,
        ar.DeliveredArticleSchema,
        ar.select_articles,
        ar.render_articles,
        ar.article_fragment,
        since=ar.CONTRACT_VERSION,
    ),
    player_files=("content/ui/article_view.js", "content/features/launcher.js"),
    starter="title: How we log a call\ntags: [calls]\napplications: []\n"
    "body: <h2>Why</h2><p>So the whole team sees the history.</p>\n",
)

PROCESS = Kind(
    name="process",
    plural="processes",
    label="Process",
    schema=ProcessSchema,
    title="Processes",
    singular="process",
    scope=Scope.APPLICATIONS,
    spans=pr.step_applications,
    links=pr.process_links,
    text_fields=("title", "description"),
    keyed_texts=KeyedTexts("steps", "steps", ("title",)),
    delivery=Delivery(
        pr.SECTION,
        pr.DeliveredProcessSchema,
        pr.select_processes,
        pr.render_processes,
        pr.process_fragment,
        since=pr.CONTRACT_VERSION,
    ),
    player_files=("content/ui/process_view.js", "content/features/launcher.js"),
    starter="title: Onboard a new customer\ndescription: <p>From the first call to the first "
    "invoice.</p>\nsteps:\n  - {key: account, title: Create the account, application: my-app, "
    "walkthrough: my-walkthrough}\n  - {key: welcome, title: Send the welcome note, "
    "application: my-app, article: my-article}\n",
)

BUILT_IN = (WALKTHROUGH, TIP, LAUNCHER, CHECKLIST, FEATURE, SURVEY, ARTICLE, PROCESS)
