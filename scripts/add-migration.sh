#!/usr/bin/env bash
# Adds a migration with the same name for both providers (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh MigrationName
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
dotnet build src/Portal.Core -v q -nologo >/dev/null
for ctx in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build --project src/Portal.Core --startup-project src/Portal.Core \
    --context "${ctx}PortalDbContext" --output-dir "Migrations/$ctx"
done
