#!/usr/bin/env bash
# Runs every test of the solution on both databases (SQLite and a private PostgreSQL) plus the browser journeys.
# Installs what is missing (PostgreSQL server, Chromium, npm packages): with apt-get when run as root, otherwise it
# prints the command to run and stops. With CI=true a missing prerequisite is a failure, never a silent skip.
#   ./test.sh                 the whole suite
#   ./test.sh -- ARGS         extra arguments for `dotnet test` (for example: -- --filter-class '*HostingTests')
#   PORTAL_SCREENSHOTS=1 ./test.sh -- --filter-class '*MainPagesJourney'   rewrites docs/screenshots/
#   ./test.sh --slow [-- ARGS] the same, then the slow stage: tests/Portal.Reliability.Tests (two web nodes and two
#                             workers as real processes, database and SMTP outages, killed workers, backup/restore);
#                             about 4 minutes more. CI runs it (.ci/run).
# After the run, the logs the portals wrote during the Web suite are searched for the run's secrets (passwords, tokens
# of mailed links, MFA secrets, API keys): one found is a failure.
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

slow=false
if [ "${1:-}" = "--slow" ]; then
  slow=true
  shift
fi
extra=()
if [ "${1:-}" = "--" ]; then
  shift
  extra=("$@")
fi

export PORTAL_TEST_LOGS="$run_dir/logs"

log "dotnet test"
set +e
dotnet test --solution Portal.slnx "${extra[@]}" 2>&1 | tee "$run_dir/test.log"
status=${PIPESTATUS[0]}
set -e

# Secrets in logs: the Web suite's portals logged to $PORTAL_TEST_LOGS; its last step listed the secrets it used.
logs=("$PORTAL_TEST_LOGS"/portal-*.log)
if [ -f "$PORTAL_TEST_LOGS/secrets.txt" ] && [ -e "${logs[0]}" ]; then
  log "Searching $(cat "${logs[@]}" | wc -l) log lines for $(wc -l <"$PORTAL_TEST_LOGS/secrets.txt") secrets of the run"
  # Exact secrets, then anything shaped like a test password or an API key (mpk_<prefix>_<secret>).
  if grep -n -F -f "$PORTAL_TEST_LOGS/secrets.txt" "${logs[@]}" >"$run_dir/secret-hits.txt" \
     || grep -n -E '[A-Za-z]+#Passw0rd-[A-Za-z0-9{}]+|mpk_[0-9a-f]{12}_[A-Za-z0-9_-]{20,}' "${logs[@]}" >>"$run_dir/secret-hits.txt"; then
    echo "test.sh: secrets found in the portal logs ($(wc -l <"$run_dir/secret-hits.txt") lines):" >&2
    cut -c1-300 "$run_dir/secret-hits.txt" | head -20 >&2
    status=1
  fi
fi

slow_log="$run_dir/slow.log"
: >"$slow_log"
if [ "$slow" = true ]; then
  log "Slow stage: publishing the release it runs (scripts/publish-release.sh)"
  "$root/scripts/publish-release.sh" "$run_dir/release"
  export PORTAL_RELEASE="$run_dir/release"
  log "Slow stage: tests/Portal.Reliability.Tests"
  rm -f TestResults/reliability-figures.txt
  set +e
  dotnet test --project tests/Portal.Reliability.Tests "${extra[@]}" 2>&1 | tee "$slow_log"
  slow_status=${PIPESTATUS[0]}
  set -e
  [ "$slow_status" = 0 ] || status=$slow_status
  if [ -f TestResults/reliability-figures.txt ]; then
    log "Measured (TestResults/reliability-figures.txt)"
    cat TestResults/reliability-figures.txt
  fi
fi

# One plain closing line for tools that read it: the totals of each stage's final summary.
total() { grep -E "^\s*$1: [0-9]+" "$2" | tail -1 | grep -oE '[0-9]+' || echo 0; }
passed=$(( $(total succeeded "$run_dir/test.log") + $(total succeeded "$slow_log") ))
failed=$(( $(total failed "$run_dir/test.log") + $(total failed "$slow_log") ))
# The names of failed tests again, so that a truncated log still says which ones.
cat "$run_dir/test.log" "$slow_log" | grep -E '^\s*failed [^:]' | sed 's/^\s*/  /' | sort -u || true
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
