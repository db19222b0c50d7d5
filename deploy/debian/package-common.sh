# What the two Debian package scripts share (build-deb.sh: the daemon; build-collector-deb.sh:
# the collector); sourced, not run. deb_begin sets the variables the others use.

source "$(dirname "${BASH_SOURCE[0]}")/../publish-common.sh"

# deb_begin WHO ARCH [VERSION] [OUT]: the arguments checked (WHO names the script in its error
# lines); sets who, arch, version (default 1.0.0), out (default out/packages), rid, root,
# maintainer, and pkg, the package's tree with its DEBIAN folder, in a stage removed on exit.
deb_begin() {
  who=$1
  arch=$2
  version=${3:-1.0.0}
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  out=${4:-$root/out/packages}
  case "$arch" in
    arm64) rid=linux-arm64 ;;
    amd64) rid=linux-x64 ;;
    *) echo "$who: architecture must be arm64 or amd64, not '$arch'" >&2; exit 2 ;;
  esac
  require_debian_version "$version" "$who:"
  # Who answers for the package (Maintainer and the changelog): set MAINTAINER to a real address.
  maintainer=${MAINTAINER:-EdgeEmotion <edgeemotion@localhost>}
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' EXIT
  pkg=$stage/pkg
  mkdir -p "$pkg/DEBIAN"
}

# deb_program PUBLISH_SCRIPT PROGRAM APP: the self-contained publish copied to APP, the folder
# the package installs it in: PUBLISH_DIR, or one PUBLISH_SCRIPT (in deploy/) makes now with the
# package's version. PROGRAM is the executable it must hold.
deb_program() {
  local script=$1 program=$2 app=$3
  local publish=${PUBLISH_DIR:-$stage/publish}
  [ -n "${PUBLISH_DIR:-}" ] || VERSION="$version" "$root/deploy/$script" "$rid" "$publish" >/dev/null
  [ -x "$publish/$program" ] || { echo "$who: no $program in '$publish'" >&2; exit 1; }
  mkdir -p "$(dirname "$app")"
  cp -a "$publish" "$app"
  # Needs liblttng-ust.so.0, which Debian 12 does not have; .NET loads it only for LTTng tracing
  # and runs without it.
  rm -f "$app/libcoreclrtraceptprovider.so"
}

# deb_maintainer_scripts FOLDER: postinst, prerm and postrm from FOLDER.
deb_maintainer_scripts() {
  local script
  for script in postinst prerm postrm; do
    install -m 0755 "$1/$script" "$pkg/DEBIAN/$script"
  done
}

# deb_file_modes APP PROGRAM: Debian's file modes, directories and executables 0755, libraries
# and data 0644 (NuGet leaves the execute bit on every .dll and .so); PROGRAM in APP executable.
deb_file_modes() {
  find "$pkg" -path "$pkg/DEBIAN" -prune -o -type d -exec chmod 0755 {} + -o -type f -exec chmod 0644 {} +
  chmod 0755 "$1/$2"
  [ ! -e "$1/createdump" ] || chmod 0755 "$1/createdump"
}

# deb_docs PACKAGE: its licences and changelog, where Debian policy wants them.
deb_docs() {
  local doc=$pkg/usr/share/doc/$1 when changelog
  mkdir -p "$doc"
  install -m 0644 "$root/deploy/debian/copyright" "$doc/copyright"
  # The changelog's date is the commit's (or now, outside git), so a rebuild gives the same file.
  when=$(git -C "$root" log -1 --format=%cD 2>/dev/null || date -R)
  # Debian names it changelog.Debian.gz for a version with a Debian revision (1.2.3-1),
  # changelog.gz for a native one (1.2.3).
  case "$version" in *-*) changelog=changelog.Debian.gz ;; *) changelog=changelog.gz ;; esac
  printf '%s (%s) stable; urgency=medium\n\n  * Package built from the EdgeEmotion repository; changes are in its history.\n\n -- %s  %s\n' \
    "$1" "$version" "$maintainer" "$when" | gzip -9n > "$doc/$changelog"
  chmod 0644 "$doc/$changelog"
}

# deb_build PACKAGE < FIELDS: DEBIAN/control (the fields every package has, then the package's
# own from standard input, Depends to Description) and <out>/PACKAGE_<version>_<arch>.deb, whose
# path it prints.
deb_build() {
  local size deb="$out/${1}_${version}_${arch}.deb"
  size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
  {
    printf 'Package: %s\nVersion: %s\nArchitecture: %s\nMaintainer: %s\nInstalled-Size: %s\n' "$1" "$version" "$arch" "$maintainer" "$size"
    cat
  } > "$pkg/DEBIAN/control"
  mkdir -p "$out"
  # DEB_COMPRESS_LEVEL=1 (the tests) packs five times faster for an 8 % bigger package; 0 (the
  # tests' packages that lintian does not read) another five times faster, twice as big.
  dpkg-deb --root-owner-group -Zgzip -z"${DEB_COMPRESS_LEVEL:-9}" --build "$pkg" "$deb" >/dev/null
  echo "$deb"
}
