#!/usr/bin/env bash
# Sets up a fresh machine and runs the demo city end to end: register, pool, crisis, plan, report.
# Uses the private PostgreSQL cluster under .surge/postgres (or DATABASE_URL when set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
export PATH="$PATH:/opt/swift/usr/bin"

# As root the cluster runs as `postgres`, who must be able to enter the data folder.
if [ "$(id -u)" = 0 ] && [ -z "${SURGE_DATA_DIR:-}" ] && ! runuser -u postgres -- test -x "$PWD"; then
    export SURGE_DATA_DIR=/var/tmp/surge-demo/postgres
fi

swift build -c release --product surge
surge=.build/release/surge

echo "== Register: a demo city (departments, staff, competences, absences, pool, task priorities)"
$surge seed demo --seed 1 --replace
echo
echo "== Release quotas at crisis level 2"
$surge quota --level 2 --on 2026-12-07
echo
echo "== Crisis: plan the demo scenario (Config/examples/demo-crisis.json) on the register"
mkdir -p .surge
$surge plan --scenario Config/examples/demo-crisis.json --time 20 --seed 1 --output .surge/demo-plan.json
echo
echo "== Scenario: play a 72-hour blackout through day by day (report: .surge/simulation/report.html)"
$surge simulate Config/scenarios/blackout.yaml --seed 1 --out .surge/simulation
