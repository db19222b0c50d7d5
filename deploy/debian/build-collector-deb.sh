#!/usr/bin/env bash
# Debian package of the collector, beside the daemon's (a chain's server needs no camera stack):
#   deploy/debian/build-collector-deb.sh arm64|amd64 [version] [out-dir]
# DEB_COMPRESS_LEVEL: gzip level, 1-9 (default 9); 0 stores the files uncompressed.
# Set PUBLISH_DIR to package an existing self-contained publish folder (deploy/publish-collector.sh).
# Result: <out-dir>/edgeemotion-collector_<version>_<arch>.deb (default out/packages).
# The unit is installed disabled: the installer enables it on the box that keeps the history.
set -euo pipefail
arch=${1:?usage: deploy/debian/build-collector-deb.sh arm64|amd64 [version] [out-dir]}
version=${2:-1.0.0}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${3:-$root/out/packages}
case "$arch" in
  arm64) rid=linux-arm64 ;;
  amd64) rid=linux-x64 ;;
  *) echo "build-collector-deb.sh: architecture must be arm64 or amd64, not '$arch'" >&2; exit 2 ;;
esac
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || { echo "build-collector-deb.sh: '$version' is not a Debian version" >&2; exit 2; }
maintainer=${MAINTAINER:-EdgeEmotion <edgeemotion@localhost>}

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/pkg
app=$pkg/opt/edgeemotion/collector
mkdir -p "$pkg/DEBIAN" "$pkg/opt/edgeemotion" "$pkg/etc/edgeemotion-collector" "$pkg/lib/systemd/system"

publish=${PUBLISH_DIR:-$stage/publish}
[ -n "${PUBLISH_DIR:-}" ] || VERSION="$version" "$root/deploy/publish-collector.sh" "$rid" "$publish" >/dev/null
[ -x "$publish/edgeemotion-collector" ] || { echo "build-collector-deb.sh: no edgeemotion-collector in '$publish'" >&2; exit 1; }
cp -a "$publish" "$app"
# As in the daemon's package: needs liblttng-ust.so.0 (not in Debian 12), loaded only for LTTng tracing.
rm -f "$app/libcoreclrtraceptprovider.so"
install -m 0644 "$root/src/Collector/README.md" "$app/README.md"
install -m 0644 "$root/deploy/systemd/edgeemotion-collector.service" "$pkg/lib/systemd/system/edgeemotion-collector.service"
for script in postinst prerm postrm; do
  install -m 0755 "$root/deploy/debian/collector/$script" "$pkg/DEBIAN/$script"
done

find "$pkg" -path "$pkg/DEBIAN" -prune -o -type d -exec chmod 0755 {} + -o -type f -exec chmod 0644 {} +
chmod 0755 "$app/edgeemotion-collector"
[ ! -e "$app/createdump" ] || chmod 0755 "$app/createdump"

doc=$pkg/usr/share/doc/edgeemotion-collector
mkdir -p "$doc"
install -m 0644 "$root/deploy/debian/copyright" "$doc/copyright"
when=$(git -C "$root" log -1 --format=%cD 2>/dev/null || date -R)
case "$version" in *-*) changelog=changelog.Debian.gz ;; *) changelog=changelog.gz ;; esac
printf 'edgeemotion-collector (%s) stable; urgency=medium\n\n  * Package built from the EdgeEmotion repository; changes are in its history.\n\n -- %s  %s\n' \
  "$version" "$maintainer" "$when" | gzip -9n > "$doc/$changelog"
chmod 0644 "$doc/$changelog"

size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: edgeemotion-collector
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: libc6 (>= 2.31), libstdc++6, libgcc-s1, zlib1g, libssl3 | libssl1.1, systemd
Suggests: mosquitto, postgresql
Section: misc
Priority: optional
Description: history of an EdgeEmotion fleet's windows and visits
 Subscribes to the fleet's MQTT messages and stores every window and visit
 once (SQLite, or PostgreSQL for a chain), with hourly rollups, and answers
 for any period over an HTTP API in JSON and CSV. Installed disabled.
CONTROL

mkdir -p "$out"
deb="$out/edgeemotion-collector_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zgzip -z"${DEB_COMPRESS_LEVEL:-9}" --build "$pkg" "$deb" >/dev/null
echo "$deb"
