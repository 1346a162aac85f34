"""The workspace theme as the console edits it: defaults, and WCAG contrast checks.

The defaults are the player's own (extension/content/ui/styles.js), so an unset
value previews as the extension will draw it.
"""

from __future__ import annotations

from backend.schemas.settings import FONTS

DEFAULTS = {
    "accent": "#3451d1",
    "background": "#ffffff",
    "text": "#1d2330",
    "font": FONTS["System"],
    "radius": 10,
}
# The player writes button labels in white on the accent colour.
ON_ACCENT = "#ffffff"
# WCAG 2.x level AA: normal text, and non-text parts (focus rings, progress bars).
AA_TEXT = 4.5
AA_GRAPHICS = 3.0


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """Relative luminance of ``#rrggbb`` as WCAG defines it."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def effective(theme: dict | None) -> dict:
    """The theme with every unset value at the player's default."""
    return {**DEFAULTS, **{k: v for k, v in (theme or {}).items() if v not in (None, "")}}


def contrast_warnings(theme: dict | None) -> list[str]:
    """Each pair of the theme's colours that people would read below WCAG AA."""
    t = effective(theme)
    checks = (
        (t["text"], t["background"], AA_TEXT, "Text on the background"),
        (ON_ACCENT, t["accent"], AA_TEXT, "White button labels on the accent colour"),
        (t["accent"], t["background"], AA_GRAPHICS, "The accent colour on the background"),
    )
    warnings = []
    for fore, back, needed, what in checks:
        ratio = contrast_ratio(fore, back)
        if ratio < needed:
            warnings.append(
                f"{what} has a contrast of {ratio:.2f}:1, below the {needed:g}:1 "
                "that WCAG AA asks for: some people will not be able to read it."
            )
    return warnings
