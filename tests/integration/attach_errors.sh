#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Attach mode, bad input and refused attaches: each gives exactly one line
# on stderr, a non-zero exit status and no output file, and leaves the
# target process as it was (running, not traced, not disturbed).
#   usage errors: -p without a pid, -p abc, 0, -5, '1,', ',1', '1,,2', '',
#                 a pid beyond int
#   no such process (alone, after a good pid, with a command: not run)
#   sctrace's own pid; a pid given twice
#   a process already traced by strace (every thread, the main thread, one
#   other thread only)
#   another user's process, as an unprivileged user
#   a zombie, a kernel thread: said so, not "not permitted"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/attach_lib.sh"

out=$TMP/out
mkdir -p "$out"
chmod 0777 "$out"
n=0

# refused WHAT ERE [PREFIX...] --sctrace-- ARGS: "PREFIX sctrace ARGS -o FILE"
# exits with status 1 and one line matching ERE on stderr, and leaves no
# FILE.  (If it attaches instead, it is stopped with SIGINT after 5 s.)
refused() {
	local what=$1 ere=$2 rc=0 f err prefix=()
	shift 2
	while [ "$1" != --sctrace-- ]; do
		prefix+=("$1")
		shift
	done
	shift
	n=$((n + 1))
	f=$out/$n.scap
	err=$TMP/$n.err
	timeout -s INT -k 3 5 "${prefix[@]}" "$SCTRACE" "$@" -o "$f" </dev/null \
		>"$TMP/$n.out" 2>"$err" || rc=$?
	if [ "$rc" = 124 ]; then
		fail "$what: sctrace did not fail: it attached and ran until SIGINT after 5 s"
	else
		expect_eq "$what: exit status 1" 1 "$rc"
	fi
	expect_err "$what" "$err" "$ere"
	if [ -e "$f" ]; then
		fail "$what: the output file is left behind ($(stat -c %s "$f") bytes)"
	else
		pass "$what: no output file is left"
	fi
	[ ! -s "$TMP/$n.out" ] || fail "$what: output on stdout: $(head -c 200 "$TMP/$n.out")"
}

# ---- usage errors ----
usage_ere() { printf "^sctrace: -p: '%s' is not a process id \\\\(see 'sctrace --help'\\\\)\$" "$1"; }
rc=0
"$SCTRACE" -o "$out/0.scap" -p </dev/null 2>"$TMP/0.err" || rc=$?
expect_eq "-p without a pid: exit status 1" 1 "$rc"
expect_err "-p without a pid" "$TMP/0.err" "^sctrace: option '-p' needs an argument"
[ ! -e "$out/0.scap" ] && pass "-p without a pid: no output file" ||
	fail "-p without a pid: the output file is left behind"
for bad in abc 0 -5 1, ,1 1,,2 12x 99999999999 ''; do
	refused "-p '$bad'" "$(usage_ere "$bad")" --sctrace-- -p "$bad"
done

# ---- no such process ----
nopid=999999
while [ -e "/proc/$nopid" ]; do nopid=$((nopid + 1)); done
refused "-p $nopid (no such process)" "^sctrace: attach $nopid: no such process\$" \
	--sctrace-- -p "$nopid"
refused "-p $nopid -- a command" "^sctrace: attach $nopid: no such process\$" \
	--sctrace-- -p "$nopid" -- sh -c ": > '$TMP/ran'"
[ ! -e "$TMP/ran" ] && pass "-p $nopid -- a command: the command is not run" ||
	fail "-p $nopid -- a command: the command ran"

# ---- sctrace's own pid: the shell execs sctrace, keeping its pid ----
rc=0
sh -c 'echo $$ >"$1"; exec "$0" -p $$ -o "$2"' "$SCTRACE" "$TMP/self.pid" "$out/self.scap" \
	</dev/null 2>"$TMP/self.err" || rc=$?
self=$(cat "$TMP/self.pid")
expect_eq "-p its own pid: exit status 1" 1 "$rc"
expect_err "-p its own pid" "$TMP/self.err" "^sctrace: attach $self: sctrace cannot trace itself\$"
[ ! -e "$out/self.scap" ] && pass "-p its own pid: no output file" ||
	fail "-p its own pid: the output file is left behind"

server_cases() {
	# ---- a good pid along with a bad one: the good one is left as it was ----
	dir=$TMP/srv
	start_server "$dir"
	# after_refusal WHAT: the server is untouched
	after_refusal() {
		check_untraced "$1: the server" "$srv_pid" 'R|S'
		if beats "$dir" 0.1; then
			pass "$1: the server runs"
		else
			fail "$1: the server does not run: $(thread_table "$srv_pid")"
		fi
	}
	refused "-p SERVER -p $nopid" "^sctrace: attach $nopid: no such process\$" \
		--sctrace-- -p "$srv_pid" -p "$nopid"
	after_refusal "-p SERVER -p $nopid"
	refused "-p SERVER,SERVER" "^sctrace: attach $srv_pid: given twice\$" \
		--sctrace-- -p "$srv_pid,$srv_pid"
	after_refusal "-p SERVER,SERVER"
	if request "$srv_port"; then
		expect_match "the server answers after the refused attaches" '^hello 1 ' "$REPLY"
	else
		fail "the server does not answer after the refused attaches"
	fi
	check_no_pending "after the refused attaches" "$srv_pid"
	check_log "after the refused attaches" "$dir"

	# ---- already traced by strace ----
	reader=$(thread_named "$srv_pid" srv-reader)
	[ -n "$reader" ] || hard_error "attach_srv has no thread srv-reader"
	# strace_case WHAT STRACE-ARGS...: while strace traces (part of) the server,
	# sctrace -p SERVER is refused, naming strace
	strace_case() {
		local what=$1 spid
		shift
		strace -qq -o /dev/null "$@" </dev/null 2>"$TMP/strace.err" &
		spid=$!
		bg_add "$spid"
		tracer_is() { get "$1" TracerPid; [ "$FIELD" = "$2" ]; }
		if ! wait_for 5 tracer_is "/proc/$srv_pid/task/${target:-$srv_pid}/status" "$spid"; then
			fail "$what: strace did not attach: $(cat "$TMP/strace.err")"
			return
		fi
		nap 0.2
		refused "$what" "^sctrace: attach $srv_pid: ${target:+thread $target is }already traced by process $spid\$" \
			--sctrace-- -p "$srv_pid"
		if tracer_is "/proc/$srv_pid/task/${target:-$srv_pid}/status" "$spid"; then
			pass "$what: strace still traces it"
		else
			fail "$what: strace no longer traces it: $(thread_table "$srv_pid")"
		fi
		if beats "$dir" 0.1; then
			pass "$what: the server runs"
		else
			fail "$what: the server does not run: $(thread_table "$srv_pid")"
		fi
		kill -TERM "$spid" 2>/dev/null
		wait_for 5 is_gone "$spid" || kill -KILL "$spid" 2>/dev/null
		wait "$spid" 2>/dev/null || true
		wait_for 5 traced_by "$srv_pid" 0 ||
			hard_error "strace did not detach from the server: $(thread_table "$srv_pid")"
	}
	target=
	strace_case "every thread traced by strace -f" -f -p "$srv_pid"
	strace_case "the main thread traced by strace" -p "$srv_pid"
	target=$reader
	strace_case "one thread (not the main one) traced by strace" -p "$reader"
	target=
	if request "$srv_port"; then
		expect_match "the server answers after strace and sctrace" '^hello 2 ' "$REPLY"
	else
		fail "the server does not answer after strace and sctrace"
	fi
}

# The rest attaches to a server that is not sctrace's descendant: an
# unprivileged user cannot under Yama ptrace_scope >= 1 (not even strace).
if [ "$(id -u)" -ne 0 ] && [ "$YAMA_SCOPE" -ge 1 ]; then
	note "Yama ptrace_scope is $YAMA_SCOPE: the cases that attach to a server are left out"
else
	server_cases
fi

# ---- another user's process ----
if unprivileged_user; then
	# a root process, attached to by the unprivileged user
	sleep 30 </dev/null &
	victim=$!
	bg_add "$victim"
	refused "as $UNPRIV_USER, -p a root process" \
		"^sctrace: attach $victim: not permitted: another user's process \\(uid 0\\)" \
		"${RUN_AS[@]}" --sctrace-- -p "$victim"
else
	get /proc/1/status Uid
	victim=1
	if [ "${FIELD%%[[:space:]]*}" != "$(id -u)" ]; then
		refused "as $(id -un), -p 1 (another user's)" \
			"^sctrace: attach 1: not permitted: another user's process|^sctrace: attach 1: not permitted: Yama" \
			--sctrace-- -p 1
	else
		note "pid 1 is ours: no other user's process to try"
		victim=
	fi
fi
if [ -n "$victim" ]; then
	check_untraced "the other user's process after the refusal" "$victim" 'R|S'
fi

# ---- a zombie, a kernel thread: the truth, whoever runs sctrace ----
# (the zombie: a child that its parent, now sleep 30, never reaps)
bash -c 'sleep 0.1 & exec sleep 30' </dev/null &
zparent=$!
bg_add "$zparent"
zombie=
for _ in $(seq 50); do
	zombie=$(ps -o pid=,stat= --ppid "$zparent" | awk '$2 ~ /^Z/ { print $1 }' || true)
	[ -n "$zombie" ] && break
	sleep 0.1
done
if [ -n "$zombie" ]; then
	refused "-p a zombie" \
		"^sctrace: attach $zombie: the process has exited \\(a zombie, not yet reaped by its parent\\): nothing to trace\$" \
		--sctrace-- -p "$zombie"
else
	fail "no zombie to attach to appeared"
fi
kthread=
for p in 2 $(ps -eo pid= | head -n 50); do
	# PF_KTHREAD (0x200000) in the flags, field 9 of stat
	flags=$(awk '{ sub(/.*\) /, ""); print $7 }' "/proc/$p/stat" 2>/dev/null || true)
	if [ -n "$flags" ] && (( flags & 0x200000 )); then
		kthread=$p
		break
	fi
done
if [ -n "$kthread" ]; then
	refused "-p a kernel thread" \
		"^sctrace: attach $kthread: a kernel thread: it has no user space to trace\$" \
		--sctrace-- -p "$kthread"
else
	note "no kernel thread visible here (a pid namespace): case left out"
fi
finish
