#!/usr/bin/env bash
# The Debian package: CPack makes it from the build directory; dpkg installs it into a scratch
# root (its own admin directory, so the machine's package database is untouched); from there
# `attnmap --version`, `attnmap inspect` and a render of a sample bundle work with libtorch from the
# package's private directory, not from the Python environment. Its declared dependencies must be
# installable on this machine (apt-get --simulate), and lintian's verdict, when lintian is
# installed, is printed (errors fail the test).
# Usage: deb_package_test.sh ATTNMAP_BINARY SOURCE_DIR PYTHON
source "$(dirname "$0")/common.sh" "$@"
unset LD_LIBRARY_PATH
passed=0 failed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name" >&2; tail -5 "$work/err" >&2 2>/dev/null; fi
}
die() { echo "FAIL: $*" >&2; tail -20 "$work/err" >&2; exit 1; }
build_dir=$(dirname "$bin")
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (Debian: cmake, dpkg-dev)"; exit 77; }
done
[ -f "$build_dir/CPackConfig.cmake" ] || die "no CPackConfig.cmake in $build_dir (configured without libtorch?)"

start=$SECONDS
cpack --config "$build_dir/CPackConfig.cmake" -B "$work/pkg" >"$work/err" 2>&1 || die "cpack failed"
deb=$(ls "$work"/pkg/attnmap_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || die "cpack wrote no attnmap_*.deb"
echo "package: $(basename "$deb"), $(($(stat -c %s "$deb") / 1048576)) MB, made in $((SECONDS - start)) s"
dpkg-deb --field "$deb" Package Version Architecture Depends Recommends | sed 's/^/  /'
check "it depends on the libraries attnmap links" dpkg-deb --field "$deb" Depends | grep -q "libsentencepiece"
check "and on a font for the labels" dpkg-deb --field "$deb" Depends | grep -q "fonts-dejavu-core"
dpkg-deb --contents "$deb" >"$work/contents"
for path in ./usr/bin/attnmap ./usr/lib/attnmap/libtorch_cpu.so ./usr/include/attnmap/tokenizer.h \
            ./usr/share/attnmap/python/scripts/models/export_model.py ./usr/lib/cmake/attnmap/attnmapConfig.cmake; do
  check "the package holds $path" grep -q " $path\$" "$work/contents"
done
check "no path of the build machine in the package" bash -c "! grep -q -e '$src' -e '/.venv/' '$work/contents'"

if command -v apt-get >/dev/null; then
  apt-get install --simulate -q "$deb" >"$work/err" 2>&1
  check "its dependencies are installable here (apt-get --simulate)" test $? -eq 0
fi

root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
# The scratch root holds nothing else, so its dependencies are the machine's (checked above).
dpkg --root="$root" --log=/dev/null --force-depends --force-script-chrootless -i "$deb" >"$work/err" 2>&1
check "dpkg -i into a scratch root" test $? -eq 0
installed=$root/usr/bin/attnmap
check "the installed binary looks for libtorch beside itself" \
  bash -c "readelf -d '$installed' | grep -E 'RUNPATH|RPATH' | grep -q '\\\$ORIGIN/../lib/attnmap'"
check "and loads it from there" grep -qE "libtorch_cpu.so => $root/usr/(bin/\.\./)?lib/attnmap/" <(ldd "$installed")
"$installed" --version >"$work/out" 2>"$work/err"
check "attnmap --version" grep -q "^attnmap .*(libtorch " "$work/out"
"$installed" inspect --model "$src/models/tiny-bert" >"$work/out" 2>"$work/err"
check "attnmap inspect of a sample bundle" test $? -eq 0
"$installed" render "A fine film." --model "$src/models/tiny-bert" -o "$work/fig.png" >"$work/out" 2>"$work/err"
check "attnmap render of a sample bundle" test "$(head -c 4 "$work/fig.png" 2>/dev/null | od -An -c | tr -d ' ')" = "211PNG"

if command -v lintian >/dev/null; then
  lintian --no-tag-display-limit "$deb" >"$work/lintian" 2>&1
  echo "lintian: $(grep -c '^E:' "$work/lintian") errors, $(grep -c '^W:' "$work/lintian") warnings"
  sed 's/^/  /' "$work/lintian"
  check "lintian reports no errors" bash -c "! grep -q '^E:' '$work/lintian'"
else
  echo "lintian: not installed (Debian: lintian), not run"
fi

echo "deb package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
