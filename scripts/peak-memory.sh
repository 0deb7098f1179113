#!/usr/bin/env bash
# Peak memory and wall time of `dyad code` on N copies of the sample article, each made distinct
# so none is a duplicate: a directory of N files, and the same as one JSON Lines file.
# Usage: scripts/peak-memory.sh [N] (default 10000). Needs /usr/bin/time (GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
cargo build --release -p dyad --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/articles"
python3 - "$n" "$work" <<'PY'
import json, sys
n, work = int(sys.argv[1]), sys.argv[2]
seed = open("data/samples/hankyoreh-2021-05-07.txt", encoding="utf-8").read()
with open(f"{work}/articles.jsonl", "w", encoding="utf-8") as jl:
    for i in range(n):
        text = f"{seed}\n\nCopy {i}.\n"
        open(f"{work}/articles/{i:06d}.txt", "w", encoding="utf-8").write(text)
        jl.write(json.dumps({"id": str(i), "text": text}) + "\n")
PY
bytes=$(du -sb "$work/articles" | cut -f1)
for input in articles articles.jsonl; do
  for db in "" "--db $work/out.sqlite"; do
    rm -f "$work/out.sqlite"*
    /usr/bin/time -f "%M %e" -o "$work/time" ./target/release/dyad code --progress never $db "$work/$input" > "$work/out.jsonl"
    read -r kb secs < "$work/time"
    lines=$(wc -l < "$work/out.jsonl")
    echo "{\"input\": \"$input\", \"db\": \"${db:+yes}\", \"articles\": $lines, \"seconds\": $secs, \"peak_rss_mb\": $((kb / 1024)), \"mb_per_s\": $(python3 -c "print(round($bytes / 1e6 / max($secs, 1e-9), 1))")}"
  done
done
