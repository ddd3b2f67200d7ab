#!/usr/bin/env bash
# Before the first release only: replaces every migration with one "Initial" per provider.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf src/Portal.Core/Migrations
exec scripts/add-migration.sh Initial
