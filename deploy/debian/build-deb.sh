#!/usr/bin/env bash
# Debian package of the daemon for one architecture:
#   deploy/debian/build-deb.sh arm64|amd64 [version] [out-dir]
# Set PUBLISH_DIR to package an existing self-contained publish folder instead of publishing.
# Result: <out-dir>/edgeemotion_<version>_<arch>.deb (default out/packages).
set -euo pipefail
arch=${1:?usage: deploy/debian/build-deb.sh arm64|amd64 [version] [out-dir]}
version=${2:-1.0.0}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${3:-$root/out/packages}
case "$arch" in
  arm64) rid=linux-arm64 ;;
  amd64) rid=linux-x64 ;;
  *) echo "build-deb.sh: architecture must be arm64 or amd64, not '$arch'" >&2; exit 2 ;;
esac
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || { echo "build-deb.sh: '$version' is not a Debian version" >&2; exit 2; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/pkg
mkdir -p "$pkg/DEBIAN" "$pkg/opt" "$pkg/etc/edgeemotion" "$pkg/lib/systemd/system" "$pkg/usr/lib/sysusers.d"

publish=${PUBLISH_DIR:-$stage/publish}
[ -n "${PUBLISH_DIR:-}" ] || "$root/deploy/publish.sh" "$rid" "$publish" >/dev/null
[ -x "$publish/edgeemotion-daemon" ] || { echo "build-deb.sh: no edgeemotion-daemon in '$publish'" >&2; exit 1; }
cp -a "$publish" "$pkg/opt/edgeemotion"
install -m 0644 "$root/README.md" "$pkg/opt/edgeemotion/README.md"
install -m 0644 "$root/deploy/edgeemotion.json" "$pkg/etc/edgeemotion/edgeemotion.json"
install -m 0644 "$root/deploy/systemd/edgeemotion.service" "$pkg/lib/systemd/system/edgeemotion.service"
install -m 0644 "$root/deploy/sysusers.d/edgeemotion.conf" "$pkg/usr/lib/sysusers.d/edgeemotion.conf"
for script in postinst prerm postrm; do
  install -m 0755 "$root/deploy/debian/$script" "$pkg/DEBIAN/$script"
done
echo /etc/edgeemotion/edgeemotion.json > "$pkg/DEBIAN/conffiles"

size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: edgeemotion
Version: $version
Architecture: $arch
Maintainer: EdgeEmotion <edgeemotion@localhost>
Installed-Size: $size
Depends: libc6 (>= 2.31), libstdc++6, libgcc-s1, zlib1g, libssl3 | libssl1.1, systemd
Recommends: libgpiod2
Suggests: mosquitto
Section: misc
Priority: optional
Description: on-device emotion analytics for kiosks
 Captures camera frames, finds faces, classifies each face into seven
 emotions with an int8 CNN and publishes counts per time window over MQTT.
 No image leaves the device or touches its disk.
CONTROL

mkdir -p "$out"
deb="$out/edgeemotion_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zgzip --build "$pkg" "$deb" >/dev/null
echo "$deb"
