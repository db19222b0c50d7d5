#!/usr/bin/env bash
# A minimal Debian 12 root that systemd-nspawn boots as a board stand-in:
#   make-root.sh <root-dir>
# Made once and reused (the tests boot it with --volatile=overlay, so it is never changed).
# The container has no network, so everything the edgeemotion package and the tests need inside
# is installed here: systemd as PID 1, the package's Depends (kept in step with build-deb.sh, a
# test proves the list is enough), mosquitto as the broker and its clients to subscribe.
# A lock beside the root keeps two test runs from building it at once; a root is only used
# once its ".complete" marker exists, so an interrupted debootstrap is redone.
set -euo pipefail
root=${1:?usage: make-root.sh <root-dir>}
mkdir -p "$(dirname "$root")"
exec 9>"$root.lock"
flock 9
[ -e "$root/.complete" ] && exit 0
rm -rf "$root"

# The Debian mirror this machine's apt uses (deb822 or one-line sources).
mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list /etc/apt/sources.list 2>/dev/null \
    | awk '/^URIs:/ && $2 ~ /debian\/?$/ {print $2; exit}
           /^deb / && / bookworm / {for (i = 2; i <= NF; i++) if ($i ~ /^http/ && $i ~ /debian\/?$/) {print $i; exit}}' || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}

packages=(
  systemd systemd-sysv dbus libnss-systemd             # systemd as PID 1, for the unit
  libc6 libstdc++6 libgcc-s1 zlib1g libssl3            # the .NET runtime and OnnxRuntime
  libgtk-3-0 libfreetype6 libharfbuzz0b libpango-1.0-0 libpangocairo-1.0-0 libatk1.0-0
  libcairo2 libcairo-gobject2 libgdk-pixbuf-2.0-0 libglib2.0-0 libdrm2 libatomic1 libx11-6  # OpenCV (x64)
  dbus-user-session                                    # what libgtk-3-0 needs through dconf (debootstrap takes no alternatives)
  mosquitto mosquitto-clients                          # the broker and mosquitto_sub
)
include=$(printf '%s\n' "${packages[@]}" | paste -sd,)
debootstrap --variant=minbase --include="$include" bookworm "$root" "$mirror" >"$root.log" 2>&1 \
  || { tail -n 30 "$root.log" >&2; exit 1; }
# The packaged broker would start at boot on 1883; the tests start their own with their settings.
chroot "$root" systemctl disable mosquitto.service >/dev/null 2>&1 || true
rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*
touch "$root/.complete"
