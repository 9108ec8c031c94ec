#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Attach mode: threads and processes that the attached process creates
# while traced are followed, and detached with it.
#  1. A child process (fork) and a thread that are still alive at the
#     detach: both are in the capture, both are detached by the first
#     SIGINT (sctrace exits at once) and run on; neither is killed.
#  2. SIGINT while the attached process creates threads and processes as
#     fast as it can (a few rounds, at random moments): sctrace must
#     still detach everything and exit at once, leaving no thread or child
#     traced or stopped.
#  3. The same with a launched command too (-p PID -- CMD; CMD survives
#     SIGINT): the first SIGINT detaches all of the attached process and
#     its new threads and children, the second one kills only CMD.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/attach_lib.sh"
need_attach

dir=$TMP/srv
cap=$TMP/children.scap
start_server "$dir"

# ---- 1. a child process and a thread alive at the detach ----
sctrace_bg "$cap.err" -p "$srv_pid" -o "$cap"
wait_attached "$srv_pid" "$sct_pid" "$cap.err" || { stop_sctrace "$sct_pid" KILL 5 || true; finish; }
child= tid=
request "$srv_port" fork && [[ $REPLY =~ ^child\ ([0-9]+)$ ]] && child=${BASH_REMATCH[1]}
[ -n "$child" ] || hard_error "attach_srv did not fork: '$REPLY'"
bg_add "$child"
request "$srv_port" thread && [[ $REPLY =~ ^thread\ ([0-9]+)$ ]] && tid=${BASH_REMATCH[1]}
[ -n "$tid" ] || hard_error "attach_srv made no thread: '$REPLY'"
tracer_is() { get "$1" TracerPid; [ "$FIELD" = "$2" ]; }
if wait_for 2 tracer_is "/proc/$child/status" "$sct_pid"; then
	pass "the forked child $child is traced by sctrace"
else
	fail "the forked child $child is not traced by sctrace: $(thread_table "$child")"
fi
if wait_for 2 tracer_is "/proc/$srv_pid/task/$tid/status" "$sct_pid"; then
	pass "the new thread $tid is traced by sctrace"
else
	fail "the new thread $tid is not traced by sctrace: $(thread_table "$srv_pid")"
fi
nap 0.2

stop_sctrace "$sct_pid" INT 3 || true
expect_eq "first SIGINT: sctrace detaches and exits with status 0 at once" 0 "$stop_rc"
if [ "$stop_rc" = timeout ]; then
	note "sctrace still runs; the forked child: $(thread_table "$child")"
	stop_sctrace "$sct_pid" INT 3 || true
	if is_running "$child"; then
		pass "second SIGINT: the attached process's child is not killed"
	else
		fail "second SIGINT: sctrace killed $child, a child of the attached process"
	fi
	[ "$stop_rc" != timeout ] || stop_sctrace "$sct_pid" KILL 5 || true
fi
[ ! -s "$cap.err" ] && pass "sctrace printed nothing on stderr" ||
	fail "sctrace printed on stderr: $(head -c 300 "$cap.err")"
check_untraced "the server after the detach" "$srv_pid" 'R|S'
if [ -e "/proc/$srv_pid/task/$tid" ]; then
	pass "the new thread $tid is still there"
else
	fail "the new thread $tid is gone"
fi
check_untraced "the forked child after the detach" "$child" 'R|S'
children "$srv_pid"
expect_eq "the forked child is still the server's child" "$child" "${CHILDREN[*]}"
check_no_pending "the forked child" "$child"
check_no_pending "the server" "$srv_pid"
check_log "after the detach" "$dir"

check_readers "$cap"
expect_sd "the child's birth: clone exit in the child, res 0" "$cap" \
	"proc.pid=$child and evt.type=clone and evt.dir='<'" \
	'%evt.rawres %proc.name %thread.tid' "0 attach_srv $child"
expect_sd "the server's side of the fork: clone exit with the child's pid" "$cap" \
	"proc.pid=$srv_pid and evt.type=clone and evt.dir='<'" '%evt.rawres' "$child"
# its parent: the server, or (sysdig's reading when the parent's clone exit
# comes first, as with the kernel driver) the server's thread that forked
forker=$(sd "$cap" '%thread.tid' "proc.pid=$srv_pid and evt.type=clone and evt.dir='<'")
expect_match "the child's parent (proc.ppid) is the server ($srv_pid) or its forking thread ($forker)" \
	"^($srv_pid|$forker)\$" "$(sd "$cap" '%proc.ppid' "proc.pid=$child and evt.type=clone and evt.dir='<'")"
expect_sd "the child's nanosleep (enter only: it sleeps on)" "$cap" \
	"proc.pid=$child and evt.type=clock_nanosleep" '%evt.dir %thread.tid' "> $child"
expect_sd "the new thread: its answer and its nanosleep" "$cap" \
	"thread.tid=$tid and evt.type in (write,clock_nanosleep)" '%evt.type %evt.dir %proc.pid %evt.arg.data' \
	"write > $srv_pid <NA>
write < $srv_pid thread $tid.
clock_nanosleep > $srv_pid <NA>"
kill -KILL "$child" 2>/dev/null || true

# ---- 2. SIGINT while threads and processes come and go ----
rounds=6
nthreads "$srv_pid"
base=$NTHREADS
at_most() { nthreads "$1"; [ "$NTHREADS" -le "$2" ]; }
for ((r = 1; r <= rounds; r++)); do
	sctrace_bg "$TMP/churn$r.err" -p "$srv_pid" -o "$TMP/churn$r.scap"
	if ! wait_attached "$srv_pid" "$sct_pid" "$TMP/churn$r.err"; then
		stop_sctrace "$sct_pid" KILL 5 || true
		break
	fi
	for i in 1 2 3 4 5 6; do
		request "$srv_port" churn || fail "round $r: no answer to churn"
	done
	nap "0.$((RANDOM % 5 + 1))"
	stop_sctrace "$sct_pid" INT 3 || true
	if [ "$stop_rc" = 0 ]; then
		pass "round $r: SIGINT while threads and processes come and go: sctrace exits 0 in ${stop_ms} ms"
	else
		left=
		children "$srv_pid"
		for p in "$srv_pid" "${CHILDREN[@]}"; do
			traced_by "$p" 0 || left+="$p: $(thread_table "$p")"
		done
		fail "round $r: SIGINT while threads and processes come and go: sctrace ${stop_rc/timeout/is still running after 3 s}; left traced (tid state tracer): ${left:-none}"
		if [ "$stop_rc" = timeout ]; then
			# what the user does next: a second Ctrl-C.  It may kill
			# only what sctrace launched: nothing here.
			stop_sctrace "$sct_pid" INT 3 || true
			nap 0.2
			if is_running "$srv_pid"; then
				pass "round $r: the second SIGINT does not kill the attached server"
			else
				fail "round $r: the second SIGINT killed the attached server (sctrace status $stop_rc)"
			fi
			[ "$stop_rc" != timeout ] || stop_sctrace "$sct_pid" KILL 5 || true
		fi
		break
	fi
	check_untraced "round $r: the server" "$srv_pid" 'R|S|D'
	check_children_untraced "round $r" "$srv_pid"
	[ ! -s "$TMP/churn$r.err" ] || fail "round $r: sctrace printed on stderr: $(head -c 300 "$TMP/churn$r.err")"
	# let the churn end before the next round
	wait_for 5 at_most "$srv_pid" "$base" || true
done

# ---- 3. the same, with a launched command ----
for ((r = 1; r <= 3; r++)); do
	is_running "$srv_pid" || break
	ldir=$TMP/launched$r
	mkdir -p "$ldir"
	sctrace_bg "$TMP/mixed$r.err" -p "$srv_pid" -o "$TMP/mixed$r.scap" -- "$SRV" "$ldir"
	if ! wait_attached "$srv_pid" "$sct_pid" "$TMP/mixed$r.err"; then
		stop_sctrace "$sct_pid" KILL 5 || true
		break
	fi
	for i in 1 2 3 4 5 6; do
		request "$srv_port" churn || fail "mixed round $r: no answer to churn"
	done
	nap "0.$((RANDOM % 5 + 1))"
	kill -INT "$sct_pid"
	if wait_for 3 traced_by "$srv_pid" 0; then
		pass "mixed round $r: first SIGINT: the attached server is detached"
	else
		fail "mixed round $r: first SIGINT: the attached server is not detached within 3 s: $(thread_table "$srv_pid")"
	fi
	check_children_untraced "mixed round $r: first SIGINT" "$srv_pid"
	launched=$(cat "/proc/$sct_pid/task/$sct_pid/children" 2>/dev/null || true)
	if is_running "$sct_pid" && [ -n "${launched// /}" ]; then
		pass "mixed round $r: first SIGINT: sctrace runs on with the launched command"
	else
		fail "mixed round $r: first SIGINT: sctrace or the launched command ended"
	fi
	stop_sctrace "$sct_pid" INT 3 || true
	expect_eq "mixed round $r: second SIGINT: the command is killed, sctrace exits 128+9" 137 "$stop_rc"
	[ "$stop_rc" != timeout ] || stop_sctrace "$sct_pid" KILL 5 || true
	check_untraced "mixed round $r: the attached server survives the second SIGINT" "$srv_pid" 'R|S|D'
	wait_for 5 at_most "$srv_pid" "$base" || true
done

if is_running "$srv_pid"; then
	check_untraced "after the rounds" "$srv_pid" 'R|S|D'
	check_no_pending "after the rounds" "$srv_pid"
	check_log "after the rounds" "$dir"
fi
finish
