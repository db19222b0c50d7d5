#!/usr/bin/env bash
# Self-contained collector (src/Collector) for one runtime:
#   [VERSION=1.2.3] deploy/publish-collector.sh linux-arm64|linux-x64 [out-dir]
# (default out-dir: out/publish/collector-<runtime>). Packaged by deploy/debian/build-collector-deb.sh.
set -euo pipefail
rid=${1:?usage: deploy/publish-collector.sh linux-arm64|linux-x64 [out-dir]}
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/deploy/publish-common.sh"
require_runtime "$rid" deploy/publish-collector.sh
out=${2:-$root/out/publish/collector-$rid}
publish_self_contained deploy/publish-collector.sh "$root/src/Collector/EdgeEmotion.Collector.csproj" "$rid" "$out"
