"""The console's visual editors: forms generated from each kind's document schema.

``fields`` turns a registered kind's marshmallow schema into a tree of form
fields (so a kind added later gets its editor from its declaration), ``targets``
describes an element's ways of being found for people, and ``submit`` loads what
a form sends with the same schema the API and flow files use.
"""
