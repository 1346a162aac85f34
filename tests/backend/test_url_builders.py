"""The suite's apps share compiled URL builders (tests/support/routing.py): every URL
they build must be the one Werkzeug's own rules build."""

from werkzeug.routing import Map, Rule

from tests.support.routing import ReusedBuilderRule


def _values(rule) -> dict:
    # Every converter of the app turns 7 into a path part; "extra" lands in the query string.
    return {**{name: 7 for name in rule.arguments}, "extra": "a b"}


def test_the_apps_rules_reuse_builders(app):
    assert {type(rule) for rule in app.url_map.iter_rules()} == {ReusedBuilderRule}


def test_every_rule_builds_what_werkzeug_builds(app):
    plain = Map(converters=app.url_map.converters)
    for rule in app.url_map.iter_rules():
        plain.add(Rule(rule.rule, endpoint=rule.endpoint, defaults=rule.defaults))
    for rule, werkzeugs in zip(app.url_map.iter_rules(), plain.iter_rules(), strict=True):
        for unknown in (True, False):
            expected = werkzeugs.build(_values(rule), append_unknown=unknown)
            assert rule.build(_values(rule), append_unknown=unknown) == expected, rule.rule
