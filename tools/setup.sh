#!/usr/bin/env bash
# Install what building Dossier needs on a fresh Debian machine: libclang for
# the RocksDB bindings of Oxigraph (the C++ toolchain and cargo are assumed).
set -euo pipefail
# Look for libclang itself (what bindgen loads), not libclang-cpp, which some
# images carry on its own.
if ! ls /usr/lib/llvm-*/lib/libclang.so* /usr/lib/llvm-*/lib/libclang-[0-9]*.so* >/dev/null 2>&1 \
   && ! ldconfig -p 2>/dev/null | grep -qE 'libclang(-[0-9.]+)?\.so'; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libclang-dev >/dev/null
fi
