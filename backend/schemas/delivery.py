"""The delivery answers, for the OpenAPI document (the service builds the JSON itself).

Each kind's entry is documented by its declaration (``Delivery.schema`` in
:mod:`walkthroughs.kinds`); the answer's schema is assembled from them.
"""

import marshmallow as ma

from walkthroughs import kinds
from walkthroughs.kinds import searching
from walkthroughs.kinds.delivered import SearchEntrySchema


class DeliveredApplicationSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    name = ma.fields.String()
    user_id_rule = ma.fields.Dict()


class AnswerHeadSchema(ma.Schema):
    schema_version = ma.fields.Integer(
        metadata={
            "description": "bumped only on incompatible changes; older extensions keep "
            "working within one schema version"
        }
    )
    contract_version = ma.fields.Integer(
        metadata={
            "description": "the content contract version this answer follows: the one the "
            "extension declared in X-Trailguide-Contract (1 when it declared none), at most "
            "the server's; kinds newer than it are left out (CONTENT_CONTRACT.md)"
        }
    )
    content_version = ma.fields.Integer()
    application = ma.fields.Nested(DeliveredApplicationSchema, allow_none=True)
    user = ma.fields.Dict(metadata={"description": "known (in the people directory), locale"})
    identity = ma.fields.Dict(
        metadata={"description": "which identity sources the workspace allows"}
    )
    theme = ma.fields.Dict()


class SearchIndexReferenceSchema(ma.Schema):
    etag = ma.fields.String(
        metadata={"description": "the ETag of GET /api/v1/client/search for this person now"}
    )


class SearchIndexAnswerSchema(ma.Schema):
    contract_version = ma.fields.Integer()
    entries = ma.fields.List(ma.fields.Nested(SearchEntrySchema))
    served_by = ma.fields.String(
        metadata={
            "description": 'contract 6: "server" when the index is too big to ship (entries '
            "is then empty): ask GET /api/v1/client/search?q=... for each query"
        }
    )


def content_answer_schema() -> type[ma.Schema]:
    """The content answer for the kinds registered now: the head, then one field per kind."""
    fields = {}
    for kind in kinds.delivered():
        entry = ma.fields.Nested(kind.delivery.schema, allow_none=kind.delivery.single)
        fields[kind.delivery.section] = entry if kind.delivery.single else ma.fields.List(entry)
    fields[searching.SECTION] = ma.fields.List(
        ma.fields.Nested(SearchEntrySchema),
        metadata={
            "description": "every item of the workspace the person may find (contracts 2 "
            "and 3; from 4 the index has its own answer, see search_index)"
        },
    )
    fields[searching.REFERENCE_SECTION] = ma.fields.Nested(
        SearchIndexReferenceSchema,
        allow_none=True,
        metadata={
            "description": "the search index this person gets now (contract 4): fetch "
            "GET /api/v1/client/search when its ETag is not the one kept"
        },
    )
    return type("ContentAnswerSchema", (AnswerHeadSchema,), fields)


ContentAnswerSchema = content_answer_schema()


class ApplicationPatternsSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    name = ma.fields.String()
    url_patterns = ma.fields.List(ma.fields.String())
    user_id_rule = ma.fields.Dict()


class ApplicationsAnswerSchema(ma.Schema):
    content_version = ma.fields.Integer()
    applications = ma.fields.List(ma.fields.Nested(ApplicationPatternsSchema))
