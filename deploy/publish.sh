#!/usr/bin/env bash
# Self-contained daemon for one runtime, with its models and demo pictures:
#   deploy/publish.sh linux-arm64|linux-x64 [out-dir] [extra dotnet publish arguments]
# (default out-dir: out/publish/<runtime>)
set -euo pipefail
rid=${1:?usage: deploy/publish.sh linux-arm64|linux-x64 [out-dir]}
case "$rid" in linux-arm64|linux-x64) ;; *) echo "deploy/publish.sh: runtime must be linux-arm64 or linux-x64, not '$rid'" >&2; exit 2;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
out=${2:-$root/out/publish/$rid}
shift $(( $# < 2 ? $# : 2 ))
# One publish at a time: concurrent publishes of the same project share its obj/ folder.
mkdir -p "$root/out"
exec 9>"$root/out/.publish.lock"
flock 9
# No build servers: they would outlive this script and hold the lock.
dotnet publish "$root/src/Daemon/EdgeEmotion.Daemon.csproj" -c Release -r "$rid" --self-contained --disable-build-servers \
  -p:DebugType=none -p:GenerateDocumentationFile=false -o "$out" -nologo -v:q "$@"
echo "$out"
