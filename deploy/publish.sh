#!/usr/bin/env bash
# Self-contained daemon for one runtime, with its models and demo pictures:
#   [VERSION=1.2.3] deploy/publish.sh linux-arm64|linux-x64 [out-dir] [extra dotnet publish arguments]
# (default out-dir: out/publish/<runtime>). VERSION (the Debian package version, build-deb.sh
# sets it) is what the daemon reports in stats and to Home Assistant.
set -euo pipefail
rid=${1:?usage: deploy/publish.sh linux-arm64|linux-x64 [out-dir]}
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/deploy/publish-common.sh"
require_runtime "$rid" deploy/publish.sh
out=${2:-$root/out/publish/$rid}
shift $(( $# < 2 ? $# : 2 ))
publish_self_contained deploy/publish.sh "$root/src/Daemon/EdgeEmotion.Daemon.csproj" "$rid" "$out" "$@"
