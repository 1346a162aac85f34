"""URL rules that share their compiled URL builders between the suite's apps.

Werkzeug compiles two Python functions (through ``ast`` and ``compile``) for
every rule of every app: most of what building an app costs, and the suite
builds an app per test from the same rules. A builder is a plain function of
the rule's text, its parsed trace and ``append_unknown`` (the rule is bound to
it afterwards), so a rule with the same three reuses the function made for the
first. Rules with defaults (which fold converted values into the code) compile
as usual. Production builds one app per worker and keeps Werkzeug's own rule.
"""

from __future__ import annotations

from werkzeug.routing import Rule

_BUILDERS: dict[tuple, object] = {}


class ReusedBuilderRule(Rule):
    def _compile_builder(self, append_unknown: bool = True, *args, **kwargs):
        if self.defaults or args or kwargs:
            return super()._compile_builder(append_unknown, *args, **kwargs)
        key = (append_unknown, self.rule, tuple(self._trace))
        builder = _BUILDERS.get(key)
        if builder is None:
            builder = _BUILDERS[key] = super()._compile_builder(append_unknown)
        return builder
