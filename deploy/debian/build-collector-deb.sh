#!/usr/bin/env bash
# Debian package of the collector, beside the daemon's (a chain's server needs no camera stack):
#   deploy/debian/build-collector-deb.sh arm64|amd64 [version] [out-dir]
# DEB_COMPRESS_LEVEL: gzip level, 1-9 (default 9); 0 stores the files uncompressed.
# Set PUBLISH_DIR to package an existing self-contained publish folder (deploy/publish-collector.sh).
# Result: <out-dir>/edgeemotion-collector_<version>_<arch>.deb (default out/packages).
# The unit is installed disabled: the installer enables it on the box that keeps the history.
# What it shares with the daemon's package is in package-common.sh.
set -euo pipefail
source "$(dirname "$0")/package-common.sh"
deb_begin build-collector-deb.sh "${1:?usage: deploy/debian/build-collector-deb.sh arm64|amd64 [version] [out-dir]}" "${2:-}" "${3:-}"

app=$pkg/opt/edgeemotion/collector
deb_program publish-collector.sh edgeemotion-collector "$app"
mkdir -p "$pkg/etc/edgeemotion-collector" "$pkg/lib/systemd/system"
install -m 0644 "$root/src/Collector/README.md" "$app/README.md"
install -m 0644 "$root/deploy/systemd/edgeemotion-collector.service" "$pkg/lib/systemd/system/edgeemotion-collector.service"
deb_maintainer_scripts "$root/deploy/debian/collector"
deb_file_modes "$app" edgeemotion-collector
deb_docs edgeemotion-collector

deb_build edgeemotion-collector <<CONTROL
Depends: libc6 (>= 2.31), libstdc++6, libgcc-s1, zlib1g, libssl3 | libssl1.1, systemd
Suggests: mosquitto, postgresql
Section: misc
Priority: optional
Description: history of an EdgeEmotion fleet's windows and visits
 Subscribes to the fleet's MQTT messages and stores every window and visit
 once (SQLite, or PostgreSQL for a chain), with hourly rollups, and answers
 for any period over an HTTP API in JSON and CSV. Installed disabled.
CONTROL
