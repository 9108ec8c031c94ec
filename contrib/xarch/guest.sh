#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Boot a full-system QEMU guest (TCG) with Debian's stock kernel and a
# busybox initramfs made from a directory, and bring back the files the
# guest wrote to /out.
#
# usage: contrib/xarch/guest.sh [-x PKG]... ARCH ROOT OUTDIR
#
#   ARCH    aarch64 or armhf
#   ROOT    the initramfs's files; ROOT/init (a busybox sh script) must be
#           there.  This script adds /bin/busybox, the contents of the -x
#           packages, and the ELF interpreter and shared libraries of every
#           dynamic executable in ROOT (from the cross toolchain's
#           /usr/<triplet>/lib; ROOT may hold binaries of the 32-bit ABI too).
#   OUTDIR  emptied, then receives console.log (the serial console) and the
#           files the guest sent (see below)
#   -x PKG  also unpack Debian package PKG of ARCH into ROOT (e.g. strace)
#
# The guest sends a file by printing, on the serial console:
#     === XARCH-FILE <name> <bytes> <sha256>
#     <the file, gzip'ed, base64>
#     === XARCH-FILE-END
# (tests/xarch/init.sh's send_file does that) and ends with a line
# "=== XARCH-DONE" before "poweroff -f".  A file named *.tar is unpacked
# into OUTDIR instead.
#
# Environment: XARCH_CACHE (see lib.sh), XARCH_TIMEOUT (seconds, default
# 300), XARCH_CPU, XARCH_MEM (MiB, default 512), XARCH_KVER (kernel ABI,
# e.g. 6.1.0-50; default: what linux-image-<flavour> depends on).
# Exit status: 0 when the guest said XARCH-DONE and every file arrived
# intact, 1 otherwise.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=contrib/xarch/lib.sh
. "$here/lib.sh"

extra_pkgs=()
while getopts "x:h" o; do
	case $o in
	x) extra_pkgs+=("$OPTARG") ;;
	*) xarch_usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 3 ] || xarch_usage
xarch_set_arch "$1"
root=$(cd "$2" && pwd)
out=$3
[ -f "$root/init" ] || xarch_die "$root/init is missing"

xarch_need "$qemu" qemu-system-arm
xarch_need cpio
xarch_need gzip
xarch_need base64 coreutils
xarch_need readelf binutils
xarch_need flock util-linux

# ---- kernel, busybox and the extra packages, from Debian ----------------

xarch_lock
xarch_apt_update
if [ -n "${XARCH_KVER:-}" ]; then
	kpkg=linux-image-$XARCH_KVER-$kflavour
else
	kpkg=$(xarch_kernel_pkg)
	[ -n "$kpkg" ] || xarch_die "cannot resolve linux-image-$kflavour:$darch"
fi
# (one apt-cache call for all: each one reads the whole package cache)
mapfile -t debs < <(xarch_debs "$kpkg:$darch" "busybox-static:$darch" \
	"${extra_pkgs[@]/%/:$darch}")
[ "${#debs[@]}" = $((2 + ${#extra_pkgs[@]})) ] || exit 1
kdir=$XARCH_CACHE/kernel-$darch
# (only the kernel: no modules are needed, see docs/cross-arch.md)
xarch_unpack_debs -p './boot/vmlinuz-*' "$kdir" "${debs[0]}"
kernel=$(find "$kdir/boot" -name 'vmlinuz-*' | head -n 1)
bbdir=$XARCH_CACHE/busybox-$darch
xarch_unpack_debs "$bbdir" "${debs[1]}"
xdir=
if [ "${#extra_pkgs[@]}" != 0 ]; then
	xdir=$XARCH_CACHE/extra-$darch
	xarch_unpack_debs "$xdir" "${debs[@]:2}"
fi
flock -u 9

# ---- the initramfs ---------------------------------------------------------

mkdir -p "$root/bin" "$root/dev" "$root/proc" "$root/sys" "$root/tmp" "$root/out"
cp "$bbdir/bin/busybox" "$root/bin/busybox"
if [ -n "$xdir" ]; then
	(cd "$xdir" && tar -cf - --exclude=./usr/share --exclude=./.debs .) |
		(cd "$root" && tar -xf -)
fi

# elf_triplet FILE: the cross toolchain of an ELF file, from its e_machine
elf_triplet() {
	case $(LC_ALL=C readelf -h "$1" | sed -n 's/^ *Machine: *//p') in
	AArch64) echo aarch64-linux-gnu ;;
	ARM) echo arm-linux-gnueabihf ;;
	*) xarch_die "$1: not an aarch64 or arm ELF file" ;;
	esac
}

# copy_libs ELF: the ELF interpreter and the shared libraries (recursively)
# that ELF needs, from the cross toolchain's libc directory.
copy_libs() {
	local f=$1 trip interp lib dir

	trip=$(elf_triplet "$f")
	dir=/usr/$trip/lib
	interp=$(LC_ALL=C readelf -l "$f" | sed -n 's/.*program interpreter: \(.*\)]$/\1/p')
	if [ -n "$interp" ] && [ ! -e "$root$interp" ]; then
		mkdir -p "$root$(dirname "$interp")"
		cp -L "$dir/$(basename "$interp")" "$root$interp"
	fi
	for lib in $(LC_ALL=C readelf -d "$f" | sed -n 's/.*Shared library: \[\(.*\)\]$/\1/p'); do
		[ -e "$root/lib/$trip/$lib" ] && continue
		[ -e "$dir/$lib" ] || xarch_die "$lib (needed by $f) is not in $dir"
		mkdir -p "$root/lib/$trip"
		cp -L "$dir/$lib" "$root/lib/$trip/$lib"
		copy_libs "$root/lib/$trip/$lib"
	done
}

while IFS= read -r -d '' f; do
	[ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] || continue
	LC_ALL=C readelf -l "$f" 2>/dev/null | grep -q 'program interpreter' || continue
	copy_libs "$f"
done < <(find "$root" -path "$root/lib" -prune -o -type f -perm -u+x -print0)

work=$(mktemp -d "${TMPDIR:-/tmp}/xarch-guest.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -1) \
	>"$work/initrd.gz"

# ---- boot ------------------------------------------------------------------

rm -rf "$out"
mkdir -p "$out"
log=$out/console.log
append="console=ttyAMA0 rdinit=/init panic=-1 loglevel=4"
qargs=(-M virt -cpu "$qcpu" -m "${XARCH_MEM:-512}" -smp 1
	-nographic -no-reboot -nic none -monitor none -serial stdio
	-kernel "$kernel" -initrd "$work/initrd.gz" -append "$append")
xarch_log "$arch: $qemu ${qargs[*]} (initramfs $(du -k "$work/initrd.gz" | cut -f1) KiB, $(basename "$kpkg"))"
t0=$(date +%s.%N)
set +e
timeout --foreground -k 5 "${XARCH_TIMEOUT:-300}" "$qemu" "${qargs[@]}" \
	</dev/null >"$work/console.raw" 2>&1
qrc=$?
set -e
t1=$(date +%s.%N)
tr -d '\r' <"$work/console.raw" >"$log"

# ---- the files the guest sent ----------------------------------------------

status=0
case $qrc in
0) ;;
124 | 137) xarch_log "$arch: TIMEOUT after ${XARCH_TIMEOUT:-300} s"; status=1 ;;
*) xarch_log "$arch: $qemu exited with $qrc"; status=1 ;;
esac
grep -q '^=== XARCH-DONE' "$log" || { xarch_log "$arch: the guest did not finish (no XARCH-DONE)"; status=1; }

# Each file: the base64 lines between its markers (any kernel message
# in between fails the checksum, never passes silently).
n=0
while read -r name size sum; do
	n=$((n + 1))
	awk -v name="$name" '
		$0 == "=== XARCH-FILE-END" { p = 0 }
		p { print }
		$1 == "===" && $2 == "XARCH-FILE" && $3 == name { p = 1 }' "$log" |
		base64 -d 2>/dev/null | gzip -dc >"$out/$name" 2>/dev/null || true
	if [ "$(wc -c <"$out/$name")" != "$size" ] ||
		[ "$(sha256sum <"$out/$name" | cut -d' ' -f1)" != "$sum" ]; then
		xarch_log "$arch: $name arrived damaged"
		status=1
	elif [ "${name%.tar}" != "$name" ]; then
		tar -C "$out" --no-same-owner -m -xf "$out/$name" || status=1
		rm -f "$out/$name"
	fi
done < <(sed -n 's/^=== XARCH-FILE \([A-Za-z0-9._-]*\) \([0-9]*\) \([0-9a-f]*\)$/\1 \2 \3/p' "$log")

wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
xarch_log "$arch: guest ran ${wall} s$(sed -n 's/^=== XARCH-INIT uptime=\([0-9.]*\).*/ (init at \1 s/p' "$log")$(sed -n 's/^=== XARCH-SEND uptime=\([0-9.]*\).*/, sending at \1 s)/p' "$log"), $n files to $out"
exit $status
