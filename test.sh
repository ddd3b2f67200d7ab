#!/usr/bin/env bash
# Runs every test of the solution on both databases (SQLite and a private PostgreSQL) plus the browser journeys.
# Installs what is missing (PostgreSQL server, Chromium, npm packages): with apt-get when run as root, otherwise it
# prints the command to run and stops. With CI=true a missing prerequisite is a failure, never a silent skip.
#   ./test.sh                 the whole suite
#   ./test.sh -- ARGS         extra arguments for `dotnet test` (for example: -- --filter-class '*HostingTests')
#   PORTAL_SCREENSHOTS=1 ./test.sh -- --filter-class '*MainPagesJourney'   rewrites docs/screenshots/
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

log() { printf '\033[1m== %s\033[0m\n' "$*"; }
fail() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }

need_packages=()
have_pg_server() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }
have_pg_server || need_packages+=(postgresql)
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
command -v node >/dev/null 2>&1 || need_packages+=(nodejs npm)
command -v python3 >/dev/null 2>&1 || need_packages+=(python3)
# The invoice PDF tests read the generated PDFs back with pdftotext.
command -v pdftotext >/dev/null 2>&1 || need_packages+=(poppler-utils)
# README screenshots (PORTAL_SCREENSHOTS=1) need a Japanese font in Chromium, as every customer's system has.
if [ "${PORTAL_SCREENSHOTS:-}" = 1 ] && ! fc-list :lang=ja 2>/dev/null | grep -q .; then need_packages+=(fonts-noto-cjk); fi

if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "Installing ${need_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
  else
    fail "missing: ${need_packages[*]}. Install them first, for example: sudo apt-get install -y ${need_packages[*]}"
  fi
fi
have_pg_server || fail "PostgreSQL server binaries are still missing after installation."
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is still missing after installation."
command -v dotnet >/dev/null 2>&1 || fail "the .NET 10 SDK (dotnet) is not on PATH."

# npm packages: the web project's front-end assets (the build also restores them) and test helpers such as s3rver.
while IFS= read -r lock; do
  dir=$(dirname "$lock")
  if [ ! -d "$dir/node_modules" ] || [ "$lock" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "npm ci in ${dir#./}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done < <(find . -name package-lock.json -not -path '*/node_modules/*' -not -path '*/bin/*' -not -path '*/obj/*')

# A private PostgreSQL for this run, outside /root so that the postgres user can reach it.
run_dir=$(mktemp -d /tmp/portal-test.XXXXXX)
chmod 755 "$run_dir"
cleanup() {
  "$root/scripts/postgres.sh" stop "$run_dir/pg" || true
  rm -rf "$run_dir"
}
trap cleanup EXIT
log "Starting a private PostgreSQL"
PORTAL_TEST_POSTGRES=$("$root/scripts/postgres.sh" start "$run_dir/pg")
export PORTAL_TEST_POSTGRES
export PORTAL_TEST_CHROMIUM=/usr/bin/chromium

extra=()
if [ "${1:-}" = "--" ]; then
  shift
  extra=("$@")
fi

log "dotnet test"
set +e
dotnet test --solution Portal.slnx "${extra[@]}" 2>&1 | tee "$run_dir/test.log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line for tools that read it: the totals of the run's final summary.
passed=$(grep -E '^\s*succeeded: [0-9]+' "$run_dir/test.log" | tail -1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s*failed: [0-9]+' "$run_dir/test.log" | tail -1 | grep -oE '[0-9]+' || echo 0)
# The names of failed tests again, so that a truncated log still says which ones.
grep -E '^\s*failed [^:]' "$run_dir/test.log" | sed 's/^\s*/  /' | sort -u || true
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
