#!/usr/bin/env bash
# Stand-in for Prisma's schema-engine binary; see scripts/prisma-generate.sh.
echo "schema-engine stub: migrations run through the WebAssembly engine (npm run cw -- migrate)" >&2
exit 1
