#!/usr/bin/env bash
# Self-contained daemon for one runtime, with its models and demo pictures:
#   [VERSION=1.2.3] deploy/publish.sh linux-arm64|linux-x64 [out-dir] [extra dotnet publish arguments]
# (default out-dir: out/publish/<runtime>). VERSION (the Debian package version, build-deb.sh
# sets it) is what the daemon reports in stats and to Home Assistant.
set -euo pipefail
rid=${1:?usage: deploy/publish.sh linux-arm64|linux-x64 [out-dir]}
case "$rid" in linux-arm64|linux-x64) ;; *) echo "deploy/publish.sh: runtime must be linux-arm64 or linux-x64, not '$rid'" >&2; exit 2;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
out=${2:-$root/out/publish/$rid}
shift $(( $# < 2 ? $# : 2 ))
version=${VERSION:-1.0.0}
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || { echo "deploy/publish.sh: VERSION '$version' is not a Debian version" >&2; exit 2; }
# The assembly version takes only numbers (1.2.3 of 1.2.3~rc1-2); the daemon reports the
# informational version, which carries the package version as it is, without the SDK's +commit.
numeric=$(grep -oE '^[0-9]+(\.[0-9]+){0,3}' <<<"$version")
version_args=(-p:Version="$numeric" -p:InformationalVersion="$version" -p:IncludeSourceRevisionInInformationalVersion=false)
# One publish at a time: concurrent publishes of the same project share its obj/ folder.
mkdir -p "$root/out"
exec 9>"$root/out/.publish.lock"
flock 9
# No build servers: they would outlive this script and hold the lock. No analyzers: they check
# the code (the build does that), not what is packed, and take half the publish's time.
dotnet publish "$root/src/Daemon/EdgeEmotion.Daemon.csproj" -c Release -r "$rid" --self-contained --disable-build-servers \
  -p:DebugType=none -p:GenerateDocumentationFile=false -p:RunAnalyzers=false -o "$out" -nologo -v:q "${version_args[@]}" "$@"
echo "$out"
