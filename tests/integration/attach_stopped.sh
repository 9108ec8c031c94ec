#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Attach mode and job control: sctrace -p on a multi-threaded process that
# is stopped (SIGSTOP, every thread in a group-stop) while its threads were
# blocked in accept, read of a pipe and nanosleep.  Attaching must not
# resume it; SIGCONT while traced resumes it; SIGSTOP while traced stops it
# again; the detach (SIGINT to sctrace) then leaves it stopped, as it was,
# and only SIGCONT resumes it, with no EINTR, no signal and no tracer left.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/attach_lib.sh"
need_attach

dir=$TMP/srv
cap=$dir/stopped.scap
err=$dir/sctrace.err
start_server "$dir"

# ---- stopped before the attach ----
kill -STOP "$srv_pid"
wait_for 5 all_in_state "$srv_pid" T ||
	hard_error "SIGSTOP did not stop attach_srv: $(thread_table "$srv_pid")"

sctrace_bg "$err" -p "$srv_pid" -o "$cap"
if ! wait_attached "$srv_pid" "$sct_pid" "$err"; then
	stop_sctrace "$sct_pid" KILL 5 || true
	finish
fi
if all_in_state "$srv_pid" 't|T'; then
	pass "attached to the stopped process: every thread is still stopped"
else
	fail "attached to the stopped process: threads (tid state tracer): $(thread_table "$srv_pid")"
fi
if beats "$dir" 0.5; then
	fail "the attach resumed the stopped process (its heartbeat runs): $(thread_table "$srv_pid")"
else
	pass "the stopped process does not run while traced"
fi

# ---- SIGCONT and SIGSTOP while traced ----
kill -CONT "$srv_pid"
if wait_for 2 beats "$dir" 0.05; then
	pass "SIGCONT while traced resumes it"
else
	fail "SIGCONT while traced does not resume it: $(thread_table "$srv_pid")"
fi
cport=
if request "$srv_port" && [[ $REPLY =~ ^hello\ 1\ 127\.0\.0\.1:([0-9]+)$ ]]; then
	cport=${BASH_REMATCH[1]}
	pass "it answers while traced"
else
	fail "no answer while traced: '$REPLY'"
fi
traced_by "$srv_pid" "$sct_pid" && pass "still traced by sctrace after SIGCONT" ||
	fail "not traced after SIGCONT: $(thread_table "$srv_pid")"
kill -STOP "$srv_pid"
if wait_for 2 all_in_state "$srv_pid" 't|T'; then
	pass "SIGSTOP while traced stops every thread"
else
	fail "SIGSTOP while traced: threads (tid state tracer): $(thread_table "$srv_pid")"
fi
if beats "$dir" 0.4; then
	fail "stopped while traced, it still runs (its heartbeat changes)"
else
	pass "stopped while traced, it does not run"
fi

# ---- the detach from the stopped process ----
stop_sctrace "$sct_pid" INT 5 || true
expect_eq "sctrace exits with status 0 after SIGINT" 0 "$stop_rc"
if [ "$stop_rc" != timeout ] && [ "$stop_ms" -lt 2000 ]; then
	pass "sctrace detached from the stopped process and exited within 2 s (${stop_ms} ms)"
else
	fail "sctrace took ${stop_ms} ms to detach from the stopped process"
	[ "$stop_rc" != timeout ] || stop_sctrace "$sct_pid" KILL 5 || true
fi
if [ ! -s "$err" ]; then
	pass "sctrace printed nothing on stderr"
else
	fail "sctrace printed on stderr: $(head -c 300 "$err")"
fi
check_untraced "after the detach" "$srv_pid" T
if beats "$dir" 0.4; then
	fail "after the detach the process runs although it was stopped"
else
	pass "after the detach the process is still stopped (no heartbeat)"
fi

# ---- SIGCONT after the detach ----
kill -CONT "$srv_pid"
wait_for 2 all_in_state "$srv_pid" 'R|S' || true
check_untraced "after SIGCONT" "$srv_pid" 'R|S'
if wait_for 2 beats "$dir" 0.05; then
	pass "SIGCONT after the detach resumes it"
else
	fail "SIGCONT after the detach does not resume it: $(thread_table "$srv_pid")"
fi
if request "$srv_port"; then
	expect_match "it answers after the detach and SIGCONT" '^hello 2 ' "$REPLY"
else
	fail "no answer after the detach and SIGCONT ($(thread_table "$srv_pid"))"
fi
check_no_pending "after SIGCONT" "$srv_pid"
check_log "after SIGCONT" "$dir"

# ---- stopped, attached and detached without ever running in between ----
kill -STOP "$srv_pid"
wait_for 5 all_in_state "$srv_pid" T ||
	hard_error "SIGSTOP did not stop attach_srv: $(thread_table "$srv_pid")"
sctrace_bg "$err.2" -p "$srv_pid" -o "$cap.2"
if wait_attached "$srv_pid" "$sct_pid" "$err.2"; then
	stop_sctrace "$sct_pid" INT 5 || true
	expect_eq "again: sctrace exits with status 0 after SIGINT" 0 "$stop_rc"
	[ "$stop_rc" != timeout ] || stop_sctrace "$sct_pid" KILL 5 || true
	check_untraced "attached to and detached from the stopped process" "$srv_pid" T
	if beats "$dir" 0.4; then
		fail "attached to and detached from the stopped process, it runs"
	else
		pass "attached to and detached from the stopped process, it does not run"
	fi
	kill -CONT "$srv_pid"
	wait_for 2 all_in_state "$srv_pid" 'R|S' || true
	check_untraced "then SIGCONT" "$srv_pid" 'R|S'
	if request "$srv_port"; then
		expect_match "then it answers" '^hello 3 ' "$REPLY"
	else
		fail "then it does not answer ($(thread_table "$srv_pid"))"
	fi
	check_no_pending "then" "$srv_pid"
	check_log "then" "$dir"
	# (the readers refuse a capture without events: it holds one
	# notification event saying that nothing was seen)
	if sysdig -r "$cap.2" -p '%evt.type %evt.arg.desc' >"$TMP/sd2.out" 2>"$TMP/sd2.err" &&
		[ "$(cat "$TMP/sd2.out")" = "notification no syscall was seen (the traced processes were stopped or blocked all along)" ]; then
		pass "its capture has only a notification event (it never ran), sysdig reads it"
	else
		fail "its capture: sysdig: $(head -c 300 "$TMP/sd2.out" "$TMP/sd2.err")"
	fi
	check_readers "$cap.2"
else
	stop_sctrace "$sct_pid" KILL 5 || true
fi

# ---- the capture ----
check_readers "$cap"
expect_sd "the request served while traced: accept exit with the tuple" "$cap" \
	"evt.type=accept and evt.dir='<' and evt.rawres>=0" '%thread.tid %fd.name' \
	"$srv_pid 127.0.0.1:$cport->127.0.0.1:$srv_port"
n=$(sd "$cap" '%evt.num' "evt.type=pwrite and evt.dir='<' and proc.pid=$srv_pid" | wc -l)
if [ "$n" -gt 0 ]; then
	pass "the ticker's writes while running traced are in the capture ($n)"
else
	fail "no pwrite of the ticker in the capture"
fi
finish
