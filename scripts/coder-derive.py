#!/usr/bin/env python3
"""Rebuilds dyad-coder's derived CAMEO knowledge files from the public data sets in ../shared/data.

    python3 scripts/coder-derive.py ../shared/data crates/coder/data

writes
  goldstein.tsv     the Goldstein (1992) conflict-cooperation weight of each CAMEO code, as
                    GDELT publishes it (events/gdelt/CAMEO.goldsteinscale.txt);
  cameo-plover.tsv  the PLOVER event type, mode and contexts of each CAMEO code, from the
                    OEDA CAMEO-to-PLOVER table of 2021 (events/cameo/CAMEO2PLOVER-2021.txt),
                    checked against the PLOVER 2.0 manual's list of types and modes
                    (events/plover/PLOVER_manual_v2.0draft_event_types_modes_extract.txt):
                    a mode the manual does not list for the type (or lists only as commented
                    out) is dropped, and the file's comments name each one dropped.
Both sources are under the MIT licence (Open Event Data Alliance) or are published facts
(GDELT); the PLOVER manual is CC BY-SA 4.0.
Only the Python standard library is used; the output is deterministic.
"""

import re
import sys
from pathlib import Path


def manual_modes(path):
    """The manual's types and, for each, the modes it lists (commented-out ones left out)."""
    modes, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"=== (\w+) \|", line)
        if heading:
            current = heading.group(1)
            modes[current] = set()
            continue
        mode = re.match(r"\s+- ([\w-]+): ", line)
        if current and mode:
            modes[current].add(mode.group(1))
    return modes


def main(data, out):
    data, out = Path(data), Path(out)
    goldstein_src = data / "events/gdelt/CAMEO.goldsteinscale.txt"
    rows = []
    for line in goldstein_src.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            code, weight = line.split("\t")
            rows.append((code.strip(), float(weight)))
    with open(out / "goldstein.tsv", "w", encoding="utf-8") as f:
        f.write(
            "# The Goldstein (1992) conflict-cooperation weight of each CAMEO event code, from -10\n"
            "# (most conflictual) to +10 (most cooperative), as GDELT publishes it\n"
            "# (CAMEO.goldsteinscale.txt, GDELT 2.0 documentation; published facts).\n"
            "# A code not listed takes the weight of its three-digit parent (1213 -> 121).\n"
            "# Derived by `python3 scripts/coder-derive.py ../shared/data crates/coder/data`; edit\n"
            "# by hand only to correct a weight. Columns: CAMEO code, tab, weight.\n"
        )
        for code, weight in rows:
            f.write(f"{code}\t{weight:.1f}\n")

    manual = manual_modes(data / "events/plover/PLOVER_manual_v2.0draft_event_types_modes_extract.txt")
    with open(out / "plover-modes.tsv", "w", encoding="utf-8") as f:
        f.write(
            "# The PLOVER event types and the modes of each, from the PLOVER 2.0 draft manual\n"
            "# (Open Event Data Alliance, CC BY-SA 4.0; modes the manual comments out are left out).\n"
            "# Derived by `python3 scripts/coder-derive.py ../shared/data crates/coder/data`.\n"
            "# Columns, tab-separated: type, its modes (`;`-separated, may be empty).\n"
        )
        for kind, modes in manual.items():
            f.write(f"{kind}\t{';'.join(sorted(modes))}\n")
    crosswalk_src = data / "events/cameo/CAMEO2PLOVER-2021.txt"
    seen, lines, dropped = set(), [], []
    for raw in crosswalk_src.read_text(encoding="utf-8").splitlines():
        body = raw.split("#")[0].strip()
        match = re.match(r"^(\d{2,4}):\s*(.*)$", body)
        if not match:
            continue
        code, fields = match.group(1), [x.strip() for x in match.group(2).split(",")]
        if code in seen:
            # `08` heads both CONCEDE and RETREAT, and 175 is listed twice: the first wins.
            dropped.append(f"{code}: listed again as {fields[0]}")
            continue
        seen.add(code)
        kind = fields[0]
        if kind not in manual:
            raise SystemExit(f"{crosswalk_src}: {code}: {kind} is not a PLOVER 2.0 type")
        mode = fields[1] if len(fields) > 1 else ""
        if mode and mode not in manual[kind]:
            dropped.append(f"{code}: mode {mode!r} is not a {kind} mode in the manual")
            mode = ""
        context = ";".join(c.strip() for c in fields[2].split(";") if c.strip()) if len(fields) > 2 else ""
        lines.append(f"{code}\t{kind}\t{mode}\t{context}")
    lines.sort(key=lambda line: line.split("\t")[0])
    with open(out / "cameo-plover.tsv", "w", encoding="utf-8") as f:
        f.write(
            "# CAMEO event code -> PLOVER event type, mode and contexts.\n"
            "# From the Open Event Data Alliance's CAMEO-to-PLOVER table (CAMEO2PLOVER-2021.txt,\n"
            "# Schrodt, 17 September 2021; MIT licence), checked against the PLOVER 2.0 draft\n"
            "# manual's types and modes (CC BY-SA 4.0).\n"
            "# Derived by `python3 scripts/coder-derive.py ../shared/data crates/coder/data`.\n"
            "# A code not listed takes the row of its three-digit parent, then of its root (0213 ->\n"
            "# 021 -> 02); CAMEO 01 (statements) and 02 (appeals) have no row: PLOVER does not code\n"
            "# them, so their events have no PLOVER type.\n"
            "# Columns, tab-separated: CAMEO code, PLOVER type, mode (may be empty), contexts\n"
            "# (`;`-separated, may be empty).\n"
        )
        for note in dropped:
            f.write(f"# left out of the source table: {note}\n")
        for line in lines:
            f.write(line + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
