#!/usr/bin/env bash
# Measured run for the CLI's bulk mode: decodes 1,000,000 logged sense buffers (one hex line
# each) from stdin to JSON Lines with scsi-decode, then times sg_decode_sense on a sample of
# the same buffers, one process per buffer as a log pipeline would have to run it.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$n" > "$tmp/lines.txt" <<'PY'
import random, sys
random.seed(7)
n = int(sys.argv[1])
fixed = [0x70,0,5,0,0,0,0,0x0a,0,0,0,0,0x24,0,0,0xc0,0,4]
desc = [0x72,3,0x11,4,0,0,0,0x0c,0,0x0a,0x80,0,0,0,0,0,0x13,0x78,0xb2,0x9a]
out = sys.stdout
for i in range(n):
    b = list(fixed if i % 2 else desc)
    b[3 if i % 2 == 0 else 12] = random.randrange(256)
    out.write(" ".join(f"{x:02x}" for x in b) + "\n")
PY
cargo build -q --release -p scsi-decode
start=$(date +%s.%N)
./target/release/scsi-decode sense --json < "$tmp/lines.txt" > "$tmp/out.jsonl"
end=$(date +%s.%N)
lines=$(wc -l < "$tmp/out.jsonl")
secs=$(echo "$end - $start" | bc -l)
printf 'scsi-decode: %d lines in %.2f s = %.0f lines/s\n' "$lines" "$secs" "$(echo "$lines / $secs" | bc -l)"
if command -v sg_decode_sense >/dev/null; then
    head -n 1000 "$tmp/lines.txt" > "$tmp/sample.txt"
    start=$(date +%s.%N)
    while read -r line; do
        # shellcheck disable=SC2086
        sg_decode_sense $line > /dev/null
    done < "$tmp/sample.txt"
    end=$(date +%s.%N)
    secs=$(echo "$end - $start" | bc -l)
    printf 'sg_decode_sense: 1000 buffers in %.2f s = %.0f buffers/s (one process each)\n' "$secs" "$(echo "1000 / $secs" | bc -l)"
fi
