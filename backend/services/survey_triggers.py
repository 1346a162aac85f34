"""What delivery reads of a person for surveys, in the same one query as their other progress.

Survey answers and dismissals, uses of each tagged feature and the day of the
first activity are folded into the authoring database as events arrive
(:mod:`backend.services.progress`); answering a content request never asks
ClickHouse. Each select here is one more branch of delivery's UNION, in its
columns: (tag, json, int, int, int, int, str, int).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Integer, String, and_, bindparam, func, literal, select

from backend.models import FeatureUse, PersonActivity, SurveyProgress
from walkthroughs.kinds.surveys import SurveyProgress as Seen

_S, _F, _A = SurveyProgress.__table__.c, FeatureUse.__table__.c, PersonActivity.__table__.c
_NULL_INT, _NULL_STR = literal(None, Integer), literal(None, String)
# "Ask me later" keeps a survey away this long.
LATER = timedelta(days=1)


def branches(null_json) -> list:
    """The selects to add to the person's read (parameters ``ws``, ``key``, ``later_since``)."""
    mine = (bindparam("ws"), bindparam("key"))
    return [
        select(
            literal("s"),
            null_json,
            _S.survey_id,
            _S.answered_at.is_not(None).cast(Integer),
            and_(_S.dismissal == "later", _S.dismissed_at > bindparam("later_since")).cast(Integer),
            (_S.dismissal == "never").cast(Integer),
            _NULL_STR,
            _NULL_INT,
        ).where(_S.workspace_id == mine[0], _S.user_key == mine[1]),
        select(
            literal("f"),
            null_json,
            _F.feature_id,
            func.count(),
            _NULL_INT,
            _NULL_INT,
            _NULL_STR,
            _NULL_INT,
        )
        .where(_F.workspace_id == mine[0], _F.user_key == mine[1])
        .group_by(_F.feature_id),
        select(
            literal("a"),
            null_json,
            _A.first_day,
            _NULL_INT,
            _NULL_INT,
            _NULL_INT,
            _NULL_STR,
            _NULL_INT,
        ).where(_A.workspace_id == mine[0], _A.user_key == mine[1]),
    ]


def parameters(now: datetime) -> dict:
    return {"later_since": now - LATER}


class Collected:
    """The survey part of a person, gathered from their read's rows."""

    def __init__(self) -> None:
        self.surveys: dict[int, Seen] = {}
        self.feature_uses: dict[int, int] = {}
        self.first_day: int | None = None

    def add(self, tag: str, item_id: int, a, b, c) -> None:
        if tag == "s":
            self.surveys[item_id] = Seen(bool(a), bool(b), bool(c))
        elif tag == "f":
            self.feature_uses[item_id] = int(a)
        else:
            self.first_day = item_id

    def fields(self) -> dict:
        """The PersonView fields (surveys, feature_uses, first_day)."""
        return {
            "surveys": self.surveys,
            "feature_uses": self.feature_uses,
            "first_day": self.first_day,
        }
