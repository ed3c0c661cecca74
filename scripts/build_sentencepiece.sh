#!/usr/bin/env bash
# Builds the sentencepiece C++ library from the PyPI source distribution of the release the Python
# reference pins (requirements-test.txt), so that attnmap's .model tokenizers and the reference run
# the same code. Prints the install prefix; does nothing but print it when that prefix is complete.
#
#   scripts/build_sentencepiece.sh PREFIX_PARENT    -> PREFIX_PARENT/sentencepiece-VERSION
#
# The prefix holds the headers and one static archive, lib/libsentencepiece.a, with the encoder, the
# abseil libraries it calls and its protobuf-lite merged in: one file to link, whose protobuf the
# link hides from libtorch's (see cmake/FindSentencePiece.cmake). The sdist carries abseil, protobuf-lite
# and the rest; its CMakeLists would still clone abseil from GitHub at configure time, so that step
# is removed and the bundled copy used.
#
# Why 0.2.2 and not a newer release: 0.2.3's sdist no longer carries its dependencies (abseil,
# protobuf, flatbuffers are cloned from GitHub when configuring), and Debian's abseil is too old
# for it (no absl/status/status_macros.h). 0.2.2 is the newest release that builds from PyPI alone.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

[ $# -eq 1 ] || die "usage: scripts/build_sentencepiece.sh PREFIX_PARENT"
version=$(sed -n 's/^sentencepiece==\([0-9.]*\).*/\1/p' requirements-test.txt)
[ -n "$version" ] || die "requirements-test.txt pins no sentencepiece version"
mkdir -p "$1"
prefix=$(cd "$1" && pwd)/sentencepiece-$version
if [ -f "$prefix/.complete" ]; then
  echo "$prefix"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=$1/sentencepiece-$version.log
: >"$log"
step_begin "sentencepiece $version from its PyPI source"
python=python3
[ -x .venv/bin/python ] && python=.venv/bin/python
logged "$log" "$python" -m pip download --disable-pip-version-check --no-deps --no-binary :all: \
  "sentencepiece==$version" -d "$work"
tar -xzf "$work/sentencepiece-$version.tar.gz" -C "$work"
source_dir=$work/sentencepiece-$version/sentencepiece
[ -d "$source_dir/third_party/abseil-cpp/absl" ] || die "the sentencepiece $version sdist carries no abseil"
sed -i '/FetchContent_Populate(abseil-cpp/,/GIT_TAG/d' "$source_dir/CMakeLists.txt"
logged "$log" cmake -S "$source_dir" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DSPM_ENABLE_SHARED=OFF -DSPM_ENABLE_TCMALLOC=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON -Wno-dev
# The encoder and the abseil libraries, not the trainer, the command-line tools or protoc.
mapfile -t absl < <(ninja -C "$work/build" -t targets all | sed -n 's|^\(third_party/abseil-cpp/absl/[^:]*\.a\):.*|\1|p')
logged "$log" nice ninja -C "$work/build" sentencepiece-static "${absl[@]}"

rm -rf "$prefix"
mkdir -p "$prefix/lib" "$prefix/include"
cp "$source_dir/src/sentencepiece_processor.h" "$prefix/include/"
# Its header includes abseil through the sdist's forwarding headers (third_party/absl/...).
copy_headers() {
  (cd "$1" && find . -name '*.h' -o -name '*.inc') | while read -r h; do
    mkdir -p "$2/$(dirname "$h")"
    cp "$1/$h" "$2/$h"
  done
}
copy_headers "$source_dir/third_party/absl" "$prefix/include/third_party/absl"
copy_headers "$source_dir/third_party/abseil-cpp/absl" "$prefix/include/absl"
{
  echo "CREATE $prefix/lib/libsentencepiece.a"
  echo "ADDLIB $work/build/src/libsentencepiece.a"
  for a in "${absl[@]}"; do echo "ADDLIB $work/build/$a"; done
  echo "SAVE"
  echo "END"
} | ar -M
printf '%s\n' "$version" >"$prefix/VERSION"
touch "$prefix/.complete"
step_end
echo "$prefix"
