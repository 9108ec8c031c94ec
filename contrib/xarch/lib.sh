# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
# Shared helpers of the cross-architecture scripts (sourced by
# contrib/xarch/*.sh and tests/xarch/run.sh).
#
# Everything taken from Debian (target libraries, guest kernels, busybox,
# strace) comes from .debs fetched with "apt-get download" through a
# PRIVATE apt state in the cache: the host's dpkg is never told about
# foreign architectures (no "dpkg --add-architecture", no Multi-Arch
# version lock-step with the host's own packages, no root needed), and a
# broken foreign index cannot break the host's "apt-get update".
#
# Environment:
#   XARCH_CACHE     downloads, apt state, sysroots, kernels (default:
#                   ./xarch-cache); keep it between runs (CI cache)
#   XARCH_MIRROR    Debian mirror (default http://deb.debian.org/debian)
#   XARCH_SUITE     Debian suite (default bookworm)
#   XARCH_APT_AGE   refresh the private package lists when they are older
#                   than this many minutes (default 1440)

XARCH_CACHE=${XARCH_CACHE:-$PWD/xarch-cache}
XARCH_MIRROR=${XARCH_MIRROR:-http://deb.debian.org/debian}
XARCH_SUITE=${XARCH_SUITE:-bookworm}
XARCH_APT_AGE=${XARCH_APT_AGE:-1440}

# xarch_usage: print the calling script's header comment (its usage) and
# exit 2
xarch_usage() {
	awk 'NR > 2 && /^#/ { sub(/^# ?/, ""); print; next } NR > 2 { exit }' "$0" >&2
	exit 2
}

xarch_log() {
	printf '[xarch] %s\n' "$*" >&2
}

xarch_die() {
	printf 'xarch: error: %s\n' "$*" >&2
	exit 1
}

# xarch_set_arch NAME: set the variables describing a target.
#   arch      sctrace's name (aarch64, armhf)
#   darch     Debian's architecture (arm64, armhf)
#   triplet   GNU triplet of the cross toolchain
#   kflavour  Debian kernel flavour (linux-image-<kflavour> metapackage)
#   qemu      full-system emulator; qcpu: its -cpu model
# shellcheck disable=SC2034
xarch_set_arch() {
	case $1 in
	aarch64 | arm64)
		arch=aarch64
		darch=arm64
		triplet=aarch64-linux-gnu
		kflavour=arm64
		qemu="qemu-system-aarch64"
		# cortex-a57 has AArch32 EL0 (armhf compat) and no pointer
		# authentication, whose emulation makes "-cpu max" 4x slower
		qcpu=${XARCH_CPU:-cortex-a57}
		;;
	armhf | arm)
		arch=armhf
		darch=armhf
		triplet=arm-linux-gnueabihf
		kflavour=armmp-lpae
		qemu="qemu-system-arm"
		qcpu=${XARCH_CPU:-cortex-a15}
		;;
	*)
		xarch_die "unknown architecture '$1' (aarch64 or armhf)"
		;;
	esac
}

# xarch_need TOOL [PACKAGE]: fail unless TOOL is installed.
xarch_need() {
	command -v "$1" >/dev/null 2>&1 ||
		xarch_die "$1 is not installed (apt-get install ${2:-$1})"
}

# ---- private apt state -------------------------------------------------

xarch_apt_dir=$XARCH_CACHE/apt
xarch_apt_opts=(
	-o "Dir::State=$xarch_apt_dir/state"
	-o "Dir::State::Lists=$xarch_apt_dir/lists"
	-o "Dir::State::status=$xarch_apt_dir/status"
	-o "Dir::Cache=$xarch_apt_dir/cache"
	-o "Dir::Cache::pkgcache=$xarch_apt_dir/cache/pkgcache.bin"
	-o "Dir::Cache::srcpkgcache="
	-o "Dir::Etc::SourceList=$xarch_apt_dir/sources.list"
	-o "Dir::Etc::SourceParts=$xarch_apt_dir/sources.list.d"
	-o "Dir::Etc::Preferences=$xarch_apt_dir/preferences"
	-o "Dir::Etc::PreferencesParts=$xarch_apt_dir/preferences.d"
	-o "APT::Architecture=arm64"
	-o "APT::Architectures::=arm64"
	-o "APT::Architectures::=armhf"
	-o "Acquire::Languages=none"
	-o "Acquire::Retries=3"
	-o "Debug::NoLocking=1"
	-o "APT::Sandbox::User=$(id -un)"
)

# xarch_apt_update: create the private apt state and refresh its lists
# when missing or older than XARCH_APT_AGE minutes.  Callers hold the
# cache lock (xarch_lock).
xarch_apt_update() {
	local d=$xarch_apt_dir keyring=/usr/share/keyrings/debian-archive-keyring.gpg

	[ -r "$keyring" ] || xarch_die "$keyring missing (apt-get install debian-archive-keyring)"
	mkdir -p "$d/state" "$d/lists/partial" "$d/cache/archives/partial" \
		"$d/sources.list.d" "$d/preferences.d"
	: >>"$d/status"
	printf 'deb [signed-by=%s] %s %s main\n' "$keyring" "$XARCH_MIRROR" \
		"$XARCH_SUITE" >"$d/sources.list.new"
	if ! cmp -s "$d/sources.list.new" "$d/sources.list"; then
		mv "$d/sources.list.new" "$d/sources.list"
		rm -f "$d/updated"
	else
		rm -f "$d/sources.list.new"
	fi
	if [ -e "$d/updated" ] &&
		[ -z "$(find "$d/updated" -mmin +"$XARCH_APT_AGE")" ]; then
		return 0
	fi
	xarch_log "apt-get update ($XARCH_SUITE, arm64 + armhf, private lists in $d)"
	if ! apt-get "${xarch_apt_opts[@]}" -q update >"$d/update.log" 2>&1; then
		cat "$d/update.log" >&2
		# old lists are still good enough to download from
		ls "$d"/lists/*_Packages* >/dev/null 2>&1 ||
			xarch_die "apt-get update failed"
		xarch_log "apt-get update failed; using the lists of an earlier run"
		return 0
	fi
	touch "$d/updated"
}

# xarch_lock: serialise the cache (apt state, unpacking) between scripts
# running at the same time.  The lock is held until the shell exits.
xarch_lock() {
	mkdir -p "$XARCH_CACHE"
	exec 9>"$XARCH_CACHE/.lock"
	flock 9
}

# xarch_kernel_pkg: the kernel package the linux-image-<kflavour>
# metapackage of $darch depends on (e.g. linux-image-6.1.0-50-arm64).
xarch_kernel_pkg() {
	apt-cache "${xarch_apt_opts[@]}" depends "linux-image-$kflavour:$darch" 2>/dev/null |
		awk '/Depends: linux-image-[0-9]/ { sub(/:.*/, "", $2); print $2; exit }'
}

# xarch_debs PKG:DARCH...: print the paths of the packages' .debs in the
# cache, in order, after downloading those that are not there yet.
xarch_debs() {
	local files=() missing=() f i tmp

	mapfile -t files < <(apt-cache "${xarch_apt_opts[@]}" show --no-all-versions "$@" 2>/dev/null |
		sed -n 's/^Filename: .*\///p')
	[ "${#files[@]}" = $# ] ||
		xarch_die "not all of these packages are in $XARCH_SUITE: $*"
	mkdir -p "$XARCH_CACHE/debs"
	for i in "${!files[@]}"; do
		f=$XARCH_CACHE/debs/${files[i]}
		files[i]=$f
		[ -s "$f" ] || missing+=("${@:i+1:1}")
	done
	if [ "${#missing[@]}" != 0 ]; then
		xarch_log "downloading ${missing[*]}"
		tmp=$XARCH_CACHE/debs/tmp.$$
		rm -rf "$tmp"
		mkdir -p "$tmp"
		(cd "$tmp" && apt-get "${xarch_apt_opts[@]}" -q download "${missing[@]}" >/dev/null) ||
			xarch_die "apt-get download ${missing[*]} failed"
		# (apt-get download writes an epoch as "%3a": use the pool names)
		for f in "$tmp"/*.deb; do
			mv "$f" "$XARCH_CACHE/debs/$(basename "$f" | sed 's/_[0-9]*%3a/_/')"
		done
		rm -rf "$tmp"
		for f in "${files[@]}"; do
			[ -s "$f" ] || xarch_die "download of $f failed"
		done
	fi
	printf '%s\n' "${files[@]}"
}

# xarch_unpack DIR PKG:DARCH...: DIR holds exactly these packages,
# extracted (DIR/.debs lists their files; when that list changes, e.g. a
# new version in the archive, DIR is made again from scratch).
xarch_unpack() {
	local dir=$1 debs
	shift
	debs=$(xarch_debs "$@") || exit 1
	# shellcheck disable=SC2086
	xarch_unpack_debs "$dir" $debs
}

# xarch_unpack_debs [-p PATTERN] DIR DEB...: the same with .deb files
# (xarch_debs); with -p, only the members matching PATTERN (a tar
# wildcard such as './boot/vmlinuz-*').
xarch_unpack_debs() {
	local dir deb pat=
	if [ "$1" = -p ]; then
		pat=$2
		shift 2
	fi
	dir=$1
	shift
	if [ "$(basename -a "$@"; echo "$pat")" = "$(cat "$dir/.debs" 2>/dev/null)" ]; then
		return 0
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	for deb in "$@"; do
		if [ -n "$pat" ]; then
			dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir" --wildcards "$pat"
		else
			dpkg-deb -x "$deb" "$dir"
		fi || xarch_die "unpacking $deb failed"
	done
	{ basename -a "$@"; echo "$pat"; } >"$dir/.debs"
}
