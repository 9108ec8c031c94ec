# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers of the attach-mode tests (tests/integration/attach*.sh):
# sourced after lib.sh.  They start tests/progs/attach_srv (a multi-threaded
# TCP server, see its comment), attach "sctrace -p" to it, talk to it and
# look at its threads in /proc.
#
# Waiting: every wait is bounded.  The polling loops and the client use bash
# builtins only (read -t on a FIFO as the sleep, /dev/tcp for the client), so
# that the tests start no process while sctrace takes its /proc snapshot
# (processes that come and go then are a test of their own, attach_busy.sh).

SRV=$(prog attach_srv)

# RUN_AS: a command prefix that runs the rest as another user (setpriv ...,
# it must exec); empty: as the user running the test
RUN_AS=()

# Yama ptrace_scope >= 1 lets an unprivileged user attach only to its own
# descendants: the test's server is not sctrace's.  need_attach (in tests
# that attach as the current user) skips then: attach mode cannot work.
YAMA_SCOPE=$(cat /proc/sys/kernel/yama/ptrace_scope 2>/dev/null || echo 0)
need_attach() {
	if [ "$(id -u)" -ne 0 ] && [ "$YAMA_SCOPE" -ge 1 ]; then
		skip_test "Yama ptrace_scope is $YAMA_SCOPE: an unprivileged user cannot attach to a process that is not its descendant (attach_user.sh checks sctrace's message)"
	fi
}

# unprivileged_user: as root, set UNPRIV_USER, UNPRIV_UID, UNPRIV_GID and
# RUN_AS (setpriv to that user, no capabilities) to "nobody" (or to a
# system user sctracetest, created if need be), make TMP reachable for it
# and run copies of sctrace and attach_srv from TMP (the build tree may be
# closed to it).  Returns 1 when not root, and when root only of a user
# namespace that maps no other user (unshare -Ur: contrib/test.sh runs the
# suite so), where the current user is the unprivileged one.
unprivileged_user() {
	local map
	[ "$(id -u)" -eq 0 ] || return 1
	map=$(awk '{ printf("%s%s %s %s", (NR > 1 ? ", " : ""), $1, $2, $3) }' /proc/self/uid_map)
	if [ "$map" != "0 0 4294967295" ] &&
		! awk -v u="$(id -u nobody 2>/dev/null || echo 65534)" \
			'u >= $1 && u < $1 + $3 { f = 1 } END { exit !f }' /proc/self/uid_map; then
		note "root of a user namespace (uid_map $map) that maps no other user: running as the current user, unprivileged outside it"
		return 1
	fi
	command -v setpriv >/dev/null 2>&1 ||
		hard_error "setpriv (util-linux) is needed to run as another user"
	if id -u nobody >/dev/null 2>&1; then
		UNPRIV_USER=nobody
	else
		id -u sctracetest >/dev/null 2>&1 ||
			useradd -M -r -s /usr/sbin/nologin sctracetest ||
			hard_error "cannot create the user sctracetest"
		UNPRIV_USER=sctracetest
	fi
	UNPRIV_UID=$(id -u "$UNPRIV_USER")
	UNPRIV_GID=$(id -g "$UNPRIV_USER")
	RUN_AS=(setpriv --reuid="$UNPRIV_UID" --regid="$UNPRIV_GID" --clear-groups --inh-caps=-all --)
	chmod 0711 "$TMP"
	mkdir -p "$TMP/bin"
	cp "$SCTRACE" "$SRV" "$TMP/bin/"
	chmod 0755 "$TMP/bin" "$TMP/bin/"*
	SCTRACE=$TMP/bin/sctrace
	SRV=$TMP/bin/attach_srv
	[ "$("${RUN_AS[@]}" id -u)" = "$UNPRIV_UID" ] ||
		hard_error "cannot switch to $UNPRIV_USER with: ${RUN_AS[*]}"
}

# ---- background processes, killed on exit ----------------------------------

BG_PIDS=()
bg_add() { BG_PIDS+=("$@"); }

# Kill what is left, the most recently started first (sctrace before the
# processes it traces: the kernel detaches them when it dies).
attach_cleanup() {
	local i pid
	for ((i = ${#BG_PIDS[@]} - 1; i >= 0; i--)); do
		pid=${BG_PIDS[i]}
		kill -KILL "$pid" 2>/dev/null || true
	done
	for pid in "${BG_PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	# a test that ran as another user left files of that user in TMP
	chmod -R u+rwX "$TMP" 2>/dev/null || true
}
trap 'attach_cleanup; cleanup' EXIT

# ---- sleeping and waiting without starting processes -----------------------

mkfifo "$TMP/.sleep.fifo"
exec {SLEEP_FD}<>"$TMP/.sleep.fifo"

# nap SECONDS (fractions allowed): sleep without a child process
nap() { read -r -t "$1" -u "$SLEEP_FD" _ || true; }

# wait_for TIMEOUT CMD [ARGS...]: run CMD every 20 ms until it succeeds;
# return 1 if it still fails after TIMEOUT seconds.
wait_for() {
	local n=$(($1 * 50))
	shift
	while ! "$@"; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		nap 0.02
	done
}

# now_ms: milliseconds since the epoch (bash 5's EPOCHREALTIME, a builtin)
now_ms() {
	local t=${EPOCHREALTIME/[.,]/}
	printf '%s\n' "$((t / 1000))"
}

# ---- processes and threads in /proc ----------------------------------------

# get FILE KEY: set FIELD to the value of "KEY:" in a /proc status file
# ("" if the file is gone); no subshell (see above)
get() {
	local k v
	FIELD=
	while IFS=$' \t' read -r k v; do
		if [ "$k" = "$2:" ]; then
			FIELD=$v
			return 0
		fi
	done 2>/dev/null <"$1" || true
	return 0
}

# field FILE KEY: print it
field() {
	get "$1" "$2"
	printf '%s\n' "$FIELD"
}

# tids PID: the thread ids of PID, one a line
tids() {
	local d
	for d in /proc/"$1"/task/*; do
		[ -d "$d" ] && printf '%s\n' "${d##*/}"
	done
	return 0
}

# nthreads PID: set NTHREADS to the number of threads of PID (no subshell)
nthreads() {
	local d
	NTHREADS=0
	for d in /proc/"$1"/task/*; do
		[ -d "$d" ] && NTHREADS=$((NTHREADS + 1))
	done
	return 0
}

# is_running PID: alive and not a zombie
is_running() {
	[ -e "/proc/$1/status" ] || return 1
	get "/proc/$1/status" State
	[ -n "$FIELD" ] && [ "${FIELD%% *}" != Z ] && [ "${FIELD%% *}" != X ]
}

# is_gone PID: exited (gone, or a zombie not yet waited for)
is_gone() { ! is_running "$1"; }

# traced_by PID TRACER: every thread of PID has TracerPid TRACER
traced_by() {
	local d n=0
	for d in /proc/"$1"/task/*; do
		[ -e "$d/status" ] || continue
		get "$d/status" TracerPid
		[ -n "$FIELD" ] || continue	# a thread that just ended
		[ "$FIELD" = "$2" ] || return 1
		n=$((n + 1))
	done
	[ "$n" -gt 0 ]
}

# thread_table PID: "TID STATE TRACERPID" for every thread (for messages)
thread_table() {
	local d
	for d in /proc/"$1"/task/*; do
		[ -e "$d/status" ] || continue
		printf '%s %s %s; ' "${d##*/}" "$(field "$d/status" State | cut -c1)" \
			"$(field "$d/status" TracerPid)"
	done
	return 0
}

# all_in_state PID ERE: the one-letter state of every thread matches ERE
all_in_state() {
	local d n=0
	for d in /proc/"$1"/task/*; do
		[ -e "$d/status" ] || continue
		get "$d/status" State
		[ -n "$FIELD" ] || continue	# a thread that just ended
		[[ ${FIELD%% *} =~ ^($2)$ ]] || return 1
		n=$((n + 1))
	done
	[ "$n" -gt 0 ]
}

# syscall_of PID TID: the number of the syscall the thread is blocked in
# (first field of /proc/PID/task/TID/syscall; "running" when it runs)
syscall_of() {
	local s
	s=$(cat "/proc/$1/task/$2/syscall" 2>/dev/null) || s=gone
	printf '%s\n' "${s%% *}"
}

# thread_named PID NAME: the tid of the thread of PID named NAME (comm)
thread_named() {
	local d c
	for d in /proc/"$1"/task/*; do
		read -r c 2>/dev/null <"$d/comm" || continue
		[ "$c" = "$2" ] && printf '%s\n' "${d##*/}"
	done
	return 0
}

# ---- the server -------------------------------------------------------------

# start_server DIR: run "RUN_AS attach_srv DIR" in the background, wait
# until it listens with its 4 threads; sets srv_pid and srv_port.
start_server() {
	local dir=$1
	mkdir -p "$dir"
	"${RUN_AS[@]}" "$SRV" "$dir" </dev/null >"$dir/out" 2>&1 &
	srv_pid=$!
	bg_add "$srv_pid"
	wait_for 5 test -s "$dir/port" ||
		hard_error "attach_srv $dir did not start: $(cat "$dir/out" "$dir/log" 2>/dev/null)"
	srv_port=$(cat "$dir/port")
	has_threads() { nthreads "$1"; [ "$NTHREADS" -ge "$2" ]; }
	wait_for 5 has_threads "$srv_pid" 4 ||
		hard_error "attach_srv $dir has not 4 threads: $(tids "$srv_pid" | tr '\n' ' ')"
	# each thread in its blocking call
	nap 0.1
}

# beat DIR: set BEAT to the server's heartbeat counter
beat() {
	local v=0
	read -r v <"$1/beat" 2>/dev/null || true
	BEAT=$((10#${v:-0}))
}

# beats DIR SECONDS: whether the heartbeat changes within SECONDS
beats() {
	local b
	beat "$1"
	b=$BEAT
	nap "$2"
	beat "$1"
	[ "$BEAT" != "$b" ]
}

# request PORT [LINE]: send LINE (default "ping"), set REPLY to the answer
# line; fails if there is none within 5 s.  Bash's /dev/tcp: no process.
request() {
	local fd
	REPLY=
	exec {fd}<>"/dev/tcp/127.0.0.1/$1" || return 1
	printf '%s\n' "${2:-ping}" >&"$fd"
	IFS= read -r -t 5 -u "$fd" REPLY || true
	exec {fd}<&-
	[ -n "$REPLY" ]
}

# ---- sctrace in the background ---------------------------------------------

# sctrace_bg ERRFILE ARGS...: run "RUN_AS sctrace ARGS" in the background
# with stderr to ERRFILE; sets sct_pid.
sctrace_bg() {
	local err=$1
	shift
	"${RUN_AS[@]}" "$SCTRACE" $SCTRACE_READERS "$@" </dev/null 2>"$err" &
	sct_pid=$!
	bg_add "$sct_pid"
}

# wait_attached PID TRACER [ERRFILE]: every thread of PID traced by TRACER
# within 5 s, then a pause for sctrace to write its snapshot; records a
# failure if not (with ERRFILE, sctrace's stderr, in the message)
attached_or_gone() { traced_by "$1" "$2" || is_gone "$2"; }
wait_attached() {
	if wait_for 5 attached_or_gone "$1" "$2" && ! is_gone "$2"; then
		nap 0.5
		nthreads "$1"
		pass "sctrace ($2) attached to every thread of $1 ($NTHREADS threads)"
		return 0
	fi
	fail "sctrace ($2) did not attach to every thread of $1 within 5 s: $(thread_table "$1")$(
		is_gone "$2" && echo " (sctrace exited)")${3:+ stderr: $(head -c 300 "$3")}"
	return 1
}

# stop_sctrace PID [SIGNAL [TIMEOUT]]: send SIGNAL (INT) and wait up to
# TIMEOUT (5) seconds for sctrace to exit; sets stop_rc (exit status, or
# "timeout" when it is still running) and stop_ms (how long it took).
stop_sctrace() {
	local pid=$1 sig=${2:-INT} timeout=${3:-5} t0
	t0=$(now_ms)
	kill -s "$sig" "$pid" 2>/dev/null || true
	if wait_for "$timeout" is_gone "$pid"; then
		stop_ms=$(($(now_ms) - t0))
		stop_rc=0
		wait "$pid" 2>/dev/null || stop_rc=$?
		return 0
	fi
	stop_ms=$(($(now_ms) - t0))
	stop_rc=timeout
	describe_stuck "$pid"
	return 1
}

# What a process that does not end is doing, on stderr (the test's log):
# each thread's state, wait channel, syscall and kernel stack where this
# user may read them, and the processes it traces.
describe_stuck() {
	local pid=$1 t p
	[ -d "/proc/$pid" ] || return 0
	echo "# $pid does not end; its threads:" >&2
	for t in /proc/"$pid"/task/*; do
		echo "#   ${t##*/}: state $(cut -d' ' -f3 "$t/stat" 2>/dev/null)" \
			"wchan $(cat "$t/wchan" 2>/dev/null)" \
			"syscall $(cat "$t/syscall" 2>/dev/null)" >&2
		sed 's/^/#     /' "$t/stack" >&2 2>/dev/null || true
	done
	grep -E '^Sig(Pnd|Blk|Ign|Cgt)|^ShdPnd' "/proc/$pid/status" 2>/dev/null | sed 's/^/#   /' >&2
	for p in /proc/[0-9]*; do
		grep -qx "TracerPid:[[:space:]]*$pid" "$p/status" 2>/dev/null &&
			echo "#   it traces ${p##*/} ($(cat "$p/comm" 2>/dev/null)): $(grep '^State' "$p/status" 2>/dev/null)" >&2
	done
	return 0
}

# ---- checks -----------------------------------------------------------------

# check_untraced WHAT PID STATE_ERE: every thread of PID has TracerPid 0 and
# a state matching STATE_ERE (R|S|D: running; T: stopped), within 1 s (a
# thread may be passing through another state)
untraced_in() { traced_by "$1" 0 && all_in_state "$1" "$2"; }
check_untraced() {
	if ! is_running "$2"; then
		fail "$1: process $2 is gone"
	elif wait_for 1 untraced_in "$2" "$3"; then
		pass "$1: every thread of $2 has TracerPid 0 and state $3"
	else
		fail "$1: threads of $2 (tid state tracer): $(thread_table "$2")(want tracer 0, state $3)"
	fi
}

# pending_of PID: the signals pending for the process or a thread, each
# read once ("" when none)
pending_of() {
	local d v bad=
	for d in /proc/"$1"/task/*; do
		[ -e "$d/status" ] || continue
		v=$(field "$d/status" SigPnd)
		[ -z "$v" ] || [ "$v" = 0000000000000000 ] || bad+="${d##*/}:SigPnd=$v "
	done
	v=$(field "/proc/$1/status" ShdPnd)
	[ -z "$v" ] || [ "$v" = 0000000000000000 ] || bad+="ShdPnd=$v"
	printf '%s' "$bad"
}
no_pending() { [ -z "$(pending_of "$1")" ]; }

# check_no_pending WHAT PID: no signal pending for the process or a
# thread (a signal just sent, SIGCONT say, is pending for a moment before
# its delivery: allow it that moment)
check_no_pending() {
	if wait_for 1 no_pending "$2"; then
		pass "$1: no signal pending in $2"
	else
		fail "$1: signals pending in $2: $(pending_of "$2")"
	fi
}

# check_log WHAT DIR: the server saw no EINTR, no failure, no signal
check_log() {
	if [ ! -s "$2/log" ] && [ ! -s "$2/out" ]; then
		pass "$1: the server saw no EINTR, failed call or signal"
	else
		fail "$1: the server logged: $(head -n 5 "$2/log" "$2/out" | tr '\n' '|')"
	fi
}

# expect_err WHAT ERRFILE ERE: ERRFILE is exactly one line matching ERE
expect_err() {
	local n
	n=$(wc -l <"$2")
	if [ "$n" -eq 1 ] && grep -qE -- "$3" "$2"; then
		pass "$1: one line on stderr: $(cat "$2")"
	else
		fail "$1: stderr ($n lines) is not one line matching /$3/: $(head -c 400 "$2")"
	fi
}

# ---- the common scenario: attach to a serving server, detach ---------------

# server_scenario DIR USER: start attach_srv DIR (as USER: the server and
# sctrace run with RUN_AS in front), attach sctrace to it,
# make 3 requests, SIGINT sctrace; then check that the server runs on as if
# never traced and that the capture (read by sysdig and tshark) has the
# server's process, threads, sockets and requests.
server_scenario() {
	local dir=$1 user=$2 cap err ppid pcomm pre post t n reader main_nr reader_nr
	local i cports=() lines want got sd_tids
	cap=$dir/attach.scap
	err=$dir/sctrace.err
	start_server "$dir"
	get "/proc/$srv_pid/status" PPid
	ppid=$FIELD
	pcomm=$(cat "/proc/$ppid/comm")
	pre=$(tids "$srv_pid" | sort -n | tr '\n' ' ')
	reader=$(thread_named "$srv_pid" srv-reader)
	[ -n "$reader" ] || hard_error "attach_srv has no thread srv-reader: $pre"
	# what the main thread and the reader are blocked in (accept4, read)
	main_nr=$(syscall_of "$srv_pid" "$srv_pid")
	reader_nr=$(syscall_of "$srv_pid" "$reader")

	sctrace_bg "$err" -p "$srv_pid" -o "$cap"
	if ! wait_attached "$srv_pid" "$sct_pid" "$err"; then
		stop_sctrace "$sct_pid" KILL 5 || true
		finish
	fi
	for i in 1 2 3; do
		if request "$srv_port" && [[ $REPLY =~ ^hello\ $i\ 127\.0\.0\.1:([0-9]+)$ ]]; then
			cports+=("${BASH_REMATCH[1]}")
		else
			fail "request $i while traced: answer '$REPLY'"
		fi
	done
	expect_eq "the 3 requests made while traced are answered" 3 "${#cports[@]}"
	nap 0.2

	# ---- the detach ----
	stop_sctrace "$sct_pid" INT 5 || true
	expect_eq "sctrace exits with status 0 after SIGINT" 0 "$stop_rc"
	if [ "$stop_rc" != timeout ] && [ "$stop_ms" -lt 2000 ]; then
		pass "sctrace detached and exited within 2 s (${stop_ms} ms)"
	else
		fail "sctrace took ${stop_ms} ms to detach and exit"
	fi
	if [ ! -s "$err" ]; then
		pass "sctrace printed nothing on stderr"
	else
		fail "sctrace printed on stderr: $(head -c 300 "$err")"
	fi
	if [ "$stop_rc" = timeout ]; then
		stop_sctrace "$sct_pid" KILL 5 || true
	fi

	# ---- the server after the detach ----
	check_untraced "after the detach" "$srv_pid" 'R|S'
	post=$(tids "$srv_pid" | sort -n | tr '\n' ' ')
	expect_eq "the server has the threads it had before the attach" "$pre" "$post"
	expect_eq "the reader thread is blocked in read again (syscall $reader_nr)" \
		"$reader_nr" "$(syscall_of "$srv_pid" "$reader")"
	expect_eq "the main thread is blocked in accept4 again (syscall $main_nr)" \
		"$main_nr" "$(syscall_of "$srv_pid" "$srv_pid")"
	if beats "$dir" 0.3; then
		pass "the server's ticker thread runs on after the detach"
	else
		fail "the server's heartbeat stopped after the detach: $(thread_table "$srv_pid")"
	fi
	if request "$srv_port"; then
		expect_match "the server answers after the detach" '^hello 4 ' "$REPLY"
	else
		fail "the server does not answer after the detach ($(thread_table "$srv_pid"))"
	fi
	check_no_pending "after the detach" "$srv_pid"
	check_log "after the detach" "$dir"

	# ---- the capture ----
	check_readers "$cap"
	expect_sd "every event is of the server" "$cap" "proc.pid!=$srv_pid" \
		'%evt.num %proc.pid %proc.name %evt.type' ""
	expect_sd "events of the main thread: proc.name, proc.pname (its parent, $pcomm), user.name from the snapshot" \
		"$cap" "thread.tid=$srv_pid and evt.type=accept and evt.dir='>'" \
		'%proc.name %proc.pid %proc.pname %proc.ppid %user.name' \
		"$(printf "attach_srv $srv_pid $pcomm $ppid $user\n%.0s" 1 2 3 4)"
	for t in $pre; do
		n=$(sd "$cap" '%evt.num' "thread.tid=$t" | wc -l)
		if [ "$n" -gt 0 ]; then
			pass "thread $t (there before the attach) has $n events"
		else
			fail "thread $t (there before the attach) has no event"
		fi
	done

	# the accepted connections: the accept exit on the main thread, then
	# read (the request) and write (the answer) in a new handler thread
	want=
	for i in 1 2 3; do
		want+="$srv_pid 127.0.0.1:${cports[i - 1]:-?}->127.0.0.1:$srv_port 127.0.0.1:${cports[i - 1]:-?}->127.0.0.1:$srv_port"$'\n'
	done
	expect_sd "accept exits: the tuples of the 3 connections" "$cap" \
		"evt.type=accept and evt.dir='<'" '%thread.tid %fd.name %evt.arg.tuple' "$want"
	want=
	for i in 1 2 3; do
		want+="4 127.0.0.1:${cports[i - 1]:-?}->127.0.0.1:$srv_port ping."$'\n'
	done
	expect_sd "reads of the requests: fd.name is the connection, the data" "$cap" \
		"evt.type=read and evt.dir='<' and fd.type=ipv4" '%fd.typechar %fd.name %evt.arg.data' "$want"
	want=
	for i in 1 2 3; do
		want+="127.0.0.1:${cports[i - 1]:-?}->127.0.0.1:$srv_port hello $i 127.0.0.1:${cports[i - 1]:-?}."$'\n'
	done
	expect_sd "writes of the answers: fd.name and data" "$cap" \
		"evt.type=write and evt.dir='<' and fd.type=ipv4" '%fd.name %evt.arg.data' "$want"
	sd_tids=$(sd "$cap" '%thread.tid' "evt.type=read and evt.dir='<' and fd.type=ipv4" | sort -un)
	n=0
	for t in $sd_tids; do
		[[ " $pre " == *" $t "* ]] || n=$((n + 1))
	done
	expect_eq "the requests are read by 3 different threads born after the attach" 3 "$n"
	n=$(sd "$cap" '%thread.tid' "proc.pid=$srv_pid" | sort -u | wc -l)
	if [ "$n" -ge 7 ]; then
		pass "events of $n different threads of the server"
	else
		fail "events of only $n different threads of the server (want 4 old + 3 new)"
	fi

	# fds opened before the attach have their names (the FDL)
	expect_sd "the listening socket (fcntl before each accept): fd.name, a server socket" \
		"$cap" "evt.type=fcntl and evt.dir='>' and thread.tid=$srv_pid" \
		'%fd.typechar %fd.name %fd.is_server %evt.arg.cmd' \
		"4 127.0.0.1:$srv_port true F_GETFD
4 127.0.0.1:$srv_port true F_GETFD
4 127.0.0.1:$srv_port true F_GETFD"
	lines=$(sd "$cap" '%thread.tid %evt.dir %fd.num %fd.typechar %fd.name' \
		"proc.pid=$srv_pid and evt.type=read and fd.typechar=p")
	want=$(readlink "/proc/$srv_pid/fd/$(printf '%s' "$lines" | cut -d' ' -f3)" || true)
	expect_eq "the reader thread's read of the pipe (only an enter: it never returns): fd.name from the snapshot" \
		"$reader > p $want" "$(printf '%s' "$lines" | cut -d' ' -f1,2,4,5)"
	# (the chisel takes the filter as one argument, quoted for its parser)
	got=$(sysdig -r "$cap" -c lsof "'proc.pid=$srv_pid and thread.tid=$srv_pid and fd.type=ipv4'" 2>&1 |
		awk 'NR > 1 { print $1, $2, $4, $6, $7 }' || true)
	expect_eq "sysdig's lsof chisel: the listening socket, from the snapshot" \
		"attach_srv $srv_pid $user ipv4 127.0.0.1:$srv_port" "$got"
}

# children PID: the child processes of every thread of PID (no subshell)
children() {
	local d c
	CHILDREN=()
	for d in /proc/"$1"/task/*; do
		c=()
		# (no newline at the end of the list: read "fails" but reads)
		read -r -a c 2>/dev/null <"$d/children" || true
		CHILDREN+=("${c[@]}")
	done
	return 0
}

# check_children_untraced WHAT PID: no child of PID is traced or stopped (a
# child that exits meanwhile is fine)
child_ok() { is_gone "$1" || { traced_by "$1" 0 && all_in_state "$1" 'R|S|D'; }; }
check_children_untraced() {
	local c bad=
	children "$2"
	for c in "${CHILDREN[@]}"; do
		wait_for 1 child_ok "$c" || bad+="$c: $(thread_table "$c") "
	done
	if [ -z "$bad" ]; then
		pass "$1: no child of $2 (${#CHILDREN[@]} now) is traced or stopped"
	else
		fail "$1: children of $2 left traced or stopped (tid state tracer): $bad"
	fi
}
