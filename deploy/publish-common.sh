# What deploy/publish.sh (the daemon) and deploy/publish-collector.sh share, and the version
# check of the package scripts (deploy/debian/package-common.sh); sourced, not run.

# require_debian_version VERSION WHO: one line naming WHO and exit 2 unless VERSION is a Debian version.
require_debian_version() {
  [[ "$1" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || { echo "$2 '$1' is not a Debian version" >&2; exit 2; }
}

# require_runtime RID WHO: one line naming WHO and exit 2 unless RID is a runtime we publish for.
require_runtime() {
  case "$1" in linux-arm64|linux-x64) ;; *) echo "$2: runtime must be linux-arm64 or linux-x64, not '$1'" >&2; exit 2;; esac
}

# publish_self_contained WHO PROJECT RID OUT [dotnet publish arguments]: PROJECT published
# self-contained for RID into OUT, stamped with VERSION (default 1.0.0); prints OUT.
publish_self_contained() {
  local who=$1 project=$2 rid=$3 out=$4
  shift 4
  local root version numeric
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  version=${VERSION:-1.0.0}
  require_debian_version "$version" "$who: VERSION"
  # The assembly version takes only numbers (1.2.3 of 1.2.3~rc1-2); the programs report the
  # informational version, which carries the package version as it is, without the SDK's +commit.
  numeric=$(grep -oE '^[0-9]+(\.[0-9]+){0,3}' <<<"$version")
  # One publish at a time: concurrent publishes share the projects' obj/ folders. The lock is
  # held until the calling script ends.
  mkdir -p "$root/out"
  exec 9>"$root/out/.publish.lock"
  flock 9
  # No build servers: they would outlive the script and hold the lock. No analyzers: they check
  # the code (the build does that), not what is packed, and take half the publish's time.
  dotnet publish "$project" -c Release -r "$rid" --self-contained --disable-build-servers \
    -p:DebugType=none -p:GenerateDocumentationFile=false -p:RunAnalyzers=false -o "$out" -nologo -v:q \
    -p:Version="$numeric" -p:InformationalVersion="$version" -p:IncludeSourceRevisionInInformationalVersion=false "$@"
  echo "$out"
}
