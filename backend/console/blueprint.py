"""The console's blueprint; view modules add their routes to it when imported."""

from backend.commands import CommandBlueprint

# Every page is one command: it owns the transaction its services work in.
blp = CommandBlueprint(
    "console",
    __name__,
    url_prefix="/console",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)
