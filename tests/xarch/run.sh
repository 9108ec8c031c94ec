#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Cross-architecture tests ("make check-cross ARCH=..."): trace the test
# programs with an sctrace built for another architecture, and check the
# captures on the host with sysdig and tshark like the integration tests.
#
# usage: tests/xarch/run.sh ARCH...     ARCH: aarch64, armhf, i386 or all
#
#   aarch64, armhf   cross-build a static sctrace from this source tree
#                    (contrib/xarch/build.sh, in build-ARCH/) and static
#                    test programs, boot Debian's kernel in QEMU
#                    (contrib/xarch/guest.sh) and run them there under
#                    sctrace and under Debian's strace for ARCH.  The
#                    aarch64 guest also runs the armhf programs under the
#                    aarch64 sctrace (compat-*: 32-bit tracees of a
#                    64-bit tracer) and under the armhf sctrace (a32-*: a
#                    32-bit tracer on a 64-bit kernel).
#   i386             no QEMU: "gcc -m32" programs traced by the native
#                    sctrace (src/sctrace of the build tree) and strace.
#
# The guest's files land in tests/xarch/out-ARCH/ of the build tree, and
# tests/xarch/check.sh checks them (its log: out-ARCH/check.log).
#
# Environment: top_srcdir (default: from this file's place), top_builddir
# (default: top_srcdir); XARCH_CACHE (default
# <top_builddir>/xarch-cache: apt state, .debs, sysroots, kernels; keep it
# between runs); XARCH_JOBS; the XARCH_* of contrib/xarch/lib.sh and
# guest.sh.  Exit status: 0 if every check of every ARCH passed.
set -uo pipefail
export LC_ALL=C
# from "make check-cross": the cross builds are makes of their own
unset MAKEFLAGS MFLAGS MAKELEVEL

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_srcdir=$(cd "${top_srcdir:-$here/../..}" && pwd)
top_builddir=$(cd "${top_builddir:-$top_srcdir}" && pwd)
export XARCH_CACHE=${XARCH_CACHE:-$top_builddir/xarch-cache}
contrib=$top_srcdir/contrib/xarch
# shellcheck source=contrib/xarch/lib.sh
. "$contrib/lib.sh"

[ $# -ge 1 ] || xarch_usage
arches=()
for a in "$@"; do
	case $a in
	all) arches+=(aarch64 armhf i386) ;;
	aarch64 | armhf | i386) arches+=("$a") ;;
	*) xarch_die "unknown ARCH '$a' (aarch64, armhf, i386 or all)" ;;
	esac
done

t_start=$(date +%s)
timings=()
# stage NAME CMD...: run CMD, note how long it took
stage() {
	local name=$1 t0 rc
	shift
	t0=$(date +%s)
	"$@"
	rc=$?
	timings+=("$(printf '%-36s %4ss%s' "$name" $(($(date +%s) - t0)) \
		"$([ $rc = 0 ] || echo "  (FAILED, exit $rc)")")")
	return $rc
}

# ---- test programs -----------------------------------------------------------

# build_progs CC DIR ABI: the test programs, static, into DIR
build_progs() {
	local cc=$1 dir=$2 abi=$3 cflags extra=()
	mkdir -p "$dir"
	cflags=(-O2 -g -Wall -funwind-tables -static "-Wl,--eh-frame-hdr")
	# aarch64 has no fork syscall: procs's "rawfork" mode (not run
	# here) then fails with ENOSYS instead of not compiling
	[ "$abi" = aarch64 ] && extra=(-DSYS_fork=-1)
	$cc "${cflags[@]}" -o "$dir/xfile" "$here/xfile.c" &&
		$cc "${cflags[@]}" "${extra[@]}" -pthread -o "$dir/procs" \
			"$top_srcdir/tests/progs/procs.c" &&
		$cc "${cflags[@]}" -o "$dir/net" "$top_srcdir/tests/progs/net.c" &&
		$cc "${cflags[@]}" -O0 -fno-omit-frame-pointer -pthread -o "$dir/stacks" \
			"$top_srcdir/tests/progs/stacks.c"
}

# build_recorder CC ROOT BUILDDIR: the in-process recorder (the static
# cross build of sctrace has none: --disable-recorder) as a shared object
# in ROOT/lib/sctrace, and tests/progs/recorded and execfail dynamically
# linked (the recorder only goes into such programs) in ROOT/t.  sctrace in
# the guest finds the recorder through SCTRACE_PRELOAD (init.sh).
build_recorder() {
	local cc=$1 root=$2 b=$3
	mkdir -p "$root/lib/sctrace" "$root/t"
	$cc -O2 -g -Wall -fPIC -shared -fvisibility=hidden -fno-stack-protector \
		-I"$b" -I"$xsrc/src" -Wl,-z,defs -Wl,-z,noseparate-code -Wl,-z,norelro \
		-o "$root/lib/sctrace/libsctrace-preload.so" \
		"$xsrc/src/preload/preload.c" -ldl -lpthread &&
		$cc -O2 -g -Wall -pthread -I"$xsrc/src" -o "$root/t/recorded" \
			"$top_srcdir/tests/progs/recorded.c" &&
		$cc -O2 -g -Wall -o "$root/t/execfail" \
			"$top_srcdir/tests/progs/execfail.c"
}

# cases ABI DIR [PREFIX]: the case list (tests/xarch/run-cases.sh) of the
# programs in DIR, built for ABI; PREFIX goes before each case's name.
cases() {
	local abi=$1 d=$2 p=${3:-}
	cat <<EOF
${p}file $abi $d/xfile @W@
${p}fork $abi $d/procs fork
${p}thread $abi $d/procs thread @W@/thread.txt
${p}tcp $abi $d/net tcp @X@
${p}udp $abi $d/net udp @X@
${p}unix $abi $d/net unix @X@
${p}stacks $abi $d/stacks
EOF
}

# ---- sctrace's source, unconfigured ------------------------------------------

# A VPATH build cannot share a source tree that is configured in place
# (the usual case: contrib/test.sh builds in-tree), so the cross builds
# use a "make distdir" copy: exactly the files the release tarball has.
src_copy() {
	xsrc=$top_builddir/build-xarch-src
	if [ -f "$top_builddir/Makefile" ]; then
		make -s -C "$top_builddir" distdir distdir="$xsrc" top_distdir="$xsrc" \
			>"$top_builddir/build-xarch-src.log" 2>&1 || {
			tail -n 20 "$top_builddir/build-xarch-src.log" >&2
			xarch_log "make distdir failed"
			return 1
		}
	elif [ -x "$top_srcdir/configure" ] && [ ! -e "$top_srcdir/config.status" ]; then
		xsrc=$top_srcdir
	else
		xarch_log "no configured build tree in $top_builddir and no clean source tree"
		return 1
	fi
}

# ---- one architecture --------------------------------------------------------

# guest_arch ARCH: build, boot, fetch the captures into out-ARCH
guest_arch() {
	local a=$1 b=$top_builddir/build-$1 root out=$top_builddir/tests/xarch/out-$1
	local cc=aarch64-linux-gnu-gcc rc=0
	[ "$a" = armhf ] && cc=arm-linux-gnueabihf-gcc

	stage "$a: cross-build sctrace" "$contrib/build.sh" "$a" "$xsrc" "$b" || return 1
	if [ "$a" = aarch64 ]; then
		stage "$a: cross-build armhf sctrace" "$contrib/build.sh" armhf "$xsrc" \
			"$top_builddir/build-armhf" || return 1
	fi
	root=$b/guest-root
	rm -rf "$root"
	mkdir -p "$root/bin" "$root/xarch"
	stage "$a: test programs" build_progs "$cc" "$root/t" "$a" || return 1
	if [ "$a" = aarch64 ]; then
		stage "$a: in-process recorder" build_recorder "$cc" "$root" "$b" ||
			return 1
	fi
	if [ "$a" = aarch64 ]; then
		stage "$a: armhf test programs" build_progs arm-linux-gnueabihf-gcc \
			"$root/t32" armhf || return 1
	fi
	cp "$b/src/sctrace" "$root/bin/sctrace"
	if [ "$a" = aarch64 ]; then
		cp "$top_builddir/build-armhf/src/sctrace" "$root/t32/sctrace"
	fi
	cp "$here/init.sh" "$root/init"
	cp "$here/run-cases.sh" "$root/xarch/run-cases.sh"
	{
		cases "$a" /t
		if [ "$a" = aarch64 ]; then
			echo "recorded aarch64 /t/recorded @W@"
			echo "execfail aarch64 /t/execfail @W@"
			cases armhf /t32 compat-
			echo "tracer /t32/sctrace"
			cases armhf /t32 a32-
		fi
	} >"$root/xarch/cases"
	if ! stage "$a: QEMU guest" "$contrib/guest.sh" -x strace "$a" "$root" "$out"; then
		rc=1
		echo "---- the end of $out/console.log:"
		tail -n 25 "$out/console.log" 2>/dev/null
		# (check what did come back)
		[ -s "$out/cases" ] || return 1
	fi
	run_check "$a" "$out" "$b/src/sctrace" || rc=1
	return $rc
}

# host_i386: the i386 programs under the native sctrace, on this machine
host_i386() {
	local b=$top_builddir/build-i386 out=$top_builddir/tests/xarch/out-i386 tmp
	local cc="gcc -m32 -idirafter /usr/include/x86_64-linux-gnu"

	[ -x "$top_builddir/src/sctrace" ] || {
		xarch_log "i386: no native sctrace in $top_builddir/src (make first)"
		return 1
	}
	if ! echo 'int main(void) { return 0; }' |
		$cc -static -x c -o /dev/null - 2>/dev/null; then
		xarch_log "i386: gcc -m32 cannot link (apt-get install gcc-12-multilib; NOT gcc-multilib, which removes the cross compilers)"
		return 1
	fi
	stage "i386: test programs" build_progs "$cc" "$b/t" i386 || return 1
	cases i386 "$b/t" >"$b/cases"
	rm -rf "$out"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/xarch-i386.XXXXXX")
	stage "i386: trace on the host" env SCTRACE="$top_builddir/src/sctrace" \
		sh "$here/run-cases.sh" "$b/cases" "$out" "$tmp" >"$b/run-cases.log" 2>&1
	local rc=$?
	rm -rf "$tmp"
	[ $rc = 0 ] || return 1
	run_check i386 "$out" "$top_builddir/src/sctrace"
}

# run_check ARCH OUT SCTRACE: tests/xarch/check.sh, log in OUT/check.log
run_check() {
	local a=$1 out=$2 rc
	stage "$a: checks" env SCTRACE="$3" top_srcdir="$top_srcdir" \
		bash "$here/check.sh" "$out" >"$out/check.log" 2>&1
	rc=$?
	# each failure with the indented lines that detail it
	awk '/^(FAIL|ERROR)|^check: [0-9]+ checks failed as known/ { p = 1; print; next }
		p && /^      / { print; next } { p = 0 }' "$out/check.log" | head -n 60
	tail -n 1 "$out/check.log"
	return $rc
}

failed=()
need_src=
for a in "${arches[@]}"; do
	[ "$a" != i386 ] && need_src=1
done
if [ -n "$need_src" ]; then
	stage "source copy (make distdir)" src_copy || exit 1
fi
for a in "${arches[@]}"; do
	echo "==> $a"
	if [ "$a" = i386 ]; then
		host_i386 || failed+=("$a")
	else
		guest_arch "$a" || failed+=("$a")
	fi
done

echo
echo "==> timings"
printf '  %s\n' "${timings[@]}"
printf '  %-36s %4ss\n' total $(($(date +%s) - t_start))
if [ "${#failed[@]}" != 0 ]; then
	echo "xarch: FAILED: ${failed[*]} (logs: tests/xarch/out-ARCH/check.log, console.log)"
	exit 1
fi
echo "xarch: all passed: ${arches[*]}"
