"""Console pages, one module per area; importing them adds their routes to the blueprint."""

from backend.console.views import auth, overview  # noqa: F401
