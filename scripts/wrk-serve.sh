#!/usr/bin/env bash
# The serving scenario of bench/ measured with wrk (Debian package) instead of the bench's own .NET client: wrk costs
# far less CPU per request, which matters when load generator and portal share two cores. Seeds (or reuses) the
# bench's SQLite database, starts the portal's Release build on it, signs in through the real form with curl, issues
# an API key with the CLI, then runs wrk with a Lua script that picks, per request, an account charges page, a project
# summary or a charges API call at random — the bench's mix.
# Usage: scripts/wrk-serve.sh [CLIENTS] [SECONDS]      (default 32 60)
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-32}
seconds=${2:-60}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
db_name=wrk-serve
db_file="${TMPDIR:-/tmp}/$db_name.db"
work=$(mktemp -d)
port=5099
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release bench/Portal.Bench -v q >/dev/null
dotnet build -c Release src/Portal.Cli -v q >/dev/null
# Seeds once (about a minute) and keeps the file; a one-second bench run proves the portal serves it.
dotnet bench/Portal.Bench/bin/Release/net10.0/Portal.Bench.dll serve --database "$db_name" --clients 1 --seconds 1 >/dev/null

export Database__Provider=Sqlite ConnectionStrings__Portal="Data Source=$db_file"
ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production Database__MigrateAtStartup=false \
  Demo__SeedOnFirstStart=false Jobs__RunServer=false Mail__PickupFolder="$work/mail" Logging__LogLevel__Default=Warning \
  Api__RequestsPerSecond=1000000 Api__Burst=1000000 \
  dotnet src/Portal.Web/bin/Release/net10.0/Portal.Web.dll >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

# Sign in as the bench's power user through the form (antiforgery token and cookie included).
jar="$work/cookies"
token=$(curl -s -c "$jar" "http://127.0.0.1:$port/signin" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Email=bench@bench.example" --data-urlencode "Password=Bench#Passw0rd-Long" \
  --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/signin"
cookie=$(awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")
key=$(dotnet src/Portal.Cli/bin/Release/net10.0/portal.dll apikey issue --email bench@bench.example --name "wrk-$(date +%s)" | tail -1)

# The URLs of the mix, as the bench picks them: every account's page, every project's summary, API calls by month.
python3 - "$db_file" "$work/urls.lua" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
org = db.execute("select id from organizations limit 1").fetchone()[0]
accounts = [r[0] for r in db.execute("select id from aws_accounts")]
projects = [r[0] for r in db.execute("select id from projects")]
month = db.execute("select max(month) from charge_lines").fetchone()[0][:7]
with open(sys.argv[2], "w") as out:
    out.write("accounts = {%s}\n" % ",".join('"/orgs/%s/accounts/%s/charges"' % (org, a) for a in accounts))
    out.write("projects = {%s}\n" % ",".join('"/orgs/%s/projects/%s/charges"' % (org, p) for p in projects))
    out.write("api = {%s}\n" % ",".join(['"/api/v1/orgs/%s/charges?month=%s&accountId=%s&by=service"' % (org, month, a) for a in accounts]
                                        + ['"/api/v1/orgs/%s/charges?month=%s&projectId=%s&by=account"' % (org, month, p) for p in projects]))
PY
cat > "$work/mix.lua" <<LUA
dofile("$work/urls.lua")
local cookie, bearer = [[$cookie]], [[Bearer $key]]
request = function()
  local kind = math.random(3)
  if kind == 1 then return wrk.format("GET", accounts[math.random(#accounts)], { Cookie = cookie }) end
  if kind == 2 then return wrk.format("GET", projects[math.random(#projects)], { Cookie = cookie }) end
  return wrk.format("GET", api[math.random(#api)], { Authorization = bearer })
end
LUA
# A short warm-up, then the measured run; "Non-2xx or 3xx responses" in wrk's output are the errors.
wrk -t2 -c"$clients" -d5s -s "$work/mix.lua" "http://127.0.0.1:$port" >/dev/null
echo "load average before: $(cut -d' ' -f1 /proc/loadavg)"
wrk -t2 -c"$clients" -d"${seconds}s" --latency -s "$work/mix.lua" "http://127.0.0.1:$port"
echo "load average after: $(cut -d' ' -f1 /proc/loadavg); server peak RSS: $(grep VmHWM /proc/$server/status | awk '{print $2/1024 " MB"}')"
