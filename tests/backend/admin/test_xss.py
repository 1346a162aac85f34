"""A stored-XSS corpus sent through every text field comes back inert."""

import pytest

from tests.backend.admin.api import PLURAL, url
from tests.backend.admin.inert import plain_problems, rich_problems
from tests.support.factories import bearer
from walkthroughs.sanitize import clean_text

CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.test/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=x onerror=&#97;lert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href='javascript:alert(1)'><text>x</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href='javascript:alert(1)'>x</math>",
    "<a href='javascript:alert(1)'>x</a>",
    "<a href='JaVaScRiPt:alert(1)'>x</a>",
    "<a href='  javascript:alert(1)'>x</a>",
    "<a href='java&#x0A;script:alert(1)'>x</a>",
    "<a href='&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)'>x</a>",
    "<a href='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='>x</a>",
    "<a href='vbscript:msgbox(1)'>x</a>",
    "<a href='https://ok.test' onclick='alert(1)'>x</a>",
    "<iframe src='javascript:alert(1)'></iframe>",
    "<object data='javascript:alert(1)'></object>",
    "<embed src='javascript:alert(1)'>",
    "<form action='javascript:alert(1)'><button>go</button></form>",
    "<base href='javascript:alert(1)//'>",
    "<link rel=stylesheet href='javascript:alert(1)'>",
    "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<p style='background:url(javascript:alert(1))'>x</p>",
    "<div onmouseover='alert(1)'>hover</div>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;img src=x onerror=alert(1)&amp;gt;",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<noscript><p title='</noscript><img src=x onerror=alert(1)>'>",
    "<template><script>alert(1)</script></template>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    "<xmp><script>alert(1)</script></xmp>",
]

TARGET = {"alternatives": [{"by": "testid", "value": "email"}]}


def _texts(payload: str) -> dict:
    """Documents with ``payload`` in every text field; the paths say plain or rich."""
    t = f"Hello {payload} world"
    return {
        "walkthrough": {
            "name": t,
            "description": t,
            "translations": {
                "de": {"name": t, "description": t, "steps": {"s": {"title": t, "body": t}}}
            },
            "steps": [
                {
                    "key": "s",
                    "title": t,
                    "body": t,
                    "target": {
                        "alternatives": [
                            {"by": "text", "value": t},
                            {"by": "label", "value": t},
                            {"by": "role", "role": "button", "name": t},
                        ],
                        "fingerprint": {"text": t},
                    },
                }
            ],
        },
        "tip": {
            "name": t,
            "title": t,
            "body": t,
            "target": TARGET,
            "translations": {"de": {"name": t, "title": t, "body": t}},
        },
        "feature": {"name": t, "description": t, "target": TARGET},
    }


PLAIN = "plain"
RICH = "rich"
PATHS = {
    "walkthrough": [
        (("name",), PLAIN),
        (("description",), PLAIN),
        (("translations", "de", "name"), PLAIN),
        (("translations", "de", "description"), PLAIN),
        (("translations", "de", "steps", "s", "title"), PLAIN),
        (("translations", "de", "steps", "s", "body"), RICH),
        (("steps", 0, "title"), PLAIN),
        (("steps", 0, "body"), RICH),
        (("steps", 0, "target", "alternatives", 0, "value"), PLAIN),
        (("steps", 0, "target", "alternatives", 1, "value"), PLAIN),
        (("steps", 0, "target", "alternatives", 2, "name"), PLAIN),
        (("steps", 0, "target", "fingerprint", "text"), PLAIN),
    ],
    "tip": [
        (("name",), PLAIN),
        (("title",), PLAIN),
        (("body",), RICH),
        (("translations", "de", "name"), PLAIN),
        (("translations", "de", "title"), PLAIN),
        (("translations", "de", "body"), RICH),
    ],
    "feature": [(("name",), PLAIN), (("description",), PLAIN)],
    "launcher": [
        (("title",), PLAIN),
        (("items", 1, "label"), PLAIN),
        (("translations", "de", "title"), PLAIN),
        (("translations", "de", "labels", "https://help.test"), PLAIN),
    ],
    "checklist": [
        (("name",), PLAIN),
        (("description",), PLAIN),
        (("items", 0, "title"), PLAIN),
        (("translations", "de", "name"), PLAIN),
        (("translations", "de", "description"), PLAIN),
        (("translations", "de", "items", "one", "title"), PLAIN),
    ],
}


def _get(document, path):
    for part in path:
        document = document[part]
    return document


def _check(value: str, kind: str, where: str, sent: str) -> list[str]:
    """Plain text comes back exactly as sent (it is escaped where shown, see the console
    and player tests); rich text comes back as inert HTML."""
    if kind == PLAIN:
        expected = clean_text(sent).strip()
        return [] if value == expected else [f"{where}: {value!r} is not {expected!r}"]
    return [f"{where}: {problem} in {value!r}" for problem in rich_problems(value)]


@pytest.mark.parametrize("payload", CORPUS)
def test_every_text_field_comes_back_inert(client, ws, payload):
    auth = bearer(ws.owner_token)
    t = f"Hello {payload} world"
    app = client.post(
        url(ws.id, "/applications"),
        json={"key": "crm", "name": t, "description": t, "url_patterns": ["https://crm.test/*"]},
        headers=auth,
    )
    assert app.status_code == 201, app.json
    problems = _check(app.json["name"], PLAIN, "application.name", t)
    problems += _check(app.json["description"], PLAIN, "application.description", t)
    docs = _texts(payload)
    docs["launcher"] = {
        "title": t,
        "items": [
            {"type": "walkthrough", "walkthrough": "w"},
            {"type": "link", "label": t, "url": "https://help.test"},
        ],
        "translations": {"de": {"title": t, "labels": {"https://help.test": t}}},
    }
    docs["checklist"] = {
        "name": t,
        "description": t,
        "items": [{"key": "one", "walkthrough": "w", "title": t}],
        "translations": {"de": {"name": t, "description": t, "items": {"one": {"title": t}}}},
    }
    for item_type in ("walkthrough", "tip", "feature", "launcher", "checklist"):
        body = {"key": "w", "application_id": app.json["id"], "draft": docs[item_type]}
        made = client.post(url(ws.id, f"/{PLURAL[item_type]}"), json=body, headers=auth)
        assert made.status_code == 201, (item_type, made.json)
        base = url(ws.id, f"/{PLURAL[item_type]}/{made.json['id']}")
        client.post(f"{base}/publish", json={}, headers=auth)
        stored = client.get(base, headers=auth).json["draft"]
        version = client.get(f"{base}/versions/1", headers=auth).json["document"]
        for path, kind in PATHS[item_type]:
            where = f"{item_type}.{'.'.join(map(str, path))}"
            problems += _check(_get(stored, path), kind, where, t)
            problems += _check(_get(version, path), kind, f"{where} (version)", t)
    exported = client.get(url(ws.id, "/flows/export"), headers=auth)
    assert exported.mimetype == "application/json"
    assert exported.headers.get("X-Content-Type-Options", "nosniff") == "nosniff"
    assert problems == []


@pytest.mark.parametrize("payload", CORPUS)
def test_workspace_people_and_key_names_come_back_inert(client, ws, payload):
    auth = bearer(ws.owner_token)
    t = f"Hello {payload} world"
    values = [
        client.patch(url(ws.id), json={"name": t}, headers=auth).json["name"],
        client.post(url(ws.id, "/client-keys"), json={"name": t}, headers=auth).json["name"],
        client.post(url(ws.id, "/tokens"), json={"name": t}, headers=auth).json["name"],
    ]
    person = client.post(
        url(ws.id, "/people"),
        json={"external_id": "p1", "display_name": t, "attributes": {"department": t}},
        headers=auth,
    ).json
    values += [person["display_name"], person["attributes"]["department"]]
    imported = client.post(
        url(ws.id, "/people/import"),
        data=f'external_id,display_name,team\np2,"{t.replace(chr(34), chr(34) * 2)}",x\n'.encode(),
        content_type="text/csv",
        headers=auth,
    )
    assert imported.status_code == 200, imported.json
    listed = client.get(url(ws.id, "/people"), query_string={"external_id": "p2"}, headers=auth)
    values.append(listed.json["items"][0]["display_name"])
    assert values == [clean_text(t).strip()] * len(values)


def test_the_checker_catches_live_markup():
    """The inert checks would fail on what the corpus sends (they can fail)."""
    assert all(
        plain_problems(payload) for payload in CORPUS if "<" in payload and "&lt;" not in payload
    )
    assert rich_problems("<a href='javascript:alert(1)'>x</a>")
    assert rich_problems("<img src=x>")
    assert rich_problems("<p onclick=x>p</p>")
    assert not rich_problems('<p><a href="https://x.test" rel="noopener noreferrer">x</a></p>')
