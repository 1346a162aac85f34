"""Does guidance survive the guided application's releases?

Five screens built from real component libraries (bench/resilience: React +
MUI, Vue + Element Plus, Shoelace, Bootstrap, Material Web), each with 17-19
targets authored by the picker's own description code among look-alikes
(repeated rows, buttons sharing their text, similar fields). The seeded release
simulator then makes releases of every screen — one mutation family at a time
(class renames incl. hashed names, wrappers, sibling reorders, copy edits, id
removal, a move into a shadow root, a layout change), combined releases (three
families at once), and releases that remove targets, whose right answer is
"not found" — and the finder resolves every saved target with healing off (the
baseline) and on, in the same run on the same mutated page.

Prints, per family and overall, the share on the right element, the count on a
wrong element and the count not found, then writes every failure to
RESILIENCE_STATUS.txt at the repository root (git-ignored) for whoever works on
the finder.

    python -m bench.resilience [--screens mui,element,...] [--seed N] [--families text,swapped,...]

Another seed makes other releases with the same fixed parameters: a check that
the finder's figures do not depend on the one the README reports.

Ends with one JSON line: right_pct, combined_right_pct, wrong, not_found (healing
on), the same with a baseline_ prefix, and per-family right shares.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import sync_playwright

from e2e.support.resilience import MODES, SCREENS, SEED, Outcome, corpus

STATUS = Path(__file__).resolve().parents[1] / "RESILIENCE_STATUS.txt"
FAMILY_ORDER = ("unchanged", "classes", "wrappers", "reorder", "text", "ids", "shadow", "layout",
                "combined", "removed", "swapped", "replaced")  # fmt: skip
# Every release of one family at a time (the unchanged control and combined releases apart).
SINGLE = (*FAMILY_ORDER[1:8], "removed")


def tally(outcomes: list[Outcome], mode: str) -> dict:
    counts = {"right": 0, "wrong": 0, "not_found": 0, "lost": 0}
    for outcome in outcomes:
        if outcome.lost:
            counts["lost"] += 1  # the app replaced the element itself: no right answer to check
            continue
        counts[outcome.modes[mode]["outcome"]] += 1
    scored = counts["right"] + counts["wrong"] + counts["not_found"]
    counts["total"] = scored
    counts["right_pct"] = round(100 * counts["right"] / scored, 1) if scored else 0.0
    return counts


def by_family(outcomes: list[Outcome]) -> dict[str, list[Outcome]]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[outcome.family].append(outcome)
    return {family: groups[family] for family in FAMILY_ORDER if family in groups}


def table(outcomes: list[Outcome]) -> list[str]:
    lines = [
        f"{'family':<10} {'n':>4}  "
        + "  ".join(f"{m + ' right':>14} {'wrong':>5} {'none':>5}" for m in MODES)
    ]
    rows = [*by_family(outcomes).items(), ("single", [o for o in outcomes if o.family in SINGLE]),
            ("all", outcomes)]  # fmt: skip
    for family, group in rows:
        cells = []
        for mode in MODES:
            t = tally(group, mode)
            cells.append(f"{t['right_pct']:>13.1f}% {t['wrong']:>5} {t['not_found']:>5}")
        lines.append(f"{family:<10} {tally(group, 'healing')['total']:>4}  " + "  ".join(cells))
    return lines


def _lines(outcomes: list[Outcome], mode: str) -> list[str]:
    """One line per outcome that is not right in ``mode`` ("" for the others)."""
    lines = []
    for o in outcomes:
        result = o.modes[mode]
        if o.lost or result["outcome"] == "right":
            lines.append("")
            continue
        releases = "+".join(o.families) or o.family
        lines.append(
            f"{result['outcome']:<9} {o.family:<9} {o.screen:<9} {o.name:<20} "
            f"release={releases}  found={result['found']}  {result.get('why', '')}"
        )
    return lines


def failures(outcomes: list[Outcome], mode: str) -> list[str]:
    lines = [line for line in _lines(outcomes, mode) if line]
    return sorted(lines, key=lambda line: (not line.startswith("wrong"), line))


def regressions(outcomes: list[Outcome]) -> list[str]:
    right_without = {
        (o.screen, o.family, o.families, o.name)
        for o in outcomes
        if o.modes["baseline"]["outcome"] == "right"
    }
    return [
        line
        for o, line in zip(outcomes, _lines(outcomes, "healing"), strict=True)
        if line and (o.screen, o.family, o.families, o.name) in right_without
    ]


def write_status(outcomes: list[Outcome], summary: list[str], seconds: float, seed: int) -> None:
    screens = ", ".join(sorted({o.screen for o in outcomes}))
    body = [
        f"Resilience run {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())} "
        f"(seed {seed}, {seconds:.0f} s, screens {screens}).",
        "Targets (healing on): each single family >= 95% right, combined >= 80%, 0 wrong.",
        "",
        *summary,
        "",
        "Failures with healing on (wrong first). `ways by:N`: visible candidates each saved way",
        "finds now (+ when the true element is among them); fingerprint=score/runner-up if healed.",
        *(failures(outcomes, "healing") or ["none"]),
        "",
        "Right with healing off but not with healing on:",
        *(regressions(outcomes) or ["none"]),
        "",
        f"Lost (the app replaced the element after the release): {sum(o.lost for o in outcomes)}",
    ]
    STATUS.write_text("\n".join(body) + "\n")


def figures(outcomes: list[Outcome], mode: str, prefix: str = "") -> dict:
    single = [o for o in outcomes if o.family in SINGLE]
    overall = tally(single, mode)
    combined = tally([o for o in outcomes if o.family == "combined"], mode)
    everything = tally(outcomes, mode)
    return {
        f"{prefix}right_pct": overall["right_pct"],
        f"{prefix}combined_right_pct": combined["right_pct"],
        f"{prefix}wrong": everything["wrong"],
        f"{prefix}not_found": everything["not_found"],
        f"{prefix}family_right_pct": {
            f: tally(g, mode)["right_pct"] for f, g in by_family(outcomes).items()
        },
    }


def run(screens: list[str], seed: int = SEED, families: set[str] | None = None) -> list[Outcome]:
    outcomes: list[Outcome] = []
    with sync_playwright() as playwright, corpus(playwright) as screens_corpus:
        for screen in screens:
            found = screens_corpus.run(screen, seed, families)
            census = screens_corpus.censuses[screen]
            targets = len({o.name for o in found})
            print(
                f"{screen}: {census['interactive']} interactive elements, {targets} targets, "
                f"{len(census['lookalikes'])} with look-alikes"
            )
            outcomes.extend(found)
    return outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--screens",
        default=",".join(SCREENS),
        help="comma-separated subset of " + ",".join(SCREENS),
    )
    parser.add_argument("--seed", type=int, default=SEED, help=f"the releases' seed ({SEED})")
    parser.add_argument(
        "--families",
        default="",
        help="comma-separated subset of " + ",".join(FAMILY_ORDER) + " (default: all)",
    )
    args = parser.parse_args()
    families = {f for f in args.families.split(",") if f} or None
    if families and families - set(FAMILY_ORDER):
        parser.error(f"unknown families: {', '.join(sorted(families - set(FAMILY_ORDER)))}")
    screens = [s for s in args.screens.split(",") if s]
    unknown = set(screens) - set(SCREENS)
    if unknown:
        parser.error(f"unknown screens: {', '.join(sorted(unknown))}")
    start = time.monotonic()
    outcomes = run(screens, args.seed, families)
    seconds = time.monotonic() - start
    summary = table(outcomes)
    write_status(outcomes, summary, seconds, args.seed)
    targets = len({(o.screen, o.name) for o in outcomes})
    print(f"{len(screens)} screens, {targets} targets, seed {args.seed}, {seconds:.0f} s")
    print("\n".join(summary))
    print(
        f"failures with healing on: {len(failures(outcomes, 'healing'))} (details in {STATUS.name})"
    )
    result = {**figures(outcomes, "healing"), **figures(outcomes, "baseline", "baseline_")}
    result["seed"] = args.seed
    result["screens"] = len(screens)
    result["targets"] = targets
    result["lost"] = sum(o.lost for o in outcomes)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
