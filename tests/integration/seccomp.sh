#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The seccomp pre-filter (a filter on evt.type) must not change what a
# program does (issue 12 #6): a child made with CLONE_UNTRACED is followed
# (it kept the filter, untraced, and its filtered calls failed with
# ENOSYS); a program's own SECCOMP_RET_TRACE filter gets what the kernel
# gives it without a tracer (ENOSYS), not the call run.  Each run's exit
# status and output equal the untraced run's, and the events are recorded
# as the capture filter says.  (Without the seccomp filter too.)
. "$(dirname "$0")/lib.sh"

sp=$(prog seccomp)
FILE=$TMP/target
echo data >"$FILE"

# run WHAT CAP ARGS...: the program untraced, then under "sctrace -o CAP
# SCTRACE_ARGS... --" (bounded); same status and output
SCTRACE_ARGS=()
run() {
	local what=$1 cap=$2 rc=0 want_rc=0
	shift 2
	"$sp" "$@" </dev/null >"$cap.want" 2>&1 || want_rc=$?
	timeout -s KILL 20 "$SCTRACE" $SCTRACE_READERS -o "$cap" "${SCTRACE_ARGS[@]}" -- "$sp" "$@" \
		</dev/null >"$cap.out" 2>"$cap.err" || rc=$?
	expect_eq "$what: exit status as untraced" "$want_rc" "$rc"
	expect_eq "$what: output as untraced" "$(cat "$cap.want")" "$(cat "$cap.out")"
	check_readers "$cap"
}

# ---- (a) a child made with CLONE_UNTRACED -----------------------------------
for how in clone clone3; do
	for f in "evt.type=openat" "" "--no-seccomp evt.type=openat"; do
		name="CLONE_UNTRACED with $how, ${f:-no filter}"
		cap=$TMP/untraced-$how-${#f}.scap
		# shellcheck disable=SC2206
		SCTRACE_ARGS=($f)
		run "$name" "$cap" untraced "$how" "$FILE"
		expect_eq "$name: the program says its child opened the file" "child: 0" \
			"$(cat "$cap.out")"
		expect_sd "$name: the child's openat is recorded" "$cap" \
			"evt.type=openat and evt.dir='<' and fd.name=$FILE" \
			'%evt.res' "SUCCESS"
	done
done
# the clone event shows the flags the program passed
cap=$TMP/untraced-flags.scap
SCTRACE_ARGS=("evt.type in (clone, openat)")
run "CLONE_UNTRACED, clone kept" "$cap" untraced clone "$FILE"
expect_sd "CLONE_UNTRACED, clone kept: both sides of the clone show the flag" "$cap" \
	"evt.type=clone and evt.dir='<'" '%evt.arg.flags' "CLONE_UNTRACED
CLONE_UNTRACED"

# ---- (b) the program's own SECCOMP_RET_TRACE filter (getppid, dup) ---------
# (its filter: getppid and dup; the capture's: neither, the same ones, or
# none at all)
for f in "evt.type=openat" "evt.type in (getppid, dup, openat)" "" \
	"--no-seccomp evt.type in (dup, openat)"; do
	name="own seccomp filter, ${f:-no filter}"
	cap=$TMP/own-${#f}.scap
	# the option, if any, then the filter as one word
	SCTRACE_ARGS=()
	# shellcheck disable=SC2206
	[ -z "$f" ] || SCTRACE_ARGS=(${f%%evt.type*} "evt.type${f#*evt.type}")
	run "$name" "$cap" ownfilter "$FILE"
	expect_eq "$name: its getppid and dup fail with ENOSYS, openat runs" \
		"getppid: ENOSYS
dup: ENOSYS
openat: ok" "$(cat "$cap.out")"
	expect_sd "$name: the openat is recorded" "$cap" \
		"evt.type=openat and evt.dir='<' and fd.name=$FILE" '%evt.res' "SUCCESS"
	case $f in
	*dup*)
		expect_sd "$name: the dup is recorded, with its ENOSYS" "$cap" \
			"evt.type=dup and evt.dir='<'" '%evt.res' "ENOSYS" ;;
	"")
		expect_sd "$name: the dup is recorded, with its ENOSYS" "$cap" \
			"evt.type=dup and evt.dir='<' and proc.name=seccomp" '%evt.res' "ENOSYS" ;;
	*)
		expect_sd "$name: no dup recorded (not in the filter)" "$cap" \
			"evt.type=dup" '%evt.num' "" ;;
	esac
done

# The filter changes nothing the program sees of its CPU's speculation
# controls: kernels before 5.16 forced the store bypass mitigation on a
# filtered process unless the filter was loaded with SPEC_ALLOW (on a
# kernel or CPU without it the lines read the same either way).
spec=$(grep '^Speculation' /proc/self/status)
for opts in "" "--no-syscall-buffer" "evt.type=openat"; do
	rm -f "$TMP/spec.scap"
	"$SCTRACE" -o "$TMP/spec.scap" $opts -- grep '^Speculation' /proc/self/status \
		</dev/null >"$TMP/spec.out" 2>"$TMP/spec.err" || true
	expect_eq "filter${opts:+ ($opts)}: the program's speculation controls as untraced" \
		"$spec" "$(cat "$TMP/spec.out" "$TMP/spec.err")"
done

finish
