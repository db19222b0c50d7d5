#!/usr/bin/env bash
# Self-contained collector (src/Collector) for one runtime:
#   [VERSION=1.2.3] deploy/publish-collector.sh linux-arm64|linux-x64 [out-dir]
# (default out-dir: out/publish/collector-<runtime>). Packaged by deploy/debian/build-collector-deb.sh.
set -euo pipefail
rid=${1:?usage: deploy/publish-collector.sh linux-arm64|linux-x64 [out-dir]}
case "$rid" in linux-arm64|linux-x64) ;; *) echo "deploy/publish-collector.sh: runtime must be linux-arm64 or linux-x64, not '$rid'" >&2; exit 2;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
out=${2:-$root/out/publish/collector-$rid}
version=${VERSION:-1.0.0}
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || { echo "deploy/publish-collector.sh: VERSION '$version' is not a Debian version" >&2; exit 2; }
numeric=$(grep -oE '^[0-9]+(\.[0-9]+){0,3}' <<<"$version")
# One publish at a time, as deploy/publish.sh (the projects they share have one obj/ folder).
mkdir -p "$root/out"
exec 9>"$root/out/.publish.lock"
flock 9
dotnet publish "$root/src/Collector/EdgeEmotion.Collector.csproj" -c Release -r "$rid" --self-contained --disable-build-servers \
  -p:DebugType=none -p:GenerateDocumentationFile=false -p:RunAnalyzers=false -o "$out" -nologo -v:q \
  -p:Version="$numeric" -p:InformationalVersion="$version" -p:IncludeSourceRevisionInInformationalVersion=false
echo "$out"
