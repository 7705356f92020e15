#!/usr/bin/env bash
# Generates the Prisma client offline.
# The Prisma CLI insists on locating a schema-engine binary before any command, and would
# download one from Prisma's host (unreachable here). `prisma generate` never runs the engine, so
# we point it at a stub. The variable is set for this command only; migrations use the WebAssembly
# engine instead (lib/db/migrate).
set -euo pipefail
cd "$(dirname "$0")/.."
stub="$(pwd)/scripts/schema-engine-stub.sh"
PRISMA_SCHEMA_ENGINE_BINARY="$stub" PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 \
  npx --no-install prisma generate --schema prisma/schema.prisma
