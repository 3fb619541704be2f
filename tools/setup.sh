#!/usr/bin/env bash
# Install what building Dossier needs on a fresh Debian machine: libclang for
# the RocksDB bindings of Oxigraph (the C++ toolchain and cargo are assumed).
#
# `setup.sh --test` also installs clang (Debian's package, which provides
# `clang++`), the C++ compiler of the test profile's RocksDB build (see
# tools/test.sh). Without root or apt the
# install is skipped with a warning, and the build falls back to g++.
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
packages=()
# Look for libclang itself (what bindgen loads), not libclang-cpp, which some
# images carry on its own.
if ! ls /usr/lib/llvm-*/lib/libclang.so* /usr/lib/llvm-*/lib/libclang-[0-9]*.so* >/dev/null 2>&1 \
   && ! ldconfig -p 2>/dev/null | grep -qE 'libclang(-[0-9.]+)?\.so'; then
  packages+=(libclang-dev)
fi
if [ "${1:-}" = "--test" ] && ! command -v clang++ >/dev/null 2>&1; then
  packages+=(clang)
fi
if [ ${#packages[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null; then
    # libclang is required; clang is only faster.
    [[ " ${packages[*]} " == *" libclang-dev "* ]] && { echo "setup: could not install libclang-dev" >&2; exit 1; }
    echo "setup: could not install clang; RocksDB will be built with the default C++ compiler" >&2
  fi
fi
