#!/usr/bin/env bash
# The serving scenario of bench/ measured with wrk (Debian package) instead of the bench's own .NET client: wrk costs
# far less CPU per request, which matters when load generator and portal share two cores. Seeds (or reuses) the
# bench's SQLite database, starts the portal's Release build on it, signs in through the real form with curl, issues
# an API key with the CLI, then runs wrk with a Lua script that picks, per request, an account charges page, a project
# summary or a charges API call at random — the bench's mix.
# The portal measured is the release operators run (scripts/publish-release.sh: ReadyToRun), freshly started; the
# warm-up before the measured SECONDS is WARM_SECONDS (default 5: a node just started, still compiling its hot code;
# 30 measures a node in service).
# Usage: scripts/wrk-serve.sh [CLIENTS] [SECONDS]      (default 32 60; SQLite)
#        WARM_SECONDS=30 scripts/wrk-serve.sh 32 60
#        POSTGRES="$(scripts/postgres.sh start /tmp/pg-wrk | tail -1)" scripts/wrk-serve.sh 32 60   (PostgreSQL)
#        PORTAL_WEB_DLL=/elsewhere/src/Portal.Web/bin/Release/net10.0/Portal.Web.dll scripts/wrk-serve.sh   (another build, same rows)
#        BASE_WEB_DLL=/elsewhere/.../Portal.Web.dll scripts/wrk-serve.sh 32 10   (a pair: see below)
# A pair compares two builds on the same rows: both portals run side by side and wrk alternates between them in
# slices of SECONDS (PAIR_ROUNDS rounds, default 6), so both see the same machine — whose speed drifts by 1.5× within
# minutes, which makes separate runs incomparable.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-32}
seconds=${2:-60}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
db_name=wrk_serve
if [[ -n "${POSTGRES:-}" ]]; then
  provider=Postgres; connection="$POSTGRES;Database=$db_name"; bench_db=(--postgres "$POSTGRES")
  pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$POSTGRES")
  sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db_name" -At -c "$1"; }
else
  db_file="${TMPDIR:-/tmp}/$db_name.db"
  provider=Sqlite; connection="Data Source=$db_file"; bench_db=()
  sql() { python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); [print(*r, sep="|") for r in c.execute(sys.argv[2])]; c.commit()' "$db_file" "$1"; }
fi
work=$(mktemp -d)
declare -A server=()
trap 'kill "${server[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release bench/Portal.Bench -v q >/dev/null
dotnet build -c Release src/Portal.Cli -v q >/dev/null
release="${TMPDIR:-/tmp}/wrk-serve-release"
[[ -n "${PORTAL_WEB_DLL:-}" ]] || scripts/publish-release.sh "$release" >/dev/null
# Seeds once (about a minute) and keeps the file; a one-second bench run proves the portal serves it.
dotnet bench/Portal.Bench/bin/Release/net10.0/Portal.Bench.dll serve "${bench_db[@]}" --database "$db_name" --clients 1 --seconds 1 >/dev/null

export Database__Provider=$provider ConnectionStrings__Portal="$connection"
declare -A dll=([portal]="${PORTAL_WEB_DLL:-$release/web/Portal.Web.dll}") port=([portal]=5099 [base]=5098)
[[ -n "${BASE_WEB_DLL:-}" ]] && dll[base]=$BASE_WEB_DLL
for name in "${!dll[@]}"; do
  # Started from its own folder, as operators run it (its appsettings.json is read from there).
  path=$(realpath "${dll[$name]}")
  ASPNETCORE_URLS="http://127.0.0.1:${port[$name]}" ASPNETCORE_ENVIRONMENT=Production Database__MigrateAtStartup=false \
    Demo__SeedOnFirstStart=false Jobs__RunServer=false Mail__PickupFolder="$work/mail" Logging__LogLevel__Default=Warning \
    Api__RequestsPerSecond=1000000 Api__Burst=1000000 \
    bash -c 'cd "$(dirname "$1")" && exec dotnet "$1"' _ "$path" >"$work/$name.log" 2>&1 &
  server[$name]=$!
  echo "$name pid: ${server[$name]} (attach dotnet-trace or dotnet-counters to it)"
done
for name in "${!dll[@]}"; do
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:${port[$name]}/healthz" >/dev/null && break; sleep 1; done
done

# Earlier runs' keys go first: a user may hold ten.
sql "delete from api_keys where name like 'wrk-%' or name like 'bench 20%'" >/dev/null
key=$(dotnet src/Portal.Cli/bin/Release/net10.0/portal.dll apikey issue --email bench@bench.example --name "wrk-$(date +%s)" | tail -1)

# The URLs of the mix, as the bench picks them: every account's page, every project's summary, API calls by month.
org=$(sql "select id from organizations limit 1")
month=$(sql "select max(month) from charge_lines" | cut -c1-7)
sql "select id from aws_accounts" >"$work/accounts"
sql "select id from projects" >"$work/projects"
python3 - "$org" "$month" "$work" <<'PY'
import sys
org, month, work = sys.argv[1:4]
accounts = open(work + "/accounts").read().split()
projects = open(work + "/projects").read().split()
def table(name, urls):
    return "%s = {%s}\n" % (name, ",".join('"%s"' % u for u in urls))
with open(work + "/urls.lua", "w") as out:
    out.write(table("accounts", ["/orgs/%s/accounts/%s/charges" % (org, a) for a in accounts]))
    out.write(table("projects", ["/orgs/%s/projects/%s/charges" % (org, p) for p in projects]))
    out.write(table("api", ["/api/v1/orgs/%s/charges?month=%s&accountId=%s&by=service" % (org, month, a) for a in accounts]
                    + ["/api/v1/orgs/%s/charges?month=%s&projectId=%s&by=account" % (org, month, p) for p in projects]))
PY
# Each portal signs in the bench's power user through the form (antiforgery token and cookie included), then warms up
# (WARM_SECONDS); "Non-2xx or 3xx responses" in wrk's output are the errors.
for name in "${!dll[@]}"; do
  base_url="http://127.0.0.1:${port[$name]}"; jar="$work/$name.cookies"
  token=$(curl -s -c "$jar" "$base_url/signin" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Email=bench@bench.example" --data-urlencode "Password=Bench#Passw0rd-Long" \
    --data-urlencode "__RequestVerificationToken=$token" "$base_url/signin"
  cookie=$(awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")
  cat > "$work/$name.lua" <<LUA
dofile("$work/urls.lua")
local cookie, bearer = [[$cookie]], [[Bearer $key]]
request = function()
  local kind = math.random(3)
  if kind == 1 then return wrk.format("GET", accounts[math.random(#accounts)], { Cookie = cookie }) end
  if kind == 2 then return wrk.format("GET", projects[math.random(#projects)], { Cookie = cookie }) end
  return wrk.format("GET", api[math.random(#api)], { Authorization = bearer })
end
-- Like a browser, keep the sign-in cookie the portal renews (the security stamp is re-validated once a minute and the
-- cookie re-issued); sending the first one forever would re-validate on every page request after the first minute.
response = function(status, headers, body)
  local renewed = headers["Set-Cookie"] and headers["Set-Cookie"]:match("portal%.auth=([^;]*)")
  if renewed then cookie = cookie:gsub("portal%.auth=[^;]*", function() return "portal.auth=" .. renewed end) end
end
LUA
  wrk -t2 -c"$clients" -d"${WARM_SECONDS:-5}s" -s "$work/$name.lua" "$base_url" >/dev/null
done

# CPU time (user + system, reaped children included) of a portal and of every PostgreSQL process, in clock ticks:
# per request it depends far less on the machine's other load than latency does.
ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
postgres_ticks() { ps -eo pid=,comm= | awk '$2 == "postgres" { print $1 }' | while read -r p; do ticks "$p"; done | awk '{ s += $1 } END { print s + 0 }'; }
tick_ms=$(awk -v hz="$(getconf CLK_TCK)" 'BEGIN { print 1000 / hz }')
# measure NAME SECONDS: wrk's report in $work/NAME.out and the CPU per request (portal, then PostgreSQL) on stdout.
measure() {
  local portal_before postgres_before requests
  portal_before=$(ticks "${server[$1]}"); postgres_before=$(postgres_ticks)
  wrk -t2 -c"$clients" -d"$2s" --latency -s "$work/$1.lua" "http://127.0.0.1:${port[$1]}" >"$work/$1.out"
  requests=$(awk '/requests in/ { print $1 }' "$work/$1.out")
  awk -v r="$requests" -v ms="$tick_ms" -v p=$(($(ticks "${server[$1]}") - portal_before)) -v q=$(($(postgres_ticks) - postgres_before)) \
    'BEGIN { printf "%.2f %.2f\n", p * ms / r, q * ms / r }'
}
if [[ -z "${BASE_WEB_DLL:-}" ]]; then
  echo "load average before: $(cut -d' ' -f1 /proc/loadavg)"
  read -r portal_ms postgres_ms < <(measure portal "$seconds")
  cat "$work/portal.out"
  echo "load average after: $(cut -d' ' -f1 /proc/loadavg); server peak RSS: $(grep VmHWM "/proc/${server[portal]}/status" | awk '{print $2/1024 " MB"}')"
  echo "CPU per request: portal $portal_ms ms${POSTGRES:+, PostgreSQL $postgres_ms ms}"
  exit 0
fi
# A pair: one line per slice.
for round in $(seq 1 "${PAIR_ROUNDS:-6}"); do
  for name in base portal; do
    read -r portal_ms postgres_ms < <(measure "$name" "$seconds")
    awk -v name="$name" -v round="$round" -v cpu="$portal_ms" -v pg="${POSTGRES:+$postgres_ms}" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
      $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 } /Requests\/sec/ { rps = $2 } /Non-2xx/ { errors = $5 }
      END { printf "%-6s round %d: p50 %s p99 %s, %s requests/s, non-2xx %d, portal CPU %s ms/req%s, load %s\n",
                   name, round, p50, p99, rps, errors, cpu, (pg == "" ? "" : ", PostgreSQL " pg " ms/req"), load }' "$work/$name.out"
  done
done
