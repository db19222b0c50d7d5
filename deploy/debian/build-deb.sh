#!/usr/bin/env bash
# Debian package of the daemon for one architecture:
#   deploy/debian/build-deb.sh arm64|amd64 [version] [out-dir]
# DEB_COMPRESS_LEVEL: gzip level, 1-9 (default 9); 0 stores the files uncompressed.
# Set PUBLISH_DIR to package an existing self-contained publish folder instead of publishing
# (publish it with VERSION=<the same version> deploy/publish.sh, or it reports another version).
# Result: <out-dir>/edgeemotion_<version>_<arch>.deb (default out/packages).
# What it shares with the collector's package is in package-common.sh.
set -euo pipefail
source "$(dirname "$0")/package-common.sh"
deb_begin build-deb.sh "${1:?usage: deploy/debian/build-deb.sh arm64|amd64 [version] [out-dir]}" "${2:-}" "${3:-}"

app=$pkg/opt/edgeemotion
deb_program publish.sh edgeemotion-daemon "$app"
# OpenCvSharp ships its library with the static symbol table (11 MB); P/Invoke needs only the
# dynamic symbols. Only the x64 runtime has it; the host's strip handles x86-64 only.
if [ "$arch" = amd64 ] && [ -f "$app/libOpenCvSharpExtern.so" ]; then
  strip --strip-unneeded "$app/libOpenCvSharpExtern.so"
fi
mkdir -p "$pkg/etc/edgeemotion" "$pkg/lib/systemd/system" "$pkg/usr/lib/sysusers.d"
install -m 0644 "$root/README.md" "$app/README.md"
install -m 0644 "$root/deploy/edgeemotion.json" "$pkg/etc/edgeemotion/edgeemotion.json"
install -m 0644 "$root/deploy/systemd/edgeemotion.service" "$pkg/lib/systemd/system/edgeemotion.service"
install -m 0644 "$root/deploy/sysusers.d/edgeemotion.conf" "$pkg/usr/lib/sysusers.d/edgeemotion.conf"
deb_maintainer_scripts "$root/deploy/debian"
echo /etc/edgeemotion/edgeemotion.json > "$pkg/DEBIAN/conffiles"
deb_file_modes "$app" edgeemotion-daemon
deb_docs edgeemotion

case "$arch" in
  # OpenCV's native library (libOpenCvSharpExtern.so, x64 only) links GTK 3 and its stack:
  # objdump -p shows libgtk-3/libgdk-3, pango, atk, cairo, gdk-pixbuf, glib, freetype,
  # harfbuzz, X11, drm and libatomic.
  amd64) opencv_depends=", libgtk-3-0, libpango-1.0-0, libpangocairo-1.0-0, libatk1.0-0, libcairo2, libcairo-gobject2, libgdk-pixbuf-2.0-0, libglib2.0-0, libfreetype6, libharfbuzz0b, libx11-6, libdrm2, libatomic1" ;;
  arm64) opencv_depends="" ;;
esac

deb_build edgeemotion <<CONTROL
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
