#!/usr/bin/env bash
# The test command of the README: install libclang if missing, then run the
# unit and integration tests in the release profile (the same build the main
# job uses, so RocksDB compiles once).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cargo test --release --all-targets 2>&1
