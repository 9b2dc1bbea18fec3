#!/bin/sh
# check:package of a public package, run from its folder: pack it once, as `pnpm publish` would (workspace:
# ranges replaced), and lint that tarball with publint (strict) and Are the Types Wrong. Extra arguments run
# after both, in the package folder (the client's size-limit).
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pnpm pack --pack-destination "$dir" > /dev/null
tarball=$(ls "$dir"/*.tgz)
publint run --strict "$tarball"
attw "$tarball"
if [ "$#" -gt 0 ]; then "$@"; fi
