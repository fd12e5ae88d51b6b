#!/usr/bin/env bash
# Sets up a fresh machine and runs every test against a throwaway PostgreSQL cluster.
# Fails (never skips) when the database tests cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
export PATH="$PATH:/opt/swift/usr/bin"

cluster=$(mktemp -d /tmp/surge-ci-XXXXXX)
chmod 755 "$cluster"
export SURGE_TEST_CLUSTER_DIR="$cluster"
stop_cluster() {
    if [ -f "$cluster/data/postmaster.pid" ]; then
        if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl" stop -m immediate -D "$cluster/data" >/dev/null 2>&1 || true
        else pg_ctl stop -m immediate -D "$cluster/data" >/dev/null 2>&1 || true; fi
    fi
    rm -rf "$cluster"
}
trap stop_cluster EXIT

swift build --build-tests
swift test --skip-build
