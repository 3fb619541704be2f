#!/usr/bin/env bash
# The test command of the README: install libclang if missing, then run the
# unit, integration and bench-smoke tests in the `ci` profile (opt-level 1,
# no LTO, RocksDB at -O1: see Cargo.toml), which keeps a fresh machine's run
# under 30 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cargo test --profile ci --all-targets 2>&1
