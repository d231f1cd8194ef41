#!/usr/bin/env bash
# Installs the Debian bookworm packages Ordo needs to build, test and benchmark.
# Called by `make` when a required tool or header is missing; safe to run again.
#   scripts/install-deps.sh        what `make`, `make test` and the benchmarks need
#   scripts/install-deps.sh fuzz   Debian's clang and its libFuzzer runtime, for `make fuzz`
set -euo pipefail

if [[ ${1:-} == fuzz ]]; then
  # clang (14 on bookworm) links -fsanitize=fuzzer from its own runtime package,
  # libclang-rt-14-dev; libfuzzer-15-dev would serve clang-15 only.
  packages=(clang libclang-rt-14-dev)
else
  packages=(
    build-essential cmake pkg-config git
    libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
    libsqlite3-dev sqlite3 libsodium-dev libzstd-dev libspdlog-dev libfmt-dev libcli11-dev libjemalloc-dev
    libgtest-dev libgmock-dev
    libcairo2-dev libpango1.0-dev libzint-dev fonts-wqy-microhei fonts-noto-cjk poppler-utils
    libxlsxwriter-dev python3-openpyxl python3-jsonschema
    python3 wrk curl time
  )
  # The staff console is built with Node.js and npm and tested in Debian's chromium. A machine with
  # its own Node.js (a newer one, with npm) keeps it: Debian's nodejs is added only where none is.
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
  fi
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages: ${missing[*]} (run as root, or install them)" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
