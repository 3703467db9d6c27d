#!/usr/bin/env bash
# Run every fuzz target in turn, each for $SECONDS_EACH (default 1800) seconds.
# Needs a nightly toolchain and cargo-fuzz (cargo install cargo-fuzz), and
# corpuscle installed in the current Python for the seed files.
# Crashes land in fuzz/artifacts/<target>/; see fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${SECONDS_EACH:-1800}
targets=${*:-tokenize count counts_load}
python seed.py
mkdir -p corpus/count
cp corpus/tokenize/* corpus/count/
for target in $targets; do
    echo "== $target for ${seconds}s"
    cargo +nightly fuzz run "$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=4096 -print_final_stats=1
done
