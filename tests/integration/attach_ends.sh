#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Attach mode: the other ways a trace ends, and several pids at once.
#  1. SIGTERM and SIGHUP detach like SIGINT (status 0, the server runs on
#     untraced and undisturbed).
#  2. -p A,B -p C with -z: three servers traced together, all detached by
#     one SIGINT; the gzipped capture has the requests to each.  A signal
#     sent to one of them while traced (SIGUSR1) reaches it, once.
#  3. The attached process ends by itself (exit 3) or is killed (SIGKILL)
#     while traced: sctrace ends by itself with status 0, and the capture
#     ends with the process's procexit (exit code, signal).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/attach_lib.sh"
need_attach

# ---- 1. SIGTERM, SIGHUP ----
start_server "$TMP/srv"
srv=$srv_pid port=$srv_port
i=0
for sig in TERM HUP; do
	cap=$TMP/sig$sig.scap
	sctrace_bg "$cap.err" -p "$srv" -o "$cap"
	wait_attached "$srv" "$sct_pid" "$cap.err" || { stop_sctrace "$sct_pid" KILL 5 || true; continue; }
	i=$((i + 1))
	request "$port" || fail "SIG$sig: no answer while traced"
	c=${REPLY##*:}
	stop_sctrace "$sct_pid" "$sig" 5 || true
	expect_eq "SIG$sig: sctrace detaches and exits with status 0" 0 "$stop_rc"
	[ "$stop_rc" != timeout ] || stop_sctrace "$sct_pid" KILL 5 || true
	[ ! -s "$cap.err" ] || fail "SIG$sig: sctrace printed on stderr: $(head -c 300 "$cap.err")"
	check_untraced "SIG$sig" "$srv" 'R|S'
	i=$((i + 1))
	if request "$port"; then
		expect_match "SIG$sig: the server answers after the detach" "^hello $i " "$REPLY"
	else
		fail "SIG$sig: the server does not answer after the detach"
	fi
	check_readers "$cap"
	expect_sd "SIG$sig: the request is in the capture" "$cap" \
		"evt.type=accept and evt.dir='<'" '%fd.name' "127.0.0.1:$c->127.0.0.1:$port"
done
check_no_pending "after SIGTERM and SIGHUP" "$srv"
check_log "after SIGTERM and SIGHUP" "$TMP/srv"

# ---- 2. three servers at once, gzipped ----
start_server "$TMP/srv2"
srv2=$srv_pid port2=$srv_port
start_server "$TMP/srv3"
srv3=$srv_pid port3=$srv_port
cap=$TMP/multi.scap.gz
sctrace_bg "$cap.err" -z -p "$srv,$srv2" -p "$srv3" -o "$cap"
ok=1
for p in "$srv" "$srv2" "$srv3"; do
	wait_attached "$p" "$sct_pid" "$cap.err" || ok=
done
if [ -n "$ok" ]; then
	want=
	for pp in "$srv:$port" "$srv2:$port2" "$srv3:$port3"; do
		if request "${pp#*:}"; then
			want+="${pp%%:*} 127.0.0.1:${REPLY##*:}->127.0.0.1:${pp#*:}"$'\n'
		else
			fail "server ${pp%%:*}: no answer while traced"
		fi
	done
	kill -USR1 "$srv3"
	if wait_for 2 test -s "$TMP/srv3/log"; then
		pass "SIGUSR1 to a traced server reaches its handler"
	else
		fail "SIGUSR1 to a traced server does not reach its handler: $(thread_table "$srv3")"
	fi
	stop_sctrace "$sct_pid" INT 5 || true
	expect_eq "three servers: sctrace detaches and exits with status 0" 0 "$stop_rc"
	[ "$stop_rc" != timeout ] || stop_sctrace "$sct_pid" KILL 5 || true
	for p in "$srv" "$srv2" "$srv3"; do
		check_untraced "three servers: server $p" "$p" 'R|S'
	done
	for d in srv srv2; do
		check_log "three servers: $d" "$TMP/$d"
	done
	expect_eq "three servers: the third one saw SIGUSR1 once, nothing else" \
		"pid $srv3 got signal 10 (User defined signal 1)" "$(cat "$TMP/srv3/log")"
	if [ "$(head -c 2 "$cap" | od -An -tx1 | tr -d ' ')" = 1f8b ]; then
		pass "-z: the capture is gzipped"
	else
		fail "-z: the capture is not gzipped"
	fi
	check_readers "$cap"
	# (SIGUSR1 interrupts the third one's accept: an exit with ERESTARTSYS)
	expect_sd "three servers: each one's request is in the capture" "$cap" \
		"evt.type=accept and evt.dir='<' and evt.rawres>=0" '%proc.pid %fd.name' "$want"
else
	stop_sctrace "$sct_pid" KILL 5 || true
fi

# ---- 3. the attached process ends while traced ----
# exit 3: a shell waiting for a sleep that began before the attach
sh -c 'sleep 1; exit 3' </dev/null &
victim=$!
bg_add "$victim"
cap=$TMP/exit.scap
sctrace_bg "$cap.err" -p "$victim" -o "$cap"
if wait_attached "$victim" "$sct_pid" "$cap.err"; then
	if wait_for 5 is_gone "$sct_pid"; then
		stop_rc=0
		wait "$sct_pid" || stop_rc=$?
		expect_eq "the attached process exits by itself: sctrace ends with status 0" 0 "$stop_rc"
	else
		fail "the attached process exited, but sctrace still runs"
		describe_stuck "$sct_pid"
		stop_sctrace "$sct_pid" INT 5 || stop_sctrace "$sct_pid" KILL 5 || true
	fi
	rc=0
	wait "$victim" || rc=$?
	expect_eq "the attached process's own parent sees its exit status" 3 "$rc"
	check_readers "$cap"
	expect_sd "the capture ends with its exit_group and procexit (exit code 3)" "$cap" \
		"proc.pid=$victim and evt.type in (exit_group,procexit)" \
		'%evt.type %evt.dir %evt.arg.ret %evt.arg.sig' \
		"exit_group > <NA> <NA>
procexit > 3 0"
else
	stop_sctrace "$sct_pid" KILL 5 || true
fi

# SIGKILL: the server dies while traced
cap=$TMP/killed.scap
sctrace_bg "$cap.err" -p "$srv2" -o "$cap"
if wait_attached "$srv2" "$sct_pid" "$cap.err"; then
	nthreads "$srv2"
	nt=$NTHREADS
	disown "$srv2"	# (no "Killed" notice from bash)
	kill -KILL "$srv2"
	if wait_for 5 is_gone "$sct_pid"; then
		stop_rc=0
		wait "$sct_pid" || stop_rc=$?
		expect_eq "the attached process is killed: sctrace ends with status 0" 0 "$stop_rc"
	else
		fail "the attached process was killed, but sctrace still runs"
		stop_sctrace "$sct_pid" INT 5 || stop_sctrace "$sct_pid" KILL 5 || true
	fi
	check_readers "$cap"
	expect_sd "a procexit for each of its $nt threads, killed by SIGKILL" "$cap" \
		"proc.pid=$srv2 and evt.type=procexit" '%evt.arg.sig' \
		"$(for ((k = 0; k < nt; k++)); do echo SIGKILL; done)"
else
	stop_sctrace "$sct_pid" KILL 5 || true
fi
finish
