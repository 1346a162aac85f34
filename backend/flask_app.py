"""The Flask class of the app: Flask's own, but for one check it would make per request."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

# Enough for every view and hook of the app; functions made per request are not kept.
MAX_KNOWN_SYNC = 1024


class TrailguideFlask(Flask):
    """Flask, knowing which functions are plain ``def`` once rather than asking each time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._known_sync: set = set()

    def ensure_sync(self, func: Callable) -> Callable:
        """As Flask's (a plain function as it is, a coroutine function wrapped to run).

        Flask asks for every view, hook and handler of every request, and each
        answer inspects the function: about twenty a request. Plain functions
        found once are remembered; coroutine functions are always Flask's to wrap.
        """
        try:
            if func in self._known_sync:
                return func
        except TypeError:  # unhashable: asked each time
            return super().ensure_sync(func)
        sync = super().ensure_sync(func)
        if sync is func and len(self._known_sync) < MAX_KNOWN_SYNC:
            self._known_sync.add(func)
        return sync
