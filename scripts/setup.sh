#!/usr/bin/env bash
# Installs whatever attnmap needs that is missing, then builds it. Idempotent and quiet when all
# is there; never prompts. Steps:
#   1. Debian packages (compiler, CMake, Ninja, the C++ libraries, fonts)
#   2. the Python environment .venv from requirements.txt (torch, transformers, the MiniLM model)
#   3. the model bundles that are built rather than committed (scripts/build_models.sh)
#   4. CMake + Ninja configure and build into build/ (Release)
# Environment: ATTNMAP_BUILD_DIR (default build), ATTNMAP_SKIP_MODELS=1 to skip step 3,
# CMAKE_ARGS for extra configure arguments (e.g. -DCMAKE_PREFIX_PATH=/opt/libtorch).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

# clang and libclang-rt-14-dev (the runtimes of -fsanitize=fuzzer,address,undefined for Debian 12's
# clang 14) are for the fuzz targets (scripts/fuzz.sh); chromium opens the batch report page in the
# ctest batch.index_html_fake (tests/integration/check_index_html.py).
APT_PACKAGES=(cmake ninja-build g++ pkg-config python3-venv libsentencepiece-dev libcli11-dev
  nlohmann-json3-dev libpng-dev zlib1g-dev libfreetype-dev libfontconfig-dev fonts-dejavu-core
  fonts-wqy-microhei libgtest-dev libgmock-dev clang libclang-rt-14-dev chromium)

install_debian_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  say "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_env() {
  local stamp=.venv/.attnmap-requirements
  local want
  want=$(sha256sum requirements.txt | cut -d' ' -f1)
  if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then return; fi
  say "installing the Python environment (.venv) from requirements.txt"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  # pip warns about every configured local index that this machine lacks; that is not news.
  .venv/bin/pip install -q --disable-pip-version-check -r requirements.txt 2>&1 |
    { grep -v 'is ignored: it is neither a file nor a directory' || true; } >&2
  [ "${PIPESTATUS[0]}" -eq 0 ] || die "pip install failed"
  echo "$want" >"$stamp"
}

configure_and_build() {
  local dir=${ATTNMAP_BUILD_DIR:-build}
  if [ ! -f "$dir/build.ninja" ]; then
    say "configuring $dir (Release)"
    # shellcheck disable=SC2086
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -Wno-dev ${CMAKE_ARGS:-} >/dev/null
  fi
  say "building $dir"
  ninja -C "$dir" | grep -v '^\[' || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || die "build failed"
}

install_debian_packages
install_python_env
[ "${ATTNMAP_SKIP_MODELS:-0}" = 1 ] || scripts/build_models.sh
configure_and_build
