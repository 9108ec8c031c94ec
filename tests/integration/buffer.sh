#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# In-process recording (README "How it works"): a launched program's calls
# of read, write, pread64, pwrite64, lseek, close and the getpid family,
# made through libc, are recorded by the preloaded recorder without a
# stop.  The capture must say what the ptrace-only capture
# (--no-syscall-buffer) says: the same events, per thread in the same
# order, with the same parameters (times, cpus, tids and the processes'
# memory sizes aside: the recorder's own mappings count in those).
# tests/progs/recorded covers threads, a fork child, a vfork child and a
# CLONE_VM child (whose writes would land in its parent's ring, as its
# parent), a signal handler writing while the
# main thread waits in a recorded read, more writes than a ring holds, an
# exec of itself, failing calls and a payload longer than the snaplen.
. "$(dirname "$0")/lib.sh"

rec=$(prog recorded)
lib=$top_builddir/src/preload/libsctrace-preload.so
[ -f "$lib" ] || skip_test "no in-process recorder on this host ($(uname -m))"

# per_thread CAPTURE: the events, one line per thread ("|" between its
# events), the lines sorted, without what differs between any two runs:
# tids (and the thread ids in clone results), addresses, memory sizes.
per_thread() {
	sd "$1" '%thread.tid %evt.type %evt.dir %fd.name %evt.args' \
		"evt.type!=futex and evt.type!=notification" |
		# (pipe inodes are new every run)
		sed -E 's/(vm_size|vm_rss|vm_swap|pgft_maj|pgft_min)=[0-9]+//g;
			s/(tid|pid|ptid|vtid|vpid|vpgid|pgid)=[0-9]+/\1=N/g;
			s/res=[0-9]+\(/res=N(/; s/(addr|res|argument|arg)=[0-9A-F]{6,}/\1=A/g;
			s/exe_ino_[a-z]+=[^ ]+ [^ ]+//g; s/ ino=[0-9]+//; s/ +/ /g;
			s/(ptrace|recorded)(\.new)?\.scap\.(out|err)/CAP.\3/g' |
		awk '{ tid = $1; $1 = ""; s[tid] = s[tid] "|" $0 }
		     END { for (t in s) print s[t] }' | sort
}

d=$TMP/dir
for mode in recorded ptrace; do
	rm -rf "$d"
	mkdir "$d"
	SCTRACE_OPTS=(-v)
	[ "$mode" = ptrace ] && SCTRACE_OPTS+=(--no-syscall-buffer)
	trace "$TMP/$mode.scap" "$rec" "$d"
	expect_eq "$mode: sctrace exits with the program's status" 0 "$trace_rc"
	check_readers "$TMP/$mode.scap"
	per_thread "$TMP/$mode.scap" >"$TMP/$mode.threads"
done

stats=$(grep 'events written' "$TMP/recorded.scap.err")
threads=$(printf '%s\n' "$stats" | sed -nE 's/.*, ([0-9]+) threads recorded in-process.*/\1/p')
# main, 4 threads, 2 fork children, main again after its exec
expect_eq "-v: 8 threads recorded in-process" 8 "${threads:-0}"
# its 12 children that exec it to make no call: the first has the
# recorder, the others go without it (recexec.c)
expect_eq "-v: 11 execs without the recorder" 11 \
	"$(printf '%s\n' "$stats" | sed -nE 's/.*, ([0-9]+) execs without the recorder.*/\1/p')"
expect_eq "--no-syscall-buffer: no thread recorded in-process" "" \
	"$(grep 'recorded in-process' "$TMP/ptrace.scap.err")"
stops() { sed -nE 's/.*, ([0-9]+) stops,.*/\1/p' "$1"; }
s_rec=$(stops "$TMP/recorded.scap.err")
s_pt=$(stops "$TMP/ptrace.scap.err")
if [ "$((s_rec * 4))" -lt "$s_pt" ]; then
	pass "in-process recording: $s_rec stops, against $s_pt"
else
	fail "in-process recording: $s_rec stops, against $s_pt: not a quarter"
fi

# both_modes NAME COMMAND...: sctrace -v runs COMMAND with the recorder
# ($TMP/NAME-rec.scap, .err) and without it ($TMP/NAME-pt.scap, .err).
both_modes() {
	local name=$1 mode opts
	shift
	for mode in rec pt; do
		opts=(-v)
		[ "$mode" = pt ] && opts+=(--no-syscall-buffer)
		"$SCTRACE" "${opts[@]}" -o "$TMP/$name-$mode.scap" -- "$@" \
			2>"$TMP/$name-$mode.err" </dev/null || true
	done
}

# same_events WHAT NAME: both_modes's two captures of NAME have the same
# events (type, direction, fd name), counted.
same_events() {
	expect_eq "$1: the same events with the recorder as without it" \
		"$(sd "$TMP/$2-pt.scap" '%evt.type %evt.dir %fd.name' | sort | uniq -c)" \
		"$(sd "$TMP/$2-rec.scap" '%evt.type %evt.dir %fd.name' | sort | uniq -c)"
}

# What loading the recorder costs a program that makes no recorded call:
# the stops of ld.so's open, read, fstat, two mmaps (the first with its
# exit) and close of the library (x86_64's: two segments).  The trampoline
# is in the library, which sctrace has mapped where its filter expects it
# (ring.h): no hello, no mapping of a trampoline, no exit of the open.
# One exec more (env runs env, then true), with the recorder and without.
if [ "$(uname -m)" = x86_64 ] && [ -x /usr/bin/env ] && [ -x /bin/true ]; then
	both_modes env1 /usr/bin/env /bin/true
	both_modes env2 /usr/bin/env /usr/bin/env /bin/true
	one_exec() {
		local a b
		a=$(stops "$TMP/env1-$1.err")
		b=$(stops "$TMP/env2-$1.err")
		[ -n "$a" ] && [ -n "$b" ] && echo "$((b - a))"
	}
	e_rec=$(one_exec rec)
	e_pt=$(one_exec pt)
	if [ -n "$e_rec" ] && [ -n "$e_pt" ] && [ "$((e_rec - e_pt))" -le 7 ]; then
		pass "an exec of env costs $e_rec stops with the recorder, $e_pt without"
	else
		fail "an exec of env costs ${e_rec:-?} stops with the recorder, ${e_pt:-?} without: loading it takes more than 7"
	fi
	same_events "env env /bin/true" env2
fi

if cmp -s "$TMP/ptrace.threads" "$TMP/recorded.threads"; then
	pass "the same events per thread as the ptrace-only capture ($(wc -l <"$TMP/ptrace.threads") threads, $(tr '|' '\n' <"$TMP/ptrace.threads" | wc -l) events)"
else
	fail "the events per thread differ from the ptrace-only capture (< ptrace, > recorded):"
	tr '|' '\n' <"$TMP/ptrace.threads" >"$TMP/ptrace.events"
	tr '|' '\n' <"$TMP/recorded.threads" >"$TMP/recorded.events"
	diff "$TMP/ptrace.events" "$TMP/recorded.events" >"$TMP/events.diff" || true
	sed -n '1,40s/^/      /p' "$TMP/events.diff"
fi
rm -rf "$d"
mkdir "$d"
# The events newer than the 2022 table (newfstatat, for one), in the
# newest libs (sinsp-print, libs 0.25) when on PATH: the default output.
if ! command -v sinsp-print >/dev/null; then
	note "skip: no sinsp-print (libs 0.25) on PATH: newfstatat's parameters are compared as generic events only"
else
	for mode in recorded ptrace; do
		rm -rf "$d"
		mkdir "$d"
		SCTRACE_OPTS=()
		[ "$mode" = ptrace ] && SCTRACE_OPTS+=(--no-syscall-buffer)
		SCTRACE_READERS='' trace "$TMP/$mode.new.scap" "$rec" "$d"
		sinsp-print "$TMP/$mode.new.scap" 2>&1 | grep -v ' futex ' |
			awk '{ $1 = ""; print }' |
			sed -E 's/(tid|pid|ptid|vtid|vpid|vpgid|pgid)=[0-9]+/\1=N/g;
				s/(vm_size|vm_rss|vm_swap|pgft_maj|pgft_min)=[0-9]+//g;
				s/(addr|res|argument|arg)=[0-9A-F]{6,}/\1=A/g; s/res=[0-9]+\(/res=N(/;
				s/ ino=[0-9]+//; s/exe_ino_[a-z]+=[^ ]+ [^ ]+//g;
				s/(ptrace|recorded)(\.new)?\.scap\.(out|err)/CAP.\3/g' |
			grep -E ' (newfstatat|openat|read|write|close|readv|writev|preadv|pwritev|poll|epoll_wait) ' |
			sort >"$TMP/$mode.new"
	done
	if cmp -s "$TMP/ptrace.new" "$TMP/recorded.new"; then
		pass "libs 0.25: the same newfstatat, openat, read(v), write(v), preadv, pwritev, poll, epoll_wait and close events ($(wc -l <"$TMP/ptrace.new"))"
	else
		fail "libs 0.25: the events differ (< ptrace, > recorded):"
		diff "$TMP/ptrace.new" "$TMP/recorded.new" | sed -n '1,30s/^/      /p'
	fi
fi

# strace's counts of the same run (but futex: pthread_join waits or not)
strace -f -qq -o "$TMP/strace.log" "$rec" "$d" </dev/null >/dev/null 2>&1 ||
	fail "strace -f $rec failed"
strace_counts "$TMP/strace.log" | grep -v '^futex ' >"$TMP/strace.counts"
capture_counts "$TMP/recorded.scap" | grep -v '^futex ' >"$TMP/capture.counts"
if diff "$TMP/strace.counts" "$TMP/capture.counts" >"$TMP/counts.diff"; then
	pass "per-syscall counts equal strace -f's ($(awk '{ n += $2 } END { print n }' "$TMP/strace.counts") calls, futex aside)"
else
	fail "per-syscall counts differ from strace -f's (< strace, > capture):"
	sed 's/^/      /' "$TMP/counts.diff"
fi

# Every kind of call the recorder takes, 200 times in a row, without a
# stop: a kind that stopped would add 400.  (The exit events counted are
# those sysdig 0.29 knows: not newfstatat's, fchmod's.)
rm -rf "$d"
mkdir "$d"
SCTRACE_OPTS=(-v)
trace "$TMP/hot.scap" "$rec" "$d" hot
s_hot=$(stops "$TMP/hot.scap.err")
if [ -n "$s_hot" ] && [ "$s_hot" -lt 300 ]; then
	pass "hot: 200 of each recorded kind in $s_hot stops"
else
	fail "hot: 200 of each recorded kind in ${s_hot:-?} stops (one kind stops?)"
fi
expect_eq "hot: 200 exit events of each kind" \
	"access 200 close 401 dup 200 fcntl 200 flock 200 getpid 200 getuid 200 ioctl 200 lseek 200 openat 201 pread 200 preadv 200 pwrite 200 pwritev 200 read 200 readv 200 recvfrom 200 sendto 200 write 201 writev 200" \
	"$(sd "$TMP/hot.scap" '%evt.type' "evt.dir='<' and evt.type in (access,close,dup,fchmod,fcntl,flock,getpid,getuid,ioctl,lseek,openat,pread,preadv,pwrite,pwritev,read,readv,recvfrom,sendto,write,writev) and (fd.name startswith $d or evt.type in (getpid,getuid,sendto,recvfrom) or (evt.type=access and evt.arg.name=$d))" |
		sort | uniq -c | awk '{ printf "%s %s ", $2, $1 }' | sed 's/ $//')"
SCTRACE_OPTS=()

# Invisible: no event names the recorder's file, no environment shows it.
expect_eq "no fd of the recorder's file" "" \
	"$(sd "$TMP/recorded.scap" '%fd.name' "fd.name contains libsctrace-preload")"
expect_eq "no environment with the recorder" "" \
	"$(sd "$TMP/recorded.scap" '%proc.env' "evt.type=execve and evt.dir='<'" |
		grep libsctrace-preload)"
# ... but the program's own LD_PRELOAD is kept
LD_PRELOAD=/nonexistent-but-kept.so trace "$TMP/env.scap" /bin/true 2>/dev/null
expect_match "a command's own LD_PRELOAD stays in its environment" \
	'LD_PRELOAD=/nonexistent-but-kept.so' \
	"$(sd "$TMP/env.scap" '%proc.env' "evt.type=execve and evt.dir='<'")"

# A program that recorded next to nothing and started no other is exec'd
# without the recorder (recexec.c), but for every 16th exec of it: a
# shell's loop of 48 execs of /bin/true costs a few loads of the recorder,
# not 48 (each 7 stops).  The exec'd programs' LD_PRELOAD is the user's,
# with the recorder or without it; the events are those of the stops-only
# capture.
if [ -x /bin/true ] && [ -x /usr/bin/env ]; then
	loop='i=0; while [ $i -lt 48 ]; do /bin/true; i=$((i+1)); done'
	both_modes loop /bin/sh -c "$loop"
	n_rec=$(stops "$TMP/loop-rec.err")
	n_pt=$(stops "$TMP/loop-pt.err")
	if [ -n "$n_rec" ] && [ -n "$n_pt" ] && [ "$((n_rec - n_pt))" -le 35 ]; then
		pass "48 execs of /bin/true: $n_rec stops with the recorder, $n_pt without"
	else
		fail "48 execs of /bin/true: ${n_rec:-?} stops with the recorder, ${n_pt:-?} without: it was loaded into more than 5 of them"
	fi
	same_events "48 execs of /bin/true" loop
	LD_PRELOAD=/lib/nonexistent-kept.so "$SCTRACE" -o "$TMP/envloop.scap" -- \
		/bin/sh -c 'i=0; while [ $i -lt 20 ]; do /usr/bin/env; i=$((i+1)); done' \
		2>/dev/null </dev/null | grep '^LD_PRELOAD=' >"$TMP/envloop.out"
	expect_eq "20 execs of env: each one's LD_PRELOAD starts with the user's" 20 \
		"$(grep -c '^LD_PRELOAD=/lib/nonexistent-kept.so' "$TMP/envloop.out")"
	expect_eq "20 execs of env: the recorder in at most 3 of them" 1 \
		"$(grep -c libsctrace-preload "$TMP/envloop.out" | awk '{ print ($1 <= 3) }')"
	expect_eq "20 execs of env: the captured environments show only the user's" \
		"20 LD_PRELOAD=/lib/nonexistent-kept.so" \
		"$(sd "$TMP/envloop.scap" '%proc.env' "evt.type=execve and evt.dir='<' and proc.name=env" |
			grep -o 'LD_PRELOAD=[^ ]*' | sort | uniq -c | awk '{ print $1, $2 }')"
fi

# An exec that fails, of a program run without the recorder: the register
# that passed sctrace's environment array holds the program's own again
# (tests/progs/execfail: its 2nd and 3rd /bin/true and the failing exec
# go without the recorder).
mkdir -p "$TMP/ef"
rc=0
"$SCTRACE" -v -o "$TMP/execfail.scap" -- "$(prog execfail)" "$TMP/ef" \
	</dev/null >"$TMP/execfail.out" 2>"$TMP/execfail.err" || rc=$?
expect_eq "execfail: the failed exec leaves the program's registers as they were" \
	"0" "$(echo $rc $(grep '^execfail:' "$TMP/execfail.err"))"
expect_eq "execfail: -v: 3 execs without the recorder" 3 \
	"$(sed -nE 's/.*, ([0-9]+) execs without the recorder.*/\1/p' "$TMP/execfail.err")"
expect_eq "execfail: the failed exec in the capture" "ENOENT" \
	"$(sd "$TMP/execfail.scap" '%evt.res' "evt.type=execve and evt.dir='<' and evt.rawres<0")"

# A program's own seccomp filter that stops getppid (SECCOMP_RET_TRACE,
# which without a tracer of its own fails it with ENOSYS) stops the
# recorder's too: one getppid, failed, in both modes.
secc=$(prog seccomp)
for mode in recorded ptrace; do
	SCTRACE_OPTS=()
	[ "$mode" = ptrace ] && SCTRACE_OPTS+=(--no-syscall-buffer)
	trace "$TMP/own-$mode.scap" "$secc" ownfilter-libc /etc/hostname
	expect_eq "$mode: the program's own filter: its getppid fails (ENOSYS)" \
		"getppid: ENOSYS" "$(head -n 1 "$TMP/own-$mode.scap.out")"
	expect_eq "$mode: one getppid in the capture" "getppid" \
		"$(sd "$TMP/own-$mode.scap" '%evt.type' "evt.type=getppid and evt.dir='>'")"
done

# A library the user preloads to wrap write() wraps the program's writes
# with the recorder too (it comes after the user's: LD_PRELOAD's last).
upcase=$PROGS/libupcase.so
[ -f "$upcase" ] || hard_error "test library $upcase is not built (make check builds it)"
for mode in recorded ptrace; do
	SCTRACE_OPTS=()
	[ "$mode" = ptrace ] && SCTRACE_OPTS+=(--no-syscall-buffer)
	LD_PRELOAD=$upcase trace "$TMP/upcase-$mode.scap" /bin/sh -c \
		"printf 'quiet words\n' >$TMP/upcase-$mode.txt"
	expect_eq "$mode: a user's preloaded write() wrapper still works" \
		"QUIET WORDS" "$(cat "$TMP/upcase-$mode.txt")"
	expect_eq "$mode: the capture shows what the wrapper wrote" \
		"QUIET WORDS." \
		"$(sd "$TMP/upcase-$mode.scap" '%evt.arg.data' "evt.type=write and evt.dir='<' and fd.name=$TMP/upcase-$mode.txt")"
done

# A library the program is linked with whose constructor calls what the
# recorder wraps: ld.so runs it before the recorder's constructor (as
# libselinux's access() for ls).  The calls go to libc, the program runs.
early=$PROGS/earlyprog
[ -x "$early" ] || hard_error "test program $early is not built (make check builds it)"
for mode in recorded ptrace; do
	SCTRACE_OPTS=()
	[ "$mode" = ptrace ] && SCTRACE_OPTS+=(--no-syscall-buffer)
	trace "$TMP/early-$mode.scap" "$early"
	expect_eq "$mode: a linked library's constructor calls before the recorder's: they work, the program runs" \
		"0 early: ok" "$trace_rc $(cat "$TMP/early-$mode.scap.err")"
done

# The payloads: the 300-byte write shows the snaplen's 80 bytes.
SD_OPTS=(-b)
expect_eq "a recorded write's payload is cut at the snaplen (80 bytes)" 80 \
	"$(sd "$TMP/recorded.scap" '%evt.arg.data' "evt.type=write and evt.dir='<' and evt.rawres=300" |
		base64 -d | wc -c)"
SD_OPTS=()

# The recorder's seccomp filter sets no_new_privs only where the kernel
# requires it (without CAP_SYS_ADMIN): as root, a traced program keeps
# what it has untraced (its set-uid children their privileges).
if [ "$(id -u)" = 0 ]; then
	SCTRACE_OPTS=()
	trace "$TMP/nnp.scap" grep NoNewPrivs /proc/self/status
	expect_eq "root: no_new_privs as untraced" \
		"$(grep NoNewPrivs /proc/self/status)" "$(cat "$TMP/nnp.scap.out")"
else
	note "skip: not root: no_new_privs is set with the recorder's filter"
fi

# A ring damaged by its own program (the tracee is untrusted): one warning,
# its records are dropped, the thread's calls stop from then on, and the
# program runs on.
rm -rf "$d"
mkdir "$d"
SCTRACE_OPTS=()
trace "$TMP/damage.scap" "$rec" "$d" damage
expect_eq "damaged ring: the program's status" 0 "$trace_rc"
expect_match "damaged ring: one warning" \
	'^sctrace: thread [0-9]+: in-process records dropped \(a record out of bounds\); its calls stop as usual from now on$' \
	"$(cat "$TMP/damage.scap.err")"
expect_eq "damaged ring: the writes before it, and after it (stopped)" \
	"7 7 7 6 6 6" \
	"$(sd "$TMP/damage.scap" '%evt.rawres' "evt.type=write and evt.dir='<' and fd.name=$d/damage.txt" | tr '\n' ' ' | sed 's/ $//')"
check_readers "$TMP/damage.scap"

finish
