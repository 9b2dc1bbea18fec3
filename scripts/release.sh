#!/bin/sh
# The release dry run: build, run every check (lint, types, tests, publint, attw, size), then publish every
# public package with --dry-run to show exactly what would go to the registry. The real publish needs a
# registry token and runs with provenance in CI; drop --dry-run there.
set -eu
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
pnpm exec turbo run build lint typecheck test check:package --output-logs=errors-only
pnpm publish -r --dry-run --no-git-checks "$@"
