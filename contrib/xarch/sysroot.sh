#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Make a sysroot of sctrace's target libraries for a cross build, from
# Debian's .debs (no multiarch install on the host), and a pkg-config
# wrapper for it.
#
# usage: contrib/xarch/sysroot.sh ARCH        (aarch64 or armhf)
#
# Prints the sysroot's directory.  It is $XARCH_CACHE/sysroot-<darch>,
# remade only when a package's version changes; the wrapper is
# <sysroot>/bin/<triplet>-pkg-config (add "--static" for a static link).
# The C library itself comes from the cross toolchain
# (libc6-dev-<darch>-cross), not from the sysroot.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=contrib/xarch/lib.sh
. "$here/lib.sh"

[ $# = 1 ] || xarch_usage
xarch_set_arch "$1"
xarch_need apt-get apt
xarch_need dpkg-deb dpkg
xarch_need flock util-linux
if command -v pkgconf >/dev/null 2>&1; then
	pkgconf=pkgconf
else
	xarch_need pkg-config
	pkgconf=pkg-config
fi

# liblzma: libunwind's static link needs it (Libs.private)
pkgs=(libseccomp-dev libseccomp2 zlib1g-dev zlib1g libunwind-dev libunwind8
	liblzma-dev liblzma5)

xarch_lock
xarch_apt_update
sysroot=$XARCH_CACHE/sysroot-$darch
old=$(cat "$sysroot/.debs" 2>/dev/null || true)
xarch_unpack "$sysroot" "${pkgs[@]/%/:$darch}"

if [ "$old" != "$(cat "$sysroot/.debs")" ]; then
	xarch_log "sysroot $sysroot: $(tr '\n' ' ' <"$sysroot/.debs")"
	# The -dev packages have absolute symlinks (usr/lib/<triplet>/libz.so
	# -> /lib/<triplet>/libz.so.1.2.13) that would resolve on the HOST,
	# and ld would then quietly take libz.a: make them point inside.
	find "$sysroot" -type l -lname '/*' | while read -r l; do
		ln -sfn "$sysroot$(readlink "$l")" "$l"
	done
fi

mkdir -p "$sysroot/bin"
cat >"$sysroot/bin/$triplet-pkg-config.new" <<EOF
#!/bin/sh
# pkg-config for the $darch sysroot $sysroot (made by contrib/xarch/sysroot.sh)
PKG_CONFIG_SYSROOT_DIR='$sysroot'
PKG_CONFIG_LIBDIR='$sysroot/usr/lib/$triplet/pkgconfig:$sysroot/usr/share/pkgconfig'
export PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR
unset PKG_CONFIG_PATH
exec $pkgconf "\$@"
EOF
chmod +x "$sysroot/bin/$triplet-pkg-config.new"
mv "$sysroot/bin/$triplet-pkg-config.new" "$sysroot/bin/$triplet-pkg-config"

"$sysroot/bin/$triplet-pkg-config" --exists libseccomp zlib libunwind-ptrace ||
	xarch_die "the sysroot $sysroot lacks a library"
printf '%s\n' "$sysroot"
