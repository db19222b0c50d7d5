#!/usr/bin/env bash
# Debian packages the build, the tests and the demo need; installs only what is missing.
#   mosquitto        real MQTT broker for the integration tests
#   mosquitto-clients  mosquitto_sub: a plain MQTT 3.1.1 subscriber in the embedded-broker tests
#   opencv-data      Haar cascades (optional detector)
#   libgtk-3-0       needed by OpenCvSharp's full linux-x64 native runtime
#   libgpiod2        GPIO on boards
#   systemd          systemd-analyze and systemd-sysusers for the unit and package tests
#   dpkg-dev, fakeroot, file   building and inspecting the Debian packages
#   systemd-container, debootstrap   the deployment tests boot a Debian 12 root under systemd-nspawn
#   lintian          checks the built package against Debian policy
#   qemu-user-static + arm64 libc, libstdc++, zlib, libssl: the linux-arm64 build run under emulation
#   ffmpeg           plays rtsp://, file:// and non-MJPEG http:// sources (the daemon's child process)
#   gir1.2-gst-rtsp-server-1.0, python3-gi, gstreamer1.0-plugins-base/-good/-ugly (x264enc)
#                    the real RTSP server the tests stream a clip from (tests/…/Rtsp/rtsp_server.py)
#   chromium, chromium-driver   the dashboard's tests and benchmark drive a real headless browser
#   nodejs           runs the page's contract.js against the golden payloads (EdgeEmotion.Contracts.Tests)
#   postgresql-15    the collector's tests start a throwaway cluster of their own (initdb, pg_ctl)
#   prometheus       scrapes the collector's /metrics in its tests (a process of their own)
set -euo pipefail
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  $sudo_cmd dpkg --add-architecture arm64
fi
packages=(mosquitto mosquitto-clients opencv-data libgtk-3-0 libgpiod2 systemd dpkg-dev fakeroot file
          systemd-container debootstrap lintian
          qemu-user-static libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 zlib1g:arm64 libssl3:arm64
          ffmpeg gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly
          chromium chromium-driver nodejs postgresql-15 iproute2 prometheus)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The test fixture starts its own broker; a packaged one left running would hold port 1883.
if command -v systemctl >/dev/null && systemctl is-active --quiet mosquitto 2>/dev/null; then
  systemctl stop mosquitto || true
fi
# Likewise the tests start their own Prometheus; the package's service would scrape and keep data for nothing.
if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
  systemctl stop prometheus || true
fi
if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is needed (https://dot.net); install it, then run this again." >&2
  exit 1
fi
