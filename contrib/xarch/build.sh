#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Cross-build a static sctrace for aarch64 or armhf with the project's own
# configure (--host) against a sysroot of Debian's target libraries.
#
# usage: contrib/xarch/build.sh ARCH SRCDIR BUILDDIR
#
#   SRCDIR    a source tree with a generated configure that is NOT
#             configured in place (automake refuses a VPATH build next to
#             an in-tree one): a "make distdir" copy, or an unpacked
#             tarball, or a clean checkout after autoreconf
#   BUILDDIR  the build directory (made if needed; kept for quick
#             rebuilds: configure runs again only when its inputs change)
#
# Result: BUILDDIR/src/sctrace, statically linked.  Needs the Debian
# packages gcc-aarch64-linux-gnu (or gcc-arm-linux-gnueabihf), make, gawk
# or mawk, pkgconf, plus what contrib/xarch/sysroot.sh needs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=contrib/xarch/lib.sh
. "$here/lib.sh"

[ $# = 3 ] || xarch_usage
xarch_set_arch "$1"
srcdir=$(cd "$2" && pwd)
builddir=$3
xarch_need "$triplet-gcc" "gcc-$triplet"
xarch_need make
[ -x "$srcdir/configure" ] || xarch_die "$srcdir/configure missing (autoreconf -fi)"
[ ! -e "$srcdir/config.status" ] ||
	xarch_die "$srcdir is configured in place; use a 'make distdir' copy"

sysroot=$("$here/sysroot.sh" "$arch")
mkdir -p "$builddir"
cd "$builddir"

# --static: libunwind's Libs.private (-llzma, -lunwind) for the static link.
# -Wl,--eh-frame-hdr: gcc leaves it out with -static (see
# docs/cross-arch.md); sctrace does not unwind itself, but costs nothing.
# --disable-recorder: the guests run static programs only, and a static
# build cannot link the recorder's shared object.
cfg=(--host="$triplet" --disable-recorder
	PKG_CONFIG="$sysroot/bin/$triplet-pkg-config --static"
	CFLAGS="${XARCH_CFLAGS:--O2 -g}"
	LDFLAGS="-static -Wl,--eh-frame-hdr")
if [ ! -f config.status ] || [ "$(cat .xarch-configure 2>/dev/null)" != "$srcdir ${cfg[*]}" ] ||
	[ "$srcdir/configure" -nt config.status ]; then
	xarch_log "$arch: configure --host=$triplet (in $builddir)"
	rm -f config.cache
	if ! "$srcdir/configure" "${cfg[@]}" >configure.out 2>&1; then
		tail -n 30 configure.out >&2
		[ -f config.log ] && tail -n 40 config.log >&2
		xarch_die "$arch: configure failed (see $builddir/config.log)"
	fi
	printf '%s\n' "$srcdir ${cfg[*]}" >.xarch-configure
fi
xarch_log "$arch: make"
# (BUILT_SOURCES need "all", not just src/sctrace)
if ! make -j"${XARCH_JOBS:-$(nproc)}" all >make.out 2>&1; then
	tail -n 40 make.out >&2
	xarch_die "$arch: make failed (see $builddir/make.out)"
fi
# glibc warns about getpwent & co. in a static link; everything else counts
if grep -v -E "Using '[a-z]+' in statically linked|in function \`" make.out |
	grep -E 'warning:' >&2; then
	xarch_log "$arch: the build has warnings (above)"
fi

h=$(LC_ALL=C readelf -h src/sctrace | sed -n 's/^ *Machine: *//p')
case $arch:$h in
aarch64:AArch64 | armhf:ARM) ;;
*) xarch_die "$builddir/src/sctrace is for '$h', not $arch" ;;
esac
if LC_ALL=C readelf -l src/sctrace | grep -q 'program interpreter'; then
	xarch_die "$builddir/src/sctrace is not statically linked"
fi
xarch_log "$arch: $builddir/src/sctrace ($(du -k src/sctrace | cut -f1) KiB, static)"
