#!/usr/bin/env bash
# Installs whatever attnmap needs that is missing, then builds it. Idempotent, never prompts, and
# silent when everything is there; otherwise one line per step that did something, with its time.
#
#   scripts/setup.sh           what the demo needs: the Debian packages to build and run attnmap,
#                              the Python environment, the default model, the `attnmap` target
#   scripts/setup.sh --tests   all of that, and what the tests need too: GoogleTest, clang (fuzz
#                              and sanitizer build), Chromium (pages in a real browser), every
#                              sample model, every target of the build
#
# Steps: Debian packages; the Python environment .venv (requirements.txt, and requirements-test.txt
# for the tests); the model bundles that are built rather than committed
# (scripts/models/build_models.sh); CMake + Ninja into build/ (Release), beside the Python environment.
# Configure and build output goes to build/logs/; its path and its end are shown when a step fails.
# Environment: ATTNMAP_BUILD_DIR (default build), ATTNMAP_SKIP_MODELS=1 skips the models,
# CMAKE_ARGS for extra configure arguments (e.g. -DCMAKE_PREFIX_PATH=/opt/libtorch).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

for_tests=0
case ${1:-} in
  --tests) for_tests=1 ;;
  "") ;;
  *) die "usage: scripts/setup.sh [--tests]" ;;
esac

# Building and running attnmap, and rendering labels in any script (wqy-microhei: CJK glyphs).
DEMO_PACKAGES=(cmake ninja-build g++ pkg-config python3-venv libsentencepiece-dev libcli11-dev
  nlohmann-json3-dev libpng-dev zlib1g-dev libfreetype-dev libfontconfig-dev fonts-dejavu-core
  fonts-wqy-microhei)
# The tests: GoogleTest; clang with the runtimes of -fsanitize=fuzzer,address,undefined (Debian
# 12's clang 14) for the fuzz targets and the sanitized unit tests; Chromium for the HTML pages;
# Slurm and munge for a one-node cluster that runs the Slurm example; dpkg-dev and lintian to
# make and judge the Debian package.
TEST_PACKAGES=(libgtest-dev libgmock-dev clang libclang-rt-14-dev chromium slurm-wlm munge dpkg-dev lintian)
BUILD_DIR=${ATTNMAP_BUILD_DIR:-build}
LOG_DIR=$BUILD_DIR/logs

install_debian_packages() {
  local wanted=("${DEMO_PACKAGES[@]}") missing=()
  [ "$for_tests" = 1 ] && wanted+=("${TEST_PACKAGES[@]}")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  step_begin "Debian packages: ${missing[*]}"
  mkdir -p "$LOG_DIR"
  logged "$LOG_DIR/apt.log" $sudo apt-get update -q
  logged "$LOG_DIR/apt.log" env DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
    --no-install-recommends "${missing[@]}"
  step_end
}

# The pinned sets are complete (transitive dependencies included), so they install with --no-deps;
# --no-compile leaves byte-compiling to the first import, of what is imported. torch comes first,
# with its dependencies (its wheel lies on the disk): the C++ build needs only libtorch from it and
# starts while the rest of the environment installs.
REQUIREMENTS=requirements.txt
[ "$for_tests" = 1 ] && REQUIREMENTS=requirements-test.txt
PIP=(.venv/bin/pip install --disable-pip-version-check --no-compile)
python_env_stamp() { cat requirements.txt "$REQUIREMENTS" | sha256sum | cut -d' ' -f1; }
python_env_ready() {
  [ -x .venv/bin/python ] && [ "$(cat ".venv/.attnmap-$REQUIREMENTS" 2>/dev/null)" = "$(python_env_stamp)" ]
}
install_torch() {
  python_env_ready && return
  .venv/bin/python -c 'import torch' 2>/dev/null && return
  step_begin "Python environment: torch"
  mkdir -p "$LOG_DIR"
  [ -x .venv/bin/python ] || logged "$LOG_DIR/pip.log" python3 -m venv .venv
  logged "$LOG_DIR/pip.log" "${PIP[@]}" -c requirements.txt torch
  step_end
}
install_python_env() {
  python_env_ready && return
  step_begin "Python environment: $REQUIREMENTS"
  mkdir -p "$LOG_DIR"
  logged "$LOG_DIR/pip.log" "${PIP[@]}" --no-deps -r "$REQUIREMENTS"
  python_env_stamp >".venv/.attnmap-$REQUIREMENTS"
  step_end
}

# Options are only ever turned on in an existing build directory, never off: the demo after the
# tests keeps the test targets, and neither reconfigures what the other configured.
# The tests link the sentencepiece of the release the Python reference pins, built from its sdist
# (scripts/build_sentencepiece.sh, cached in $BUILD_DIR/deps): the .model parity tests then compare
# the same code. The demo alone links Debian's libsentencepiece, which is there in seconds.
configure_and_build() {
  local want_tests=OFF spm_args=()
  [ "$for_tests" = 1 ] && want_tests=ON
  mkdir -p "$LOG_DIR"
  if [ "$for_tests" = 1 ]; then
    local spm_prefix
    spm_prefix=$(scripts/build_sentencepiece.sh "$BUILD_DIR/deps") || exit 1
    spm_args=("-DSentencePiece_ROOT=$spm_prefix")
  fi
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    step_begin "configuring $BUILD_DIR (Release)"
    # shellcheck disable=SC2086
    logged "$LOG_DIR/configure.log" cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DATTNMAP_BUILD_TESTS=$want_tests "${spm_args[@]}" -Wno-dev ${CMAKE_ARGS:-}
    step_end
  elif [ ${#spm_args[@]} -gt 0 ] && ! grep -qxF "SentencePiece_ROOT:UNINITIALIZED=${spm_args[0]#-DSentencePiece_ROOT=}" \
      "$BUILD_DIR/CMakeCache.txt"; then
    step_begin "configuring $BUILD_DIR with sentencepiece from its sdist"
    logged "$LOG_DIR/configure.log" cmake "$BUILD_DIR" -DATTNMAP_BUILD_TESTS=$want_tests "${spm_args[@]}" -Wno-dev
    step_end
  elif [ "$want_tests" = ON ] && ! grep -q '^ATTNMAP_BUILD_TESTS:BOOL=ON' "$BUILD_DIR/CMakeCache.txt"; then
    step_begin "configuring $BUILD_DIR with the tests"
    logged "$LOG_DIR/configure.log" cmake "$BUILD_DIR" -DATTNMAP_BUILD_TESTS=ON -Wno-dev
    step_end
  fi
  local targets=()
  [ "$for_tests" = 1 ] || targets=(attnmap)
  built "$BUILD_DIR" "${targets[@]}" && return
  step_begin "building $BUILD_DIR${targets:+ (${targets[*]})}"
  logged "$LOG_DIR/build.log" ninja -C "$BUILD_DIR" "${targets[@]}"
  step_end
}

install_debian_packages
install_torch
# The build runs beside the rest of the Python environment (the one waits on the cores, the other
# on the network and the disk), not beside training: libtorch's OpenMP threads spin while the
# compiler holds a core, and the two together took longer than one after the other (sentiment-bert
# trained in 4 min 57 s beside the build, 2 min 13 s alone).
configure_and_build &
build_pid=$!
install_python_env
wait "$build_pid" || exit 1
if [ "${ATTNMAP_SKIP_MODELS:-0}" != 1 ]; then
  if [ "$for_tests" = 1 ]; then
    scripts/models/build_models.sh
  else
    scripts/models/build_models.sh sentiment-bert
  fi
fi
