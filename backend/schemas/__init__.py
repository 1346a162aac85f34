"""marshmallow schemas of the web layer, split by purpose (request / response).

The guidance documents themselves (walkthroughs, steps, tips...) are defined in
``walkthroughs``; these describe the API around them.
"""
