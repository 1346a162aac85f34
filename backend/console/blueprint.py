"""The console's blueprint; view modules add their routes to it when imported."""

from flask import Blueprint

blp = Blueprint(
    "console",
    __name__,
    url_prefix="/console",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)
