# Shared by the benchmark wrappers (sourced after scripts/lib.sh): the build directory that holds
# the benchmark programs. $ATTNMAP_BUILD_DIR (default build) when it is configured, else a
# torch-free Release build-bench/, configured here. Sets BENCH_BUILD_DIR.
bench_configure() {
  BENCH_BUILD_DIR=${ATTNMAP_BUILD_DIR:-build}
  [ -f "$BENCH_BUILD_DIR/build.ninja" ] || BENCH_BUILD_DIR=build-bench
  if [ ! -f "$BENCH_BUILD_DIR/build.ninja" ]; then
    say "configuring $BENCH_BUILD_DIR (Release, torch-free)"
    cmake -S . -B "$BENCH_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DATTNMAP_WITH_TORCH=OFF \
      -DATTNMAP_BUILD_TESTS=OFF -DATTNMAP_BUILD_BENCH=ON -Wno-dev >/dev/null
  elif ! grep -q '^ATTNMAP_BUILD_BENCH:BOOL=ON' "$BENCH_BUILD_DIR/CMakeCache.txt"; then
    cmake "$BENCH_BUILD_DIR" -DATTNMAP_BUILD_BENCH=ON -Wno-dev >/dev/null
  fi
}

# Builds TARGET... in $BENCH_BUILD_DIR ($ATTNMAP_BUILD_JOBS limits the parallel jobs); ninja's
# progress lines are dropped, its errors shown.
bench_build() {
  ninja -C "$BENCH_BUILD_DIR" ${ATTNMAP_BUILD_JOBS:+-j "$ATTNMAP_BUILD_JOBS"} "$@" | { grep -v '^\[' || true; } >&2
  [ "${PIPESTATUS[0]}" -eq 0 ] || die "build failed"
}
