#!/usr/bin/env bash
# The README's quick start against a running server: tokens, the demo incidents, a new incident with a
# casualty report, then reads that wait for that write, look back before it, and show its history.
# Positions come from the responses, so the script runs as written on any server.
#   BASE_URL   the server (default http://localhost:3000)
#   DATA_DIR   the server's data directory, where the CLI reads its JWT secret (or set JWT_SECRET)
set -euo pipefail
cd "$(dirname "$0")/.."
BASE_URL=${BASE_URL:-http://localhost:3000}
cli() { node dist/src/cli.js "$@"; }
# field NAME: the top-level field NAME of the JSON document on standard input
field() { node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s)[process.argv[1]]))' "$1"; }
post() { curl -sSf -X POST "$BASE_URL$1" -H "Authorization: Bearer $REPORTER" -H 'Content-Type: application/json' "${@:2}"; }
get() { curl -sSf "$BASE_URL$1" -H "Authorization: Bearer ${2:-$ANALYST}"; echo; }

# Tokens signed with the server's secret; roles: reporter, analyst, auditor, admin.
REPORTER=$(cli token --role reporter --sub alice)
ANALYST=$(cli token --role analyst --sub bob)
AUDITOR=$(cli token --role auditor --sub audrey)

# The worked example (Villa Unión and two related incidents), through the command handlers; idempotent.
cli demo

# Open an incident (the client chooses its id), then report casualties.
# Each write answers {incidentId, recordId?, revision, position}.
ID=$(node -p 'crypto.randomUUID()')
OPENED=$(post /incidents -H "Idempotency-Key: open-$ID" -d '{"incidentId":"'"$ID"'","title":"Attack on Villa Unión",
  "category":"battle","occurredAt":"2019-11-30T12:00:00-06:00",
  "location":{"country":"MX","admin1":"Coahuila","admin2":"Villa Unión","place":"Municipal building"}}')
REPORTED=$(post "/incidents/$ID/casualties" -d '{"occurredAt":"2019-11-30","datePrecision":"day",
  "source":{"name":"Coahuila state government","kind":"government"},
  "party":"armed_group","outcome":"killed","count":7,"basis":"incremental"}')
echo "opened: $OPENED"
echo "reported: $REPORTED"

# The tally once the read model includes the report (waits up to 5 s for that position, else 503).
get "/incidents/$ID/tally?consistentWith=$(echo "$REPORTED" | field position)"
# What was known at a past position (here: right after the opening, before the report), from the temporal read model.
get "/incidents/$ID/tally?asOf=$(echo "$OPENED" | field position)"
# Only records of a world-time window.
get "/incidents/$ID/tally?occurredTo=2019-11-30"
# The full history (auditors), and a page of incidents.
get "/incidents/$ID/events" "$AUDITOR"
get "/incidents?country=MX&first=10"

# GraphQL: one of the demo incidents, its tally by party.
curl -sSf "$BASE_URL/graphql" -H "Authorization: Bearer $ANALYST" -H 'Content-Type: application/json' \
  -d '{"query":"{ incident(id: \"6b3f8a52-3c1e-4c1f-9a51-2d0e8f1b7a01\") { title tally { killed { total { best low high } byParty { party best } } } } }"}'
echo
