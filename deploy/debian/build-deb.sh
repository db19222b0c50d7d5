#!/usr/bin/env bash
# Debian package of the daemon for one architecture:
#   deploy/debian/build-deb.sh arm64|amd64 [version] [out-dir]
# DEB_COMPRESS_LEVEL: gzip level, 1-9 (default 9); 0 stores the files uncompressed.
# Set PUBLISH_DIR to package an existing self-contained publish folder instead of publishing
# (publish it with VERSION=<the same version> deploy/publish.sh, or it reports another version).
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

# Who answers for the package (Maintainer and the changelog): set MAINTAINER to a real address.
maintainer=${MAINTAINER:-EdgeEmotion <edgeemotion@localhost>}

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/pkg
mkdir -p "$pkg/DEBIAN" "$pkg/opt" "$pkg/etc/edgeemotion" "$pkg/lib/systemd/system" "$pkg/usr/lib/sysusers.d"

publish=${PUBLISH_DIR:-$stage/publish}
[ -n "${PUBLISH_DIR:-}" ] || VERSION="$version" "$root/deploy/publish.sh" "$rid" "$publish" >/dev/null
[ -x "$publish/edgeemotion-daemon" ] || { echo "build-deb.sh: no edgeemotion-daemon in '$publish'" >&2; exit 1; }
cp -a "$publish" "$pkg/opt/edgeemotion"
# Needs liblttng-ust.so.0, which Debian 12 does not have; .NET loads it only for LTTng tracing
# and runs without it.
rm -f "$pkg/opt/edgeemotion/libcoreclrtraceptprovider.so"
# OpenCvSharp ships its library with the static symbol table (11 MB); P/Invoke needs only the
# dynamic symbols. Only the x64 runtime has it; the host's strip handles x86-64 only.
if [ "$arch" = amd64 ] && [ -f "$pkg/opt/edgeemotion/libOpenCvSharpExtern.so" ]; then
  strip --strip-unneeded "$pkg/opt/edgeemotion/libOpenCvSharpExtern.so"
fi
install -m 0644 "$root/README.md" "$pkg/opt/edgeemotion/README.md"
install -m 0644 "$root/deploy/edgeemotion.json" "$pkg/etc/edgeemotion/edgeemotion.json"
install -m 0644 "$root/deploy/systemd/edgeemotion.service" "$pkg/lib/systemd/system/edgeemotion.service"
install -m 0644 "$root/deploy/sysusers.d/edgeemotion.conf" "$pkg/usr/lib/sysusers.d/edgeemotion.conf"
for script in postinst prerm postrm; do
  install -m 0755 "$root/deploy/debian/$script" "$pkg/DEBIAN/$script"
done
echo /etc/edgeemotion/edgeemotion.json > "$pkg/DEBIAN/conffiles"

# Debian's file modes: directories and executables 0755, libraries and data 0644 (NuGet
# leaves the execute bit on every .dll and .so).
find "$pkg" -path "$pkg/DEBIAN" -prune -o -type d -exec chmod 0755 {} + -o -type f -exec chmod 0644 {} +
chmod 0755 "$pkg/opt/edgeemotion/edgeemotion-daemon"
[ ! -e "$pkg/opt/edgeemotion/createdump" ] || chmod 0755 "$pkg/opt/edgeemotion/createdump"

# Licences and the changelog, where Debian policy wants them.
doc=$pkg/usr/share/doc/edgeemotion
mkdir -p "$doc"
install -m 0644 "$root/deploy/debian/copyright" "$doc/copyright"
# The changelog's date is the commit's (or now, outside git), so a rebuild gives the same file.
when=$(git -C "$root" log -1 --format=%cD 2>/dev/null || date -R)
# Debian names it changelog.Debian.gz for a version with a Debian revision (1.2.3-1),
# changelog.gz for a native one (1.2.3).
case "$version" in *-*) changelog=changelog.Debian.gz ;; *) changelog=changelog.gz ;; esac
printf 'edgeemotion (%s) stable; urgency=medium\n\n  * Package built from the EdgeEmotion repository; changes are in its history.\n\n -- %s  %s\n' \
  "$version" "$maintainer" "$when" | gzip -9n > "$doc/$changelog"
chmod 0644 "$doc/$changelog"

case "$arch" in
  # OpenCV's native library (libOpenCvSharpExtern.so, x64 only) links GTK 3 and its stack:
  # objdump -p shows libgtk-3/libgdk-3, pango, atk, cairo, gdk-pixbuf, glib, freetype,
  # harfbuzz, X11, drm and libatomic.
  amd64) opencv_depends=", libgtk-3-0, libpango-1.0-0, libpangocairo-1.0-0, libatk1.0-0, libcairo2, libcairo-gobject2, libgdk-pixbuf-2.0-0, libglib2.0-0, libfreetype6, libharfbuzz0b, libx11-6, libdrm2, libatomic1" ;;
  arm64) opencv_depends="" ;;
esac

size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: edgeemotion
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: libc6 (>= 2.31), libstdc++6, libgcc-s1, zlib1g, libssl3 | libssl1.1, systemd$opencv_depends
Recommends: libgpiod2, ffmpeg
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
# DEB_COMPRESS_LEVEL=1 (the tests) packs five times faster for an 8 % bigger package; 0 (the
# tests' packages that lintian does not read) another five times faster, twice as big.
dpkg-deb --root-owner-group -Zgzip -z"${DEB_COMPRESS_LEVEL:-9}" --build "$pkg" "$deb" >/dev/null
echo "$deb"
