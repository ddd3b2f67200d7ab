#!/usr/bin/env bash
# Publishes the release operators run (docs/operations.md): the web host and the `portal` command, each in a folder of
# its own, precompiled (ReadyToRun) for this machine's platform, framework-dependent (the target machine needs the
# ASP.NET Core 10 runtime). The slow test stage runs exactly this output.
# Usage: scripts/publish-release.sh [OUT]      (default artifacts/release) → OUT/web/Portal.Web.dll, OUT/cli/portal.dll
#        PORTAL_RID=linux-arm64 scripts/publish-release.sh   (another platform)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/release}
rid=${PORTAL_RID:-$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')}
[[ -n "$rid" ]] || { echo "publish-release.sh: could not read the runtime identifier from dotnet --info; set PORTAL_RID" >&2; exit 1; }
# A folder left from an earlier release could hold files this one no longer has.
rm -rf "$out/web" "$out/cli"
dotnet publish src/Portal.Web -c Release -r "$rid" --self-contained false -o "$out/web"
dotnet publish src/Portal.Cli -c Release -r "$rid" --self-contained false -o "$out/cli"
