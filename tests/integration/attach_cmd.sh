#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Attach mode with a launched command, sctrace -p PID -- CMD:
#  1. CMD is /bin/true: both it and the attached server are in the capture;
#     after CMD exits, sctrace keeps tracing the server until SIGINT, then
#     detaches and exits with CMD's status (0).
#  2. CMD is a second server that survives SIGINT (it catches it): the
#     first SIGINT detaches the attached server at once while the launched
#     one stays traced; the second SIGINT kills only the launched one
#     (sctrace exits 128+9), never the attached one, which runs on untraced.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/attach_lib.sh"
need_attach

# ---- 1. -p PID -- /bin/true ----
dir=$TMP/srv1
cap=$TMP/cmd-true.scap
start_server "$dir"
srv1=$srv_pid
port1=$srv_port
sctrace_bg "$cap.err" -p "$srv1" -o "$cap" -- /bin/true
wait_attached "$srv1" "$sct_pid" "$cap.err" || { stop_sctrace "$sct_pid" KILL 5 || true; finish; }
# /bin/true is over in far less than this
nap 0.5
if is_running "$sct_pid" && traced_by "$srv1" "$sct_pid"; then
	pass "after the command exits, sctrace runs on and still traces the attached server"
else
	fail "after the command exited: sctrace running: $(is_running "$sct_pid" && echo yes || echo no); server: $(thread_table "$srv1")"
fi
cports=()
for i in 1 2; do
	if request "$port1" && [[ $REPLY =~ ^hello\ $i\ 127\.0\.0\.1:([0-9]+)$ ]]; then
		cports+=("${BASH_REMATCH[1]}")
	else
		fail "request $i after the command exited: '$REPLY'"
	fi
done
stop_sctrace "$sct_pid" INT 5 || true
expect_eq "SIGINT: sctrace exits with the command's status (0)" 0 "$stop_rc"
[ "$stop_rc" != timeout ] || stop_sctrace "$sct_pid" KILL 5 || true
if [ ! -s "$cap.err" ]; then
	pass "sctrace printed nothing on stderr"
else
	fail "sctrace printed on stderr: $(head -c 300 "$cap.err")"
fi
check_untraced "the attached server after the detach" "$srv1" 'R|S'
if request "$port1"; then
	expect_match "the attached server answers after the detach" '^hello 3 ' "$REPLY"
else
	fail "the attached server does not answer after the detach"
fi
check_no_pending "the attached server" "$srv1"
check_log "the attached server" "$dir"

check_readers "$cap"
expect_sd "the command: execve exit (proc.name, its parent sctrace) and procexit" "$cap" \
	"proc.name=true and ((evt.type=execve and evt.dir='<') or evt.type=procexit)" \
	'%evt.type %evt.dir %proc.name %proc.pname %proc.exe %evt.arg.status' \
	"execve < true sctrace /bin/true <NA>
procexit > true sctrace /bin/true 0"
end=$(sd "$cap" '%evt.num' "proc.name=true and evt.type=procexit")
truepid=$(sd "$cap" '%proc.pid' "proc.name=true and evt.type=procexit")
expect_sd "the attached server: its requests after the command's end" "$cap" \
	"evt.type=accept and evt.dir='<' and evt.num>${end:-0}" '%proc.pid %fd.name' \
	"$srv1 127.0.0.1:${cports[0]:-?}->127.0.0.1:$port1
$srv1 127.0.0.1:${cports[1]:-?}->127.0.0.1:$port1"
expect_sd "only the two processes are in the capture" "$cap" \
	"proc.pid!=$srv1 and proc.pid!=${truepid:-0}" '%evt.num %proc.pid %proc.name %evt.type' ""

# ---- 2. -p PID -- SERVER: the first signal detaches, the second kills ----
dir2=$TMP/srv2
mkdir -p "$dir2"
cap=$TMP/cmd-srv.scap
sctrace_bg "$cap.err" -p "$srv1" -o "$cap" -- "$SRV" "$dir2"
wait_attached "$srv1" "$sct_pid" "$cap.err" || { stop_sctrace "$sct_pid" KILL 5 || true; finish; }
wait_for 5 test -s "$dir2/port" || hard_error "the launched attach_srv did not start: $(cat "$cap.err")"
port2=$(cat "$dir2/port")
srv2=$(cat "/proc/$sct_pid/task/$sct_pid/children")
srv2=${srv2%% }
bg_add "$srv2"
expect_eq "the launched server is sctrace's child" attach_srv "$(cat "/proc/$srv2/comm" 2>/dev/null)"
request "$port1" && [[ $REPLY =~ ^hello\ 4\ 127\.0\.0\.1:([0-9]+)$ ]] || fail "attached server: no answer: '$REPLY'"
c1=${BASH_REMATCH[1]:-?}
request "$port2" && [[ $REPLY =~ ^hello\ 1\ 127\.0\.0\.1:([0-9]+)$ ]] || fail "launched server: no answer: '$REPLY'"
c2=${BASH_REMATCH[1]:-?}

kill -INT "$sct_pid"
if wait_for 2 traced_by "$srv1" 0; then
	pass "first SIGINT: the attached server is detached"
else
	fail "first SIGINT: the attached server is not detached within 2 s: $(thread_table "$srv1")"
fi
nap 0.3
if is_running "$sct_pid" && traced_by "$srv2" "$sct_pid"; then
	pass "first SIGINT: sctrace still traces the launched server (it survives SIGINT)"
else
	fail "first SIGINT: sctrace running: $(is_running "$sct_pid" && echo yes || echo no); launched server: $(thread_table "$srv2")"
fi
check_untraced "first SIGINT: the attached server" "$srv1" 'R|S'
if request "$port1"; then
	expect_match "first SIGINT: the attached server answers" '^hello 5 ' "$REPLY"
else
	fail "first SIGINT: the attached server does not answer"
fi

stop_sctrace "$sct_pid" INT 5 || true
expect_eq "second SIGINT: the launched server is killed, sctrace exits 128+SIGKILL" 137 "$stop_rc"
[ "$stop_rc" != timeout ] || stop_sctrace "$sct_pid" KILL 5 || true
if is_gone "$srv2"; then
	pass "second SIGINT: the launched server is gone"
else
	fail "second SIGINT: the launched server is still there: $(thread_table "$srv2")"
fi
check_untraced "second SIGINT: the attached server is not killed" "$srv1" 'R|S'
if request "$port1"; then
	expect_match "second SIGINT: the attached server answers" '^hello 6 ' "$REPLY"
else
	fail "second SIGINT: the attached server does not answer"
fi
check_no_pending "second SIGINT: the attached server" "$srv1"
check_log "second SIGINT: the attached server" "$dir"
if [ ! -s "$cap.err" ]; then
	pass "sctrace printed nothing on stderr"
else
	fail "sctrace printed on stderr: $(head -c 300 "$cap.err")"
fi

check_readers "$cap"
expect_sd "both servers' requests are in the capture" "$cap" \
	"evt.type=accept and evt.dir='<' and evt.rawres>=0" '%proc.pid %fd.name' \
	"$srv1 127.0.0.1:$c1->127.0.0.1:$port1
$srv2 127.0.0.1:$c2->127.0.0.1:$port2"
expect_sd "the launched server: execve, parent sctrace; killed by SIGKILL" "$cap" \
	"proc.pid=$srv2 and thread.tid=$srv2 and ((evt.type=execve and evt.dir='<') or evt.type=procexit)" \
	'%evt.type %proc.name %proc.pname %evt.arg.sig' \
	"execve attach_srv sctrace <NA>
procexit attach_srv sctrace SIGKILL"
finish
