#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Capture filters (tests/progs/filter_prog), checked with the external
# readers (sysdig, tshark; strace for the syscall counts):
#   1. evt.type=openat: only openat events, as many as strace counts, and the
#      seccomp pre-filter stops only for them (forks, clones and execs are
#      followed by their ptrace event stops; the stop count against
#      strace's counts, and against --no-seccomp)
#   2. sysdig's own filtering of a full capture gives what sysdig reads from
#      a filtered capture, filtered the same way
#   3. attach (-p) with a filter: no seccomp, only the filtered events, and
#      the process runs on after SIGINT
#   4. bad filters are refused before anything starts; -l, -L, -f, -ff
# Also, when /work/sinsp-check (or $SINSP_CHECK) exists: the newest libs
# reader opens the filtered captures without error.
. "$(dirname "$0")/lib.sh"

fprog=$(prog filter_prog)
d=$TMP/files
mkdir "$d"

SINSP_CHECK=${SINSP_CHECK:-/work/sinsp-check}
[ -x "$SINSP_CHECK" ] || SINSP_CHECK=

# Background processes (check 3), killed on exit before the usual cleanup.
BG_PIDS=()
filter_cleanup() {
	local pid
	for pid in "${BG_PIDS[@]}"; do
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
}
trap 'filter_cleanup; cleanup' EXIT

# ftrace CAPTURE [SCTRACE ARGS...] -- CMD [ARGS...]: run
# "sctrace -v -o CAPTURE ARGS -- CMD ARGS" (ARGS: options and filter words),
# with stderr in CAPTURE.err; set trace_rc and the counts of its -v line:
# st_events, st_filtered, st_stops, st_syscalls, st_seccomp (1 if
# "seccomp pre-filter").  Fails the check if there is no capture or no line.
ftrace() {
	local cap=$1 line
	shift
	trace_rc=0
	timeout 120 "$SCTRACE" -v -o "$cap" "$@" 2>"$cap.err" || trace_rc=$?
	parse_stats "$cap.err" || {
		fail "no statistics line from sctrace -v -o $cap $* (exit $trace_rc): $(head -c 300 "$cap.err")"
		return 1
	}
	if [ ! -s "$cap" ]; then
		fail "sctrace wrote no capture for: $* (exit $trace_rc)"
		return 1
	fi
}

# parse_stats FILE: the counts of sctrace's -v line in FILE
# ("sctrace: N events written, N filtered out, N stops, N syscalls seen
# [, seccomp pre-filter]"); returns 1 if there is none.
parse_stats() {
	local line
	line=$(grep -E '^sctrace: [0-9]+ events written, [0-9]+ filtered out, [0-9]+ stops, [0-9]+ syscalls seen' "$1" | tail -n 1)
	[ -n "$line" ] || return 1
	# shellcheck disable=SC2034 # st_filtered: parsed for completeness
	read -r st_events st_filtered st_stops st_syscalls <<<"$(printf '%s\n' "$line" |
		sed -E 's/^sctrace: ([0-9]+) events written, ([0-9]+) filtered out, ([0-9]+) stops, ([0-9]+) syscalls seen.*/\1 \2 \3 \4/')"
	st_seccomp=0
	case $line in
	*", seccomp pre-filter"*) st_seccomp=1 ;;
	esac
	st_line=$line
}

# sinsp CAPTURE: the newest libs reader (sinsp-example) reads it without error
sinsp() {
	local out
	[ -n "$SINSP_CHECK" ] || return 0
	if out=$("$SINSP_CHECK" "$1" 2>&1); then
		pass "$(basename "$1"): sinsp-check: $(printf '%s\n' "$out" | grep '^events read' || true)"
	else
		fail "$(basename "$1"): sinsp-check fails: $(printf '%s\n' "$out" | grep -E 'RESULT|ERROR' | head -n 3)"
	fi
}


# ---- strace's view of filter_prog ------------------------------------------

slog=$TMP/strace.log
(strace -f -qq -o "$slog" "$fprog" "$d" >/dev/null || true) 2>"$slog.err"
[ -s "$slog" ] || hard_error "strace -f -o $slog $fprog wrote nothing: $(head -c 300 "$slog.err")"
# calls: lines that start a syscall (not "<... resumed>", "---", "+++")
n_calls() { grep -cE "^[0-9]+ +($1)\(" "$slog" || true; }
n_all=$(n_calls '[a-z_0-9]+')
n_openat=$(n_calls openat)
n_clone3=$(n_calls clone3)
n_life=$(n_calls 'execve|execveat|clone|clone3|fork|vfork')
# tasks: the first one and each successful clone/fork
n_new=$(grep -cE '^[0-9]+ +(clone|clone3|fork|vfork)\(.*= [1-9][0-9]*$' "$slog" || true)
n_resumed=$(grep -cE '^[0-9]+ +<\.\.\. (clone|clone3|fork|vfork) resumed>.*= [1-9][0-9]*$' "$slog" || true)
n_tasks=$((1 + n_new + n_resumed))
n_execs=$(grep -cE '^[0-9]+ +(execve|execveat)\(.*= 0$' "$slog" || true)
n_signals=$(grep -cE '^[0-9]+ +--- SIG' "$slog" || true)
note "strace: $n_all syscalls, $n_openat openat, $n_life execve/clone/fork," \
	"$n_tasks processes and threads, $n_signals signals"
if [ "$n_openat" -lt 8 ] || [ "$n_life" -lt 4 ]; then
	hard_error "filter_prog under strace: $n_openat openat, $n_life execve/clone (expected >= 8, >= 4)"
fi

# ---- 1. evt.type=openat under the seccomp pre-filter -----------------------

cap=$TMP/openat.scap
ftrace "$cap" evt.type=openat -- "$fprog" "$d" || finish
expect_eq "evt.type=openat: sctrace exits with the program's status" 0 "$trace_rc"
# Besides openat: the events that tell the readers of each thread the
# filter left out the birth or exec of (one clone-family exit, res 0, per
# thread born unseen; an execve pair per exec unseen), right before its
# first kept event.
expect_eq "evt.type=openat: only openat events, and clone/execve events describing threads" \
	"" "$(sd "$cap" '%evt.num %evt.type %evt.dir %evt.rawres' "evt.type!=openat" |
		awk '!($2 ~ /^(clone|clone3|fork|vfork)$/ && $3 == "<" && $4 == 0) &&
			!($2 == "execve" && ($3 == ">" || $4 == 0))' | head -n 3)"
n_desc=$(sd "$cap" '%evt.num' "evt.type!=openat" | grep -c . || true)
expect_eq "evt.type=openat: openat enter events = strace's openat calls" "$n_openat" \
	"$(sd "$cap" '%evt.type' "evt.type=openat and evt.dir='>'" | wc -l)"
expect_eq "evt.type=openat: openat exit events = strace's openat calls" "$n_openat" \
	"$(sd "$cap" '%evt.type' "evt.type=openat and evt.dir='<'" | wc -l)"
expect_eq "evt.type=openat: the openat of the forked child, the thread and after the exec are there" \
	"/etc/passwd /etc/group $d/after-exec.txt" \
	"$(sd "$cap" '%fd.name' "evt.type=openat and evt.dir='<' and (fd.name=/etc/passwd or fd.name=/etc/group or fd.name=$d/after-exec.txt)" |
		tail -n 3 | tr '\n' ' ' | sed 's/ $//')"
check_readers "$cap"
paired "$cap"
sinsp "$cap"

expect_eq "evt.type=openat: -v says 'seccomp pre-filter' ($st_line)" 1 "$st_seccomp"
expect_eq "evt.type=openat: -v events written = 2 x openat + describing events" \
	"$((2 * n_openat + n_desc))" "$st_events"
# Under the pre-filter only openat and clone3 stop (clone3 for sctrace's
# own sake: a CLONE_UNTRACED in its struct, see src/fixup.c), once at the
# seccomp stop and once at its exit: "syscalls seen" counts exactly them;
# clone, fork and execve run without a syscall stop.
expect_eq "evt.type=openat: -v syscalls seen = openat and clone3 calls ($n_openat + $n_clone3)" \
	"$((n_openat + n_clone3))" "$st_syscalls"
# Stops (every waitpid report): 2 per openat and clone3; 1 per fork, clone or exec
# that succeeded (its ptrace event stop); 2 per process or thread (first
# stop, its death); 1 per signal delivered (SIGCHLD);
# plus the start: the launched command's SIGSTOP group-stop and the SIGCONT
# that ends it.  Up to 4 more are allowed for kernel variations.
n_events=$((n_new + n_resumed + n_execs))
stops_min=$((2 * (n_openat + n_clone3) + n_events))
stops_exp=$((2 * (n_openat + n_clone3) + n_events + 2 * n_tasks + n_signals + 2))
stops_max=$((stops_exp + 4))
sec_stops=$st_stops
if [ "$st_stops" -ge "$stops_min" ] && [ "$st_stops" -le "$stops_max" ]; then
	pass "evt.type=openat: $st_stops stops, within [2 x openat and clone3 + fork/clone/exec events = $stops_min, $stops_max] (expected $stops_exp)"
else
	fail "evt.type=openat: $st_stops stops, not within [2 x openat and clone3 + fork/clone/exec events = $stops_min, $stops_max] (expected 2x$n_openat openat + 2x$n_clone3 clone3 + $n_events fork/clone/exec events + 2x$n_tasks tasks + $n_signals signals + 2 = $stops_exp)"
fi

# The same without the pre-filter: every syscall stops twice (but the last
# one of each task, exit or exit_group, which has no exit stop).
cap2=$TMP/openat-noseccomp.scap
ftrace "$cap2" --no-seccomp evt.type=openat -- "$fprog" "$d" || finish
expect_eq "--no-seccomp: no 'seccomp pre-filter' ($st_line)" 0 "$st_seccomp"
# (strace ran the program separately: a pthread_join that finds its thread
# already gone makes no futex call, one that finds it running makes one or
# two, so futex calls may differ either way: strace's run made n_futex,
# this one makes up to two per thread created with clone3)
n_futex=$(n_calls futex)
sys_min=$((n_all - n_futex)) sys_max=$((n_all - n_futex + 2 * n_clone3))
[ "$sys_max" -ge "$n_all" ] || sys_max=$n_all
if [ "$st_syscalls" -le "$sys_max" ] && [ "$st_syscalls" -ge "$sys_min" ]; then
	pass "--no-seccomp: -v syscalls seen = strace's syscalls but futex ($st_syscalls in [$sys_min, $sys_max]; strace: $n_all, $n_futex futex)"
else
	fail "--no-seccomp: -v syscalls seen: $st_syscalls, not in [$sys_min, $sys_max] (strace's syscalls: $n_all, $n_futex futex, $n_clone3 clone3)"
fi
expect_eq "--no-seccomp: the same events are written" "$((2 * n_openat + n_desc))" "$st_events"
expect_eq "--no-seccomp: the same openat events (type, dir, fd.name, rawres)" \
	"$(sd "$cap" '%evt.type %evt.dir %fd.name %evt.rawres')" \
	"$(sd "$cap2" '%evt.type %evt.dir %fd.name %evt.rawres')"
if [ "$st_stops" -ge $((2 * sys_min - n_tasks)) ]; then
	pass "--no-seccomp: $st_stops stops >= 2 x $sys_min syscalls - $n_tasks tasks"
else
	fail "--no-seccomp: $st_stops stops < 2 x $sys_min syscalls - $n_tasks tasks"
fi
saved=$((st_stops - sec_stops))
if [ "$saved" -ge $((2 * (sys_min - n_openat - n_life) - n_tasks - 4)) ] &&
	[ "$st_stops" -ge $((5 * sec_stops)) ]; then
	pass "the pre-filter saves $saved stops of $st_stops (the $((n_all - n_openat - n_life)) other syscalls do not stop)"
else
	fail "the pre-filter saves only $saved stops of $st_stops (expected about 2 x $((n_all - n_openat - n_life)) other syscalls)"
fi

# ---- 2. the same result as sysdig's own filtering --------------------------

full=$TMP/full.scap
ftrace "$full" -- "$fprog" "$d" || finish
expect_eq "full capture: sctrace exits with the program's status" 0 "$trace_rc"
fmt='%evt.type %evt.dir %fd.name %evt.rawres'

# only_kept CAPTURE FILTER: the capture made with FILTER holds only events
# that sysdig's FILTER matches, and the enter events of matched exits (the
# enter right before the exit on its thread).
only_kept() {
	local cap=$1 filter=$2 extra
	sd "$cap" '%evt.num' "$filter" >"$TMP/kept.nums"
	extra=$(sd "$cap" '%evt.num %thread.tid %evt.type %evt.dir %evt.rawres %fd.name' | awk '
		FNR == NR { m[$1] = 1; next }
		{ num[FNR] = $1; tid[FNR] = $2; type[FNR] = $3; dir[FNR] = $4; res[FNR] = $5; line[FNR] = $0; n = FNR }
		END {
			for (i = 1; i <= n; i++) {
				if (num[i] in m)
					continue
				# (events describing a thread: see section 1)
				if (type[i] ~ /^(clone|clone3|fork|vfork)$/ && dir[i] == "<" && res[i] == 0)
					continue
				if (type[i] == "execve" && (dir[i] == ">" || res[i] == 0))
					continue
				ok = 0
				if (dir[i] == ">")
					for (j = i + 1; j <= n; j++)
						if (tid[j] == tid[i]) {
							ok = dir[j] == "<" && type[j] == type[i] && (num[j] in m)
							break
						}
				if (!ok)
					print line[i]
			}
		}' "$TMP/kept.nums" - | head -n 6)
	if [ -z "$extra" ]; then
		pass "'$filter': the filtered capture holds no event sysdig's filter rejects (but enters of kept exits)"
	else
		fail "'$filter': the filtered capture holds events sysdig's filter rejects (evt.num tid type dir fd.name):"
		printf '%s\n' "$extra" | sed 's/^/      /'
	fi
}

# same_as_sysdig NAME FILTER: a capture made with FILTER, read with FILTER,
# shows what sysdig shows for FILTER on the full capture.  (The filtered
# capture may also hold the enter events of kept exits, which FILTER may not
# match: reading both with FILTER leaves them out.)
same_as_sysdig() {
	local filter=$2 cap=$TMP/$1.scap want got fmt=${3:-$fmt}
	ftrace "$cap" "$filter" -- "$fprog" "$d" || return 0
	expect_eq "'$filter': sctrace exits with the program's status" 0 "$trace_rc"
	want=$(sd "$full" "$fmt" "$filter")
	got=$(sd "$cap" "$fmt" "$filter")
	if [ "$got" = "$want" ]; then
		pass "'$filter': the filtered capture reads as sysdig filters the full one ($(printf '%s\n' "$want" | grep -c .) events)"
	else
		fail "'$filter': sysdig -r CAP -p '$fmt' '$filter' differs (< full capture, > filtered capture):"
		diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | grep '^[<>]' | head -n 12 | sed 's/^/      /' || true
	fi
	only_kept "$cap" "$filter"
	check_readers "$cap"
	paired "$cap"
	sinsp "$cap"
}

same_as_sysdig openat-exits "evt.type=openat and evt.dir='<'"
same_as_sysdig etc "fd.name contains /etc/"
same_as_sysdig enoent "evt.res=ENOENT"
# lifecycle calls stop only when kept: execs kept, forks and clones not
# (and the other way round), processes and threads followed either way
same_as_sysdig execs "evt.type in (execve, openat)"
same_as_sysdig clones "evt.type in (clone, clone3, fork, vfork)" \
	'%evt.type %evt.dir %proc.name %evt.failed %evt.arg.flags'  # (pids differ)
same_as_sysdig procexit "evt.type=procexit"

# The thread of every kept event is known to the readers as in the full
# capture, though the filter left out the clone of the child and of the
# thread and the exec (issue 11): name, program, parent, main thread or not.
names_fmt='%proc.name %proc.exe %proc.pname %thread.ismain %proc.cwd %fd.name'
want=$(sd "$full" "$names_fmt" "evt.type=openat and evt.dir='<'" | sort)
got=$(sd "$TMP/openat-exits.scap" "$names_fmt" "evt.type=openat and evt.dir='<'" | sort)
if [ "$got" = "$want" ]; then
	pass "'evt.type=openat and evt.dir=<': every kept event's process and thread as in the full capture ($(printf '%s\n' "$got" | grep -c .) events)"
else
	fail "'evt.type=openat and evt.dir=<': sysdig -p '$names_fmt' differs from the full capture's (< full, > filtered):"
	diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | grep '^[<>]' | head -n 12 | sed 's/^/      /' || true
fi
expect_eq "'evt.type=openat and evt.dir=<': no kept event of an unnamed thread" "" \
	"$(sd "$TMP/openat-exits.scap" '%evt.num %proc.name %thread.tid' "evt.type=openat and proc.name=<NA>" | head -n 3)"

# A child born before the first kept event is in the process list written
# then, though the filter keeps none of its clone/execve events: the cat
# that opens /etc/hostname is named (its sibling sleep is still running).
cap=$TMP/born-before.scap
ftrace "$cap" "evt.type=openat and fd.name=/etc/hostname" -- \
	sh -c 'sleep 0.3 & cat /etc/hostname >/dev/null; wait' </dev/null >/dev/null || true
expect_eq "a child born before the first kept event is named" "cat /etc/hostname" \
	"$(sd "$cap" '%proc.name %fd.name' "evt.dir='<'")"

# ---- 3. attach with a filter -----------------------------------------------

s=$TMP/serve
mkdir "$s"
mkfifo "$s/fifo"
"$fprog" "$s" --serve >/dev/null 2>"$s/err" &
srv=$!
BG_PIDS+=("$srv")

# status_of PID KEY: a field of /proc/PID/status ("" if gone)
status_of() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || true; }
# wait_until SECONDS CMD...: run CMD every 50 ms until it succeeds
wait_until() {
	local n=$(($1 * 20))
	shift
	until "$@"; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.05
	done
}
beat() {
	local v
	v=$(cat "$s/beat" 2>/dev/null || true)
	printf '%s\n' "${v:-0}"
}
beats_after() { [ "$(beat)" -gt "$1" ]; }
traced_by() { [ "$(status_of "$srv" TracerPid)" = "$1" ]; }
got_has() { grep -q "$1" "$s/got" 2>/dev/null; }

wait_until 10 beats_after 1 || hard_error "filter_prog --serve does not run: $(head -c 300 "$s/err")"
acap=$TMP/attach.scap
"$SCTRACE" -v -p "$srv" -o "$acap" evt.type=read 2>"$acap.err" &
st_pid=$!
BG_PIDS+=("$st_pid")
if wait_until 10 traced_by "$st_pid"; then
	pass "attach: sctrace -p $srv traces the process"
else
	fail "attach: the process is not traced by sctrace after 10 s: $(head -c 300 "$acap.err")"
fi
echo hello-traced >"$s/fifo"
wait_until 10 got_has hello-traced || fail "attach: the traced process did not read from its fifo"
b=$(beat)
wait_until 10 beats_after $((b + 3)) || true
kill -INT "$st_pid"
a_rc=0
wait "$st_pid" || a_rc=$?
expect_eq "attach: sctrace exits 0 after SIGINT" 0 "$a_rc"
if parse_stats "$acap.err"; then
	expect_eq "attach: -v has no 'seccomp pre-filter' ($st_line)" 0 "$st_seccomp"
else
	fail "attach: no statistics line from sctrace -v: $(head -c 300 "$acap.err")"
fi
expect_eq "attach: the process is no longer traced" 0 "$(status_of "$srv" TracerPid)"
b=$(beat)
if wait_until 10 beats_after $((b + 2)); then
	pass "attach: the process runs on after the detach (beat $b -> $(beat))"
else
	fail "attach: the process does not run after the detach (beat $b, state $(status_of "$srv" State))"
fi
echo hello-after >"$s/fifo"
if wait_until 10 got_has hello-after; then
	pass "attach: the process still reads its fifo after the detach"
else
	fail "attach: the process did not read its fifo after the detach"
fi
if [ -s "$acap" ]; then
	expect_eq "attach: only read events in the capture" read \
		"$(sd "$acap" '%evt.type' | sort -u | tr '\n' ' ' | sed 's/ $//')"
	expect_match "attach: the read of 'hello-traced' is there (13 bytes)" '(^| )13( |$)' \
		"$(sd "$acap" '%evt.rawres' "evt.type=read and evt.dir='<'" | sort -u | tr '\n' ' ')"
	n_in=$(sd "$acap" '%evt.num' "evt.dir='>'" | wc -l)
	n_out=$(sd "$acap" '%evt.num' "evt.dir='<'" | wc -l)
	if [ "$n_out" -ge 3 ] && [ "$n_in" -ge "$n_out" ] && [ "$n_in" -le $((n_out + 1)) ]; then
		pass "attach: $n_in read enter events, $n_out exits"
	else
		fail "attach: $n_in read enter events, $n_out exits"
	fi
	check_readers "$acap"
	paired "$acap"
	sinsp "$acap"
else
	fail "attach: no capture written: $(head -c 300 "$acap.err")"
fi
{
	kill -KILL "$srv" && wait "$srv"
} 2>/dev/null || true

# ---- 4. bad filters, -l, -L, -f, -ff ----------------------------------------

# bad_filter WHAT ERE FILTER: refused with one line on stderr matching ERE,
# a non-zero exit, no capture file, and the command not run.
bad_filter() {
	local what=$1 ere=$2 filter=$3 rc=0 err
	rm -f "$TMP/x.scap" "$TMP/ran"
	timeout 60 "$SCTRACE" -o "$TMP/x.scap" "$filter" -- touch "$TMP/ran" 2>"$TMP/bad.err" || rc=$?
	err=$(cat "$TMP/bad.err")
	if [ "$rc" -ne 0 ] && [ "$(grep -c . "$TMP/bad.err")" -eq 1 ] &&
		printf '%s' "$err" | grep -qE -- "$ere"; then
		pass "$what: '$filter' is refused: $err"
	else
		fail "$what: '$filter': exit $rc, stderr (expected one line matching /$ere/): $err"
	fi
	if [ -e "$TMP/x.scap" ]; then
		fail "$what: '$filter' left a capture file"
	else
		pass "$what: no capture file left"
	fi
	if [ -e "$TMP/ran" ]; then
		fail "$what: '$filter': the command ran"
	else
		pass "$what: the command did not run"
	fi
}

bad_filter "dangling 'and'" 'column [0-9]+' 'evt.type=open and'
bad_filter "unknown field" "evt\\.typ.*did you mean 'evt\\.type'" 'evt.typ=openat'
bad_filter "unknown field" "proc\\.nam.*did you mean 'proc\\.name'" 'proc.nam=cat'
bad_filter "unknown field" "fd\\.nme.*did you mean 'fd\\.name'" 'fd.nme contains /etc/'
bad_filter "missing value" 'column [0-9]+' 'evt.type='
bad_filter "unbalanced parenthesis" 'column [0-9]+' '(evt.type=openat'
# sysdig refuses an event type it does not know: a typo must not silently
# capture nothing
bad_filter "unknown event type" 'opnat' 'evt.type=opnat'

fields=$("$SCTRACE" -l 2>&1) || fail "sctrace -l fails: $fields"
for f in evt.type evt.dir evt.res evt.rawres evt.failed proc.name proc.pid \
	proc.pname proc.ppid thread.tid fd.name fd.type fd.num; do
	if grep -qE "^$f( |$)" <<<"$fields"; then
		pass "sctrace -l lists $f"
	else
		fail "sctrace -l does not list $f"
	fi
done
types=$("$SCTRACE" -L 2>&1) || fail "sctrace -L fails: $types"
for e in openat read execve; do
	if grep -qx "$e" <<<"$types"; then
		pass "sctrace -L lists $e"
	else
		fail "sctrace -L does not list $e"
	fi
done

for opt in -f -ff; do
	rm -f "$TMP/ran"
	cap=$TMP/opt$opt.scap
	ftrace "$cap" "$opt" -- touch "$TMP/ran" || continue
	expect_eq "$opt is accepted: exit status" 0 "$trace_rc"
	if [ -e "$TMP/ran" ]; then
		pass "$opt: the command ran"
	else
		fail "$opt: the command did not run"
	fi
	expect_eq "$opt: the capture is a normal one (execve exit of touch)" touch \
		"$(sd "$cap" '%proc.name' "evt.type=execve and evt.dir='<'" | tail -n 1)"
done

finish
