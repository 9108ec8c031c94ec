#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Threads (tests/progs/procs thread / thread-exit): pthread_create (clone3
# with glibc >= 2.34) makes a thread that writes a known string to a file.
# Checks the clone3 events of both sides, the thread's tid and pid, that
# the thread's I/O is decoded (path, data), one procexit per thread, and the
# per-syscall counts against strace.  "thread-exit" is the same with the
# main thread ending first (exit syscall), so that the thread runs on
# alone in a process whose leader is a zombie.
. "$(dirname "$0")/lib.sh"

procs=$(prog procs)

thread_case() {
	local mode=$1 cap=$TMP/$1.scap file=$TMP/$1.txt pid tid
	trace "$cap" "$procs" "$mode" "$file"
	expect_eq "$mode: sctrace exits 0" 0 "$trace_rc"
	expect_eq "$mode: the thread wrote the file" written-by-thread "$(cat "$file" 2>/dev/null)"
	check_readers "$cap"

	pid=$(sd "$cap" '%proc.pid' "evt.type=execve and evt.dir='<'")
	tid=$(sd "$cap" '%evt.rawres' "evt.type=clone3 and evt.dir='<' and evt.rawres>0")
	expect_match "$mode: clone3 in the parent returns the new thread's tid" '^[0-9]+$' "$tid"
	[ "$tid" != "$pid" ] || fail "$mode: the thread's tid equals the pid $pid"
	expect_sd_set "$mode: clone3 events: both sides, tids, CLONE_THREAD" "$cap" "evt.type=clone3" \
		'%evt.dir %evt.rawres %thread.tid %proc.pid %proc.name %evt.arg.flags' \
		"> <NA> $pid $pid procs <NA>
< $tid $pid $pid procs CLONE_FILES|CLONE_FS|CLONE_PARENT_SETTID|CLONE_SIGHAND|CLONE_SYSVSEM|CLONE_THREAD|CLONE_VM|CLONE_CHILD_CLEARTID|CLONE_SETTLS
< 0 $tid $pid procs CLONE_FILES|CLONE_FS|CLONE_PARENT_SETTID|CLONE_SIGHAND|CLONE_SYSVSEM|CLONE_THREAD|CLONE_VM|CLONE_CHILD_CLEARTID|CLONE_SETTLS"
	# the thread's own fault counters, as the driver's (task->min_flt): a
	# new thread has made none; /proc/T/stat would give the process's sum
	expect_sd "$mode: the new thread's clone3 exit: its own fault counters (0 0)" "$cap" \
		"evt.type=clone3 and evt.dir='<' and evt.rawres=0" '%evt.arg.pgft_maj %evt.arg.pgft_min' "0 0"
	expect_sd "$mode: the thread is not the main thread, the process has 2 threads" "$cap" \
		"evt.type=clone3 and evt.dir='<' and evt.rawres=0" '%thread.ismain %proc.nthreads' "false 2"
	expect_sd "$mode: the thread's openat: path, flags, fd (tid != pid, same pid)" "$cap" \
		"evt.type=openat and evt.dir='<' and thread.tid=$tid" \
		'%thread.tid %proc.pid %evt.rawres %evt.arg.name %fd.name %evt.arg.flags' \
		"$tid $pid 3 $file $file O_TRUNC|O_CREAT|O_WRONLY"
	expect_sd "$mode: the thread's write: tid, pid, fd.name, data" "$cap" \
		"evt.type=write and thread.tid=$tid" \
		'%evt.dir %thread.tid %proc.pid %fd.name %evt.rawres %evt.arg.size %evt.arg.data' \
		"> $tid $pid $file <NA> 17 <NA>
< $tid $pid $file 17 <NA> written-by-thread"
	expect_sd_set "$mode: one procexit per thread, status 0" "$cap" "evt.type=procexit" \
		'%thread.tid %evt.arg.status' "$tid 0
$pid 0"
	check_counts "$mode" "$cap" -- "$procs" "$mode" "$TMP/$mode.strace.txt"
}
thread_case thread
thread_case thread-exit
finish
