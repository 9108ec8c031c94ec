#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Run the cross-architecture test cases: in the QEMU guests (busybox sh,
# from tests/xarch/init.sh) and on the host for i386 (tests/xarch/run.sh).
#
# usage: run-cases.sh CASES OUT TMP
#
# CASES has lines "NAME ABI PROG [ARGS...]" (no blanks inside an
# argument; '#' starts a comment line), and "tracer PATH" lines: PATH is
# the sctrace of the cases that follow (default: $SCTRACE).  In ARGS, @W@ is the case's own
# new work directory (also the current directory of PROG) and @X@ a file
# the program may write for the checks (OUT/NAME.x).  Each case runs as
#     $SCTRACE --old-readers -o OUT/NAME.scap -- PROG ARGS   (stdout, stderr: NAME.out, .err)
# then again in the default output, for the newest readers (another work
# directory), as
#     $SCTRACE -o OUT/NAME.new.scap -- PROG ARGS             (stderr: NAME.new.err)
# and then, for the per-syscall counts, again (in another work directory) as
#     $STRACE -f -qq -o OUT/NAME.strace PROG ARGS
# OUT/cases gets one line per case:
#     NAME ABI PROG WORKDIR SCTRACE-STATUS STRACE-STATUS SECONDS
# (STRACE-STATUS '-': not run; SECONDS: of the sctrace run).
# A case whose name ends in "stacks" has -k in both sctrace runs.  One
# whose name ends in "recorded" runs a third time under "sctrace -v", for
# its count of threads recorded in-process (NAME.v.err).
#
# A run that takes longer than $XARCH_CASE_TIMEOUT seconds (default 60) is
# killed (SIGKILL; status 137).
#
# Environment: SCTRACE (default: sctrace), STRACE (default: strace when
# installed; empty: no strace runs), XARCH_CASE_TIMEOUT.

cases=$1 out=$2 tmp=$3
SCTRACE=${SCTRACE:-sctrace}
tmo=${XARCH_CASE_TIMEOUT:-60}
if [ -z "${STRACE+set}" ]; then
	STRACE=$(command -v strace || true)
fi

now() {
	if [ -r /proc/uptime ]; then
		cut -d' ' -f1 /proc/uptime
	else
		date +%s
	fi
}

# subst DIR X ARGS...: ARGS one per line, @W@ -> DIR, @X@ -> X
subst() {
	sw=$1 sx=$2
	shift 2
	for a in "$@"; do
		printf '%s\n' "$a" | sed "s|@W@|$sw|g; s|@X@|$sx|g"
	done
}

# run_case NAME ABI PROG [ARGS...]
run_case() {
	name=$1 abi=$2 prog=$3 k=
	shift 3
	case $name in *stacks) k=-k ;; esac
	echo "=== XARCH-CASE $name ($abi): $SCTRACE -- $prog $*"
	w=$tmp/sc/$name
	rm -rf "$w"
	mkdir -p "$w"
	t0=$(now)
	# (the arguments go through a file: no word splitting, no eval)
	subst "$w" "$out/$name.x" "$@" >"$tmp/args"
	(
		cd "$w" || exit 1
		set --
		while IFS= read -r a; do set -- "$@" "$a"; done <"$tmp/args"
		# the host reads the captures with Debian's sysdig 0.29:
		# --old-readers (docs/scap-format.md §3.4)
		exec timeout -s KILL "$tmo" "$SCTRACE" $k --old-readers -o "$out/$name.scap" -- "$prog" "$@" </dev/null \
			>"$out/$name.out" 2>"$out/$name.err"
	)
	rc=$?
	t1=$(now)
	# the newest readers' default output too (NAME.new.scap), in a work
	# directory of its own, for the checks with tshark and libs 0.25
	w3=$tmp/new/$name
	rm -rf "$w3"
	mkdir -p "$w3"
	subst "$w3" "$w3/x" "$@" >"$tmp/args"
	(
		cd "$w3" || exit 1
		set --
		while IFS= read -r a; do set -- "$@" "$a"; done <"$tmp/args"
		exec timeout -s KILL "$tmo" "$SCTRACE" $k -o "$out/$name.new.scap" -- "$prog" "$@" </dev/null \
			>/dev/null 2>"$out/$name.new.err"
	)
	case $name in
	*recorded)
		w4=$tmp/v/$name
		rm -rf "$w4"
		mkdir -p "$w4"
		subst "$w4" "$w4/x" "$@" >"$tmp/args"
		(
			cd "$w4" || exit 1
			set --
			while IFS= read -r a; do set -- "$@" "$a"; done <"$tmp/args"
			exec timeout -s KILL "$tmo" "$SCTRACE" -v -o /dev/null -- "$prog" "$@" </dev/null \
				>/dev/null 2>"$out/$name.v.err"
		)
		;;
	esac
	src=-
	if [ -n "$STRACE" ]; then
		w2=$tmp/st/$name
		rm -rf "$w2"
		mkdir -p "$w2"
		subst "$w2" "$w2/x" "$@" >"$tmp/args"
		(
			cd "$w2" || exit 1
			set --
			while IFS= read -r a; do set -- "$@" "$a"; done <"$tmp/args"
			exec timeout -s KILL "$tmo" "$STRACE" -f -qq -o "$out/$name.strace" "$prog" "$@" </dev/null \
				>"$out/$name.strace-out" 2>&1
		)
		src=$?
	fi
	echo "$name $abi $prog $w $rc $src $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')" >>"$out/cases"
	echo "=== XARCH-CASE-END $name sctrace=$rc strace=$src"
}

mkdir -p "$out" "$tmp"
: >"$out/cases"
while read -r line; do
	case $line in
	'' | '#'*) continue ;;
	esac
	case $line in
	'tracer '*)
		SCTRACE=${line#tracer }
		continue
		;;
	esac
	# (word splitting of a line of our own list: its words have no blanks)
	# shellcheck disable=SC2086
	run_case $line
done <"$cases"
