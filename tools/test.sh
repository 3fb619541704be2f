#!/usr/bin/env bash
# The test command of the README: install libclang (and clang) if missing,
# then run the unit, integration and bench-smoke tests in the `ci` profile,
# which keeps a fresh machine's run well under CI's 30 minutes.
#
# RocksDB's C++ is most of a fresh build (about 15 of 18 minutes on 2 cores
# with g++ at -O1). The `ci` profile builds it at opt-level 0 (Cargo.toml),
# and here with clang, whose front end is faster than g++'s: on RocksDB's
# largest files clang -O0 takes about half the CPU time of g++ -O1. The
# release build (`cargo build --release`) keeps the default compiler and -O3.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --test
if [ -z "${CXX:-}" ] && command -v clang++ >/dev/null 2>&1; then
  export CXX=clang++
fi
cargo test --profile ci --all-targets 2>&1
