#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A syscall argument in a page that only the tracee's own userfaultfd
# handler provides (issue 12 #5).  Reading it with process_vm_readv waits
# for the handler, which may wait in a ptrace stop for sctrace: sctrace
# hung for ever, deaf to SIGTERM.  Now such a read gives up at once: the
# parameter is empty, -v counts it, and sctrace ends as the program does.
# Every run is bounded (timeout -s KILL): a hang fails the test.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/attach_lib.sh"

uffd=$(prog uffd)
PAGE_PATH=/nonexistent/uffd-page

rc=0
"$uffd" syscall >"$TMP/plain.out" 2>&1 || rc=$?
[ "$rc" -ne 77 ] || skip_test "userfaultfd refused here (not root, vm.unprivileged_userfaultfd=0): $(cat "$TMP/plain.out")"
expect_eq "untraced: the program exits 0" 0 "$rc"

# check_run WHAT CAP RC: sctrace ended with the program's status, the
# openat's enter has an empty path (given up), its exit the path the
# handler provided meanwhile; -v says one read was given up.
check_run() {
	local what=$1 cap=$2 rc=$3
	expect_eq "$what: sctrace ends with the program's status" 0 "$rc"
	expect_match "$what: the program's openat ran" "openat .*: ENOENT" "$(cat "$cap.out")"
	# (the program's last openat is the one; 306: openat's enter event,
	# whose second parameter is the path)
	expect_eq "$what: the openat's path is empty at its enter (tshark)" "8,0,4,4" \
		"$(tshark -r "$cap" -Y 'sysdig.event_type==306' -T fields \
			-e sysdig.param.len 2>/dev/null | tail -n 1)"
	expect_eq "$what: the openat's path at its exit, as filled meanwhile" \
		"$PAGE_PATH" \
		"$(sd "$cap" '%evt.rawarg.name' 'evt.type=openat and evt.dir=< and proc.name=uffd' |
			tail -n 1 | sed 's/[[:space:]]*$//')"
	expect_match "$what: -v counts the read given up" ', 1 reads given up' \
		"$(grep 'events written' "$cap.err")"
	check_readers "$cap"
}

# ---- launched: userfaultfd() or /dev/userfaultfd, with and without seccomp -
# No filter: the handler thread's read stops at every syscall.  With
# "evt.type in (openat, read)" the seccomp filter stops at read too, and
# sctrace learns of the userfaultfd only through the stops it adds for it.
for how in syscall dev; do
	for filter in "" "evt.type in (openat, read)"; do
		name="$how${filter:+, seccomp}"
		cap=$TMP/$how${filter:+-f}.scap
		rc=0
		timeout -s KILL 20 "$SCTRACE" $SCTRACE_READERS -v -o "$cap" $filter -- "$uffd" "$how" \
			</dev/null >"$cap.out" 2>"$cap.err" || rc=$?
		check_run "launched ($name)" "$cap" "$rc"
	done
done

# ---- SIGTERM: passed on to the program, sctrace ends -----------------------
cap=$TMP/term.scap
"$SCTRACE" $SCTRACE_READERS -v -o "$cap" -- "$uffd" syscall sleep </dev/null >"$cap.out" 2>"$cap.err" &
sct_pid=$!
bg_add "$sct_pid"
if wait_for 10 grep -q ENOENT "$cap.out"; then
	stop_sctrace "$sct_pid" TERM 10 || true
	expect_eq "SIGTERM: sctrace ends with the program killed by it" 143 "$stop_rc"
	check_readers "$cap"
else
	fail "SIGTERM: the traced program did not reach its openat within 10 s"
fi

# ---- attached: the userfaultfd was made before sctrace came ----------------
# (known from the fd in /proc/PID/fd)
need_attach
cap=$TMP/attach.scap
"$uffd" syscall wait "$TMP/go" </dev/null >"$TMP/attach.prog" 2>&1 &
prog_pid=$!
bg_add "$prog_pid"
if wait_for 5 grep -q ready "$TMP/attach.prog"; then
	sctrace_bg "$cap.err" -v -o "$cap" -p "$prog_pid"
	if wait_attached "$prog_pid" "$sct_pid" "$cap.err"; then
		: >"$TMP/go"
		rc=0
		if wait_for 10 is_gone "$sct_pid"; then
			wait "$sct_pid" || rc=$?
			cp "$TMP/attach.prog" "$cap.out"
			check_run "attached" "$cap" "$rc"
		else
			fail "attached: sctrace still runs 10 s after the program's openat"
		fi
	fi
else
	fail "attached: the program did not start"
fi

finish
