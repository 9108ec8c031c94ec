#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Decoding fidelity: trace each tests/fidelity program with --old-readers,
# read the capture with sysdig and compare every parameter the program
# expects (FX() lines, see tests/fidelity/fidelity.h); trace it again with
# the default output, which tshark must dissect cleanly, and, when
# sinsp-print (libs 0.25) is on PATH, compare its view with the FXN()
# lines.  Each capture must also dissect in tshark
# without "Malformed", and, when the newest-libs checker is installed
# ($SINSP_CHECK, default /work/sinsp-check), read with RESULT: OK.
#
# usage: run.sh [PROGRAM...]   (default: all of them)
# Environment: top_builddir, top_srcdir (set by tests/fidelity.am, or
# derived from this file's location), SCTRACE=PATH (the sctrace to test),
# SCTRACE_TEST_KEEP=1 (keep the temporary directory).
# Exit status: 0 pass, 1 fail, 77 skip (no ptrace), 99 missing tool.

set -uo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_srcdir=$(cd "${top_srcdir:-$here/../..}" && pwd)
top_builddir=$(cd "${abs_top_builddir:-${top_builddir:-$top_srcdir}}" && pwd)
SCTRACE=${SCTRACE:-$top_builddir/src/sctrace}
BIN=$top_builddir/tests/fidelity
EVENTS=$top_srcdir/syscalls/events.tbl
SINSP_CHECK=${SINSP_CHECK:-/work/sinsp-check}
# libs 0.25's event printer (the validators' sinsp-print), if on PATH
SINSP_PRINT=${SINSP_PRINT:-$(command -v sinsp-print || true)}
ALL="fs io proc spawn mem wait net hostile"

for tool in sysdig tshark; do
	command -v "$tool" >/dev/null || { echo "ERROR: $tool not found" >&2; exit 99; }
done
[ -x "$SCTRACE" ] || { echo "ERROR: no sctrace at $SCTRACE" >&2; exit 99; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sctrace-fidelity.XXXXXX")
if [ "${SCTRACE_TEST_KEEP:-}" ]; then
	echo "keeping $TMP"
else
	trap 'rm -rf "$TMP"' EXIT
fi

# ptrace must work at all (containers may forbid it).
if ! "$SCTRACE" -o "$TMP/probe.scap" -- /bin/true >/dev/null 2>&1; then
	echo "SKIP: sctrace cannot trace here" >&2
	exit 77
fi

# sinsp_check NAME CAPTURE: the newest-libs checker, when installed, reads
# CAPTURE with RESULT: OK.
sinsp_check() {
	[ -x "$SINSP_CHECK" ] || return 0
	if "$SINSP_CHECK" "$2" >"$2.sinsp" 2>&1 &&
			grep -q 'RESULT: OK' "$2.sinsp"; then
		echo "ok: $1: newest reader: RESULT: OK"
	else
		echo "FAIL: $1: newest reader:"
		tail -5 "$2.sinsp" | sed 's/^/      /'
		failed=1
	fi
}

failed=0
for t in ${*:-$ALL}; do
	prog=$BIN/$t
	[ -x "$prog" ] || { echo "ERROR: $prog not built" >&2; exit 99; }
	d=$TMP/$t
	mkdir -p "$d"
	# the programs work in their own directory (relative paths); sysdig
	# 0.29 reads only the 2022 event types: --old-readers
	if ! (cd "$d" && "$SCTRACE" --old-readers -o "$d/cap.scap" -- "$prog" \
			"$d/expect" >"$d/prog.out" 2>&1); then
		echo "FAIL: $t: the traced program failed:"
		sed 's/^/      /' "$d/prog.out"
		failed=1
		continue
	fi
	if ! sysdig -r "$d/cap.scap" \
			-p "*%evt.num	%thread.tid	%evt.type	%evt.dir	%evt.args" \
			>"$d/sysdig.out" 2>"$d/sysdig.err"; then
		echo "FAIL: $t: sysdig cannot read the capture:"
		sed 's/^/      /' "$d/sysdig.err"
		failed=1
		continue
	fi
	tshark -r "$d/cap.scap" -T fields -e frame.number -e sysdig.thread_id \
		-e sysdig.event_type -e sysdig.param.len -E separator=/t \
		>"$d/tshark.out" 2>/dev/null
	awk -f "$here/check.awk" -v test="$t" "$EVENTS" "$d/expect" \
		"$d/sysdig.out" "$d/tshark.out" || failed=1
	if tshark -r "$d/cap.scap" -V 2>&1 | grep -q -i malformed; then
		echo "FAIL: $t: tshark reports malformed events:"
		tshark -r "$d/cap.scap" -V 2>&1 | grep -i -m5 -B20 malformed | sed 's/^/      /'
		failed=1
	else
		echo "ok: $t: tshark -V: no malformed events"
	fi
	sinsp_check "$t" "$d/cap.scap"
	# the default output, for Stratoshark: the same program again
	n=$d/new
	mkdir -p "$n"
	if ! (cd "$n" && "$SCTRACE" -o "$n/cap.scap" -- "$prog" "$n/expect" \
			>"$n/prog.out" 2>&1); then
		echo "FAIL: $t: the traced program failed (default output):"
		sed 's/^/      /' "$n/prog.out"
		failed=1
		continue
	fi
	if tshark -r "$n/cap.scap" -V 2>&1 | grep -q -i malformed; then
		echo "FAIL: $t: tshark reports malformed events (default output):"
		tshark -r "$n/cap.scap" -V 2>&1 | grep -i -m5 -B20 malformed | sed 's/^/      /'
		failed=1
	else
		echo "ok: $t: tshark -V: no malformed events (default output)"
	fi
	sinsp_check "$t" "$n/cap.scap"
	if [ -z "$SINSP_PRINT" ]; then
		echo "skip: $t: no sinsp-print (libs 0.25) on PATH: the FXN() expectations of the default output are not checked"
	elif ! "$SINSP_PRINT" -F "*%evt.num	%thread.tid	%evt.type	%evt.dir	%evt.args" \
			"$n/cap.scap" >"$n/sinsp.out" 2>"$n/sinsp.err"; then
		echo "FAIL: $t: sinsp-print cannot read the default output:"
		tail -5 "$n/sinsp.err" | sed 's/^/      /'
		failed=1
	else
		awk -f "$here/check.awk" -v test="$t (newest)" -v newest=1 \
			"$EVENTS" "$n/expect" "$n/sinsp.out" /dev/null || failed=1
	fi
done
if [ "$failed" != 0 ]; then
	echo "fidelity: FAILED"
	exit 1
fi
echo "fidelity: all passed"
exit 0
