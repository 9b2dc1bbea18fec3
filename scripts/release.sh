#!/bin/sh
# The release dry run: the full gate `pnpm test` runs (build, lint with the architecture and link checks,
# typecheck, every test, publint/attw/size-limit, the API reports and the contract gate), then publish every public
# package with --dry-run to show exactly what would go to the registry. The real publish needs a registry token and
# runs with provenance in CI; drop --dry-run there. A release cannot skip a check `pnpm test` makes.
set -eu
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
pnpm run test
pnpm publish -r --dry-run --no-git-checks "$@"
