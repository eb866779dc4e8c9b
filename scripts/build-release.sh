#!/usr/bin/env bash
# The one release build of the shipped `bieu` executable (bootstrap and the
# benchmarks call it). Prints the path of the executable on its last line.
#
#   ./scripts/build-release.sh [more swift build arguments]
#
# What it adds to a plain `swift build -c release` — on the command line, not in
# Package.swift, so no target carries unsafe flags and other packages can depend
# on the library by version:
# - `--static-swift-stdlib`: the Swift runtime and Foundation linked in (Linux):
#   10 shared libraries to load at start-up instead of 24, nothing needed from
#   the toolchain at run time.
# - `-disable-concrete-type-metadata-mangled-name-accessors` (every module):
#   type metadata of concrete generic types built by direct calls instead of from
#   mangled names, whose generic requirements the runtime checks by scanning every
#   conformance record of the (static) binary.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --product bieu)
[[ "$(uname -s)" == "Linux" ]] && flags+=(--static-swift-stdlib)
flags+=(-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors)
swift build "${flags[@]}" "$@" >&2
echo "$(swift build "${flags[@]}" "$@" --show-bin-path)/bieu"
