#!/usr/bin/env bash
# Installs (or upgrades) the daemon on a systemd machine without dpkg; safe to run again.
#   deploy/install.sh [--root DIR] [--from PUBLISH_DIR]      install or upgrade
#   deploy/install.sh [--root DIR] --uninstall [--purge]     remove (purge: also config and state)
# PUBLISH_DIR is a folder made by deploy/publish.sh (default: out/publish/linux-<this machine>,
# published first if missing). --root installs into a scratch root (tests, images) without
# touching the running system. Same layout as the Debian package:
#   /opt/edgeemotion (program), /etc/edgeemotion/edgeemotion.json (kept if present),
#   /etc/systemd/system/edgeemotion.service (enabled), user edgeemotion (systemd-sysusers).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
root="" from="" uninstall=0 purge=0
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root=${2:?--root needs a folder}; shift 2 ;;
    --from) from=${2:?--from needs a folder}; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    --purge) purge=1; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [ -n "$root" ]; then
  mkdir -p "$root"
  root=$(cd "$root" && pwd)
  [ "$root" != / ] || root=""
fi
live=0
[ -z "$root" ] && [ -d /run/systemd/system ] && live=1
unit="$root/etc/systemd/system/edgeemotion.service"

if [ "$uninstall" = 1 ]; then
  [ "$live" = 0 ] || systemctl stop edgeemotion.service 2>/dev/null || true
  [ -f "$unit" ] && systemctl --root="${root:-/}" disable edgeemotion.service >/dev/null 2>&1 || true
  rm -rf "$root/opt/edgeemotion" "$unit" "$root/usr/lib/sysusers.d/edgeemotion.conf"
  if [ "$purge" = 1 ]; then
    rm -rf "$root/etc/edgeemotion" "$root/var/lib/edgeemotion" "$root/var/lib/private/edgeemotion"
    # The credentials drop-in of the README's step 3 (the directory only if nothing else is in it).
    rm -f "$root/etc/systemd/system/edgeemotion.service.d/credentials.conf"
    rmdir "$root/etc/systemd/system/edgeemotion.service.d" 2>/dev/null || true
  fi
  [ "$live" = 0 ] || systemctl daemon-reload
  if [ "$purge" = 1 ]; then echo "EdgeEmotion removed with its configuration and state."; else echo "EdgeEmotion removed; configuration kept in ${root:-}/etc/edgeemotion."; fi
  exit 0
fi

if [ -z "$from" ]; then
  case "$(uname -m)" in
    aarch64|arm64) rid=linux-arm64 ;;
    x86_64) rid=linux-x64 ;;
    *) echo "install.sh: no build for $(uname -m); pass --from" >&2; exit 2 ;;
  esac
  from="$repo/out/publish/$rid"
  [ -x "$from/edgeemotion-daemon" ] || "$here/publish.sh" "$rid" "$from" >/dev/null
fi
[ -x "$from/edgeemotion-daemon" ] || { echo "install.sh: '$from' has no edgeemotion-daemon (run deploy/publish.sh)" >&2; exit 1; }

# Program: copied beside, then swapped in, so a failed copy never leaves half a program.
mkdir -p "$root/opt"
rm -rf "$root/opt/edgeemotion.new"
cp -a "$from" "$root/opt/edgeemotion.new"
install -m 0644 "$repo/README.md" "$root/opt/edgeemotion.new/README.md"
rm -rf "$root/opt/edgeemotion.old"
[ ! -e "$root/opt/edgeemotion" ] || mv "$root/opt/edgeemotion" "$root/opt/edgeemotion.old"
mv "$root/opt/edgeemotion.new" "$root/opt/edgeemotion"
rm -rf "$root/opt/edgeemotion.old"

# Configuration: the installer's file is never overwritten; the shipped one goes beside it.
install -d -m 0755 "$root/etc/edgeemotion"
if [ -e "$root/etc/edgeemotion/edgeemotion.json" ]; then
  if ! cmp -s "$here/edgeemotion.json" "$root/etc/edgeemotion/edgeemotion.json"; then
    install -m 0644 "$here/edgeemotion.json" "$root/etc/edgeemotion/edgeemotion.json.dist"
  fi
else
  install -m 0644 "$here/edgeemotion.json" "$root/etc/edgeemotion/edgeemotion.json"
fi

install -D -m 0644 "$here/sysusers.d/edgeemotion.conf" "$root/usr/lib/sysusers.d/edgeemotion.conf"
mkdir -p "$root/etc"
systemd-sysusers --root="${root:-/}" edgeemotion.conf
install -D -m 0644 "$here/systemd/edgeemotion.service" "$unit"
if [ "$live" = 1 ]; then
  systemctl daemon-reload
  systemctl enable edgeemotion.service >/dev/null 2>&1
  systemctl try-restart edgeemotion.service || true
else
  systemctl --root="${root:-/}" enable edgeemotion.service >/dev/null 2>&1
fi
echo "EdgeEmotion installed in ${root:-}/opt/edgeemotion; settings: ${root:-}/etc/edgeemotion/edgeemotion.json"
