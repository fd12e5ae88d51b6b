#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and run Surge: PostgreSQL's server programs.
# The Swift toolchain is expected on PATH (or at /opt/swift/usr/bin).
set -euo pipefail
export PATH="$PATH:/opt/swift/usr/bin"
need_pg=1
for v in 17 16 15; do [ -x "/usr/lib/postgresql/$v/bin/initdb" ] && need_pg=0; done
if [ "$need_pg" = 1 ]; then
    echo "setup: installing PostgreSQL server (apt-get)" >&2
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql postgresql-contrib >/dev/null
fi
# Headless Chromium and netpbm for the test that renders the simulation report (issue 6).
if ! command -v chromium >/dev/null || ! command -v pngtopnm >/dev/null; then
    echo "setup: installing chromium and netpbm (apt-get)" >&2
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium netpbm >/dev/null
fi
command -v swift >/dev/null || { echo "setup: swift not found on PATH" >&2; exit 1; }
