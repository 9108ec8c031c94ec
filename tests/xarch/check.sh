#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Host-side checks of the cross-architecture captures: the files that
# tests/xarch/run-cases.sh wrote (in a QEMU guest, or on the host for
# i386), read with sysdig and tshark on the host, with the helpers of the
# x86_64 integration tests (tests/integration/lib.sh).
#
# usage: tests/xarch/check.sh OUTDIR
#
# OUTDIR/cases lists the cases (NAME ABI PROG WORKDIR STATUS STRACE-STATUS
# SECONDS); each NAME has NAME.scap, NAME.strace (strace -f of a second
# run), and for the net cases NAME.x (the ports).  ABI is the tracee's:
# it says which syscalls the program makes (the compat- and a32- cases
# are armhf programs, under the aarch64 sctrace and under the armhf
# sctrace on the aarch64 kernel).  Every case: sctrace exits 0 with an
# empty stderr, tshark -V reads every event without a malformed one,
# tshark and sysdig count the same events, the per-syscall counts equal
# strace's, and for a program of one thread so does the order of the
# syscalls; then the case's own field checks (check_<case> below).
#
# Environment: top_srcdir (default: from this file's place), SCTRACE (the
# sctrace under test; only its existence is checked here).
# Exit status: 0 all passed, 1 a check failed, 99 a tool is missing.

xarch_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$(cd "${1:?usage: check.sh OUTDIR}" && pwd)
# shellcheck source=tests/integration/lib.sh
. "${top_srcdir:-$xarch_dir/../..}/tests/integration/lib.sh"

# strace's names -> sysdig's: the integration tests' map and the 32-bit
# ABIs' own names
NAME_MAP=$TMP/syscall-names.txt
cat "$lib_dir/syscall-names.txt" "$xarch_dir/syscall-names.txt" >"$NAME_MAP"

# Known failures (tests/xarch/xfail): lines "ABI CASE PATTERN -- REASON".
# A failed check of that case (CASE without a "compat-" or "a32-"
# prefix) whose text holds PATTERN ('*': any check) prints as "xfail:"
# and does not count; a pattern that no check of its case matched is an
# unexpected pass and fails, so that the line goes once the bug is fixed.
xf_pat=()
xf_why=()
xf_hit=()
n_xfail=0
fail() {
	local i
	for i in "${!xf_pat[@]}"; do
		if [ "${xf_pat[i]}" = '*' ] || [[ "$*" == *"${xf_pat[i]}"* ]]; then
			xf_hit[i]=1
			n_xfail=$((n_xfail + 1))
			printf 'xfail: %s\n' "$*"
			printf '    (known: %s)\n' "${xf_why[i]}"
			return 0
		fi
	done
	n_checks=$((n_checks + 1))
	n_failed=$((n_failed + 1))
	printf 'FAIL: %s\n' "$*"
}

# xfail_begin ABI CASE: load the case's known failures
xfail_begin() {
	local a c pat why
	xf_pat=()
	xf_why=()
	xf_hit=()
	while read -r a c pat; do
		case $a in '' | '#'*) continue ;; esac
		if [ "$a" != "$1" ] || [ "$c" != "$2" ]; then
			continue
		fi
		why=${pat#* -- }
		xf_pat+=("${pat%% -- *}")
		xf_why+=("$why")
		xf_hit+=(0)
	done <"$xarch_dir/xfail"
}

# xfail_end NAME: every known failure of the case must have happened
xfail_end() {
	local i pats=("${xf_pat[@]}") hits=("${xf_hit[@]}")
	xf_pat=()
	for i in "${!pats[@]}"; do
		[ "${hits[i]}" = 1 ] ||
			fail "$1: XPASS: no check failed that tests/xarch/xfail expects to fail ('${pats[i]}'): remove that line"
	done
}

# libs 0.25's event printer (the validators' sinsp-print), if on PATH
SINSP_PRINT=${SINSP_PRINT:-$(command -v sinsp-print || true)}

# check_new NAME: the case's capture in the default output (NAME.new.scap,
# the newest event versions): tshark reads it; with libs 0.25's reader on
# PATH (else a skip note), that reads it too, and shows as many calls as
# strace of each syscall that has a dedicated event (syscalls/decode.tbl).
# (Generic events are left out: a reader names them from the native
# syscall number in its own host's table, which on this x86_64 host is
# not the guest's.)  libs 0.25 drops the enter events of the types it
# converts, so a call is counted by its exit (a clone's child side, res 0,
# left out).
NEW_NAMES='pread64 pread
pwrite64 pwrite
prlimit64 prlimit
_llseek llseek
ugetrlimit getrlimit
accept accept4'
check_new() {
	local name=$1 cap=$out/$1.new.scap
	if [ ! -s "$cap" ]; then
		fail "$name: no default-output capture ($(head -c 300 "$out/$name.new.err" 2>/dev/null))"
		return 0
	fi
	expect_eq "$name (default output): nothing on stderr" "" "$(head -c 300 "$out/$name.new.err")"
	check_tshark "$cap" || return 0
	if [ -z "$SINSP_PRINT" ]; then
		note "skip: $name: no sinsp-print (libs 0.25) on PATH: the default output is not read with it"
		return 0
	fi
	if ! "$SINSP_PRINT" "$cap" >"$TMP/new.txt" 2>"$TMP/new.err"; then
		fail "$name: libs 0.25 cannot read the default output: $(head -c 300 "$TMP/new.err")"
		return 0
	fi
	pass "$name (default output): libs 0.25 reads it ($(grep -c . "$TMP/new.txt") events)"
	[ -s "$out/$name.strace" ] || return 0
	awk '!/^#/ && NF { n = $1; sub(/@.*/, "", n); print n }' "${top_srcdir:-$xarch_dir/../..}/syscalls/decode.tbl" |
		sort -u >"$TMP/dedicated"
	sed -nE 's/^[0-9]+ +([a-z_0-9]+)\(.*/\1/p' "$out/$name.strace" |
		awk -v m="$NEW_NAMES" 'BEGIN { n = split(m, l, "\n"); for (i = 1; i <= n; i++) { split(l[i], kv, " "); map[kv[1]] = kv[2] } }
			FILENAME == ARGV[1] { d[$1] = 1; next }
			($1 in d) { print ($1 in map) ? map[$1] : $1 }' "$TMP/dedicated" - |
		sort | uniq -c | awk '{ print $2, $1 }' >"$TMP/counts.st"
	awk '$3 == "<" && !($2 ~ /^(clone|clone3|fork|vfork)$/ && / res=0 /) { print $2 }' "$TMP/new.txt" |
		sort | uniq -c | awk '{ print $2, $1 }' | join - "$TMP/counts.st" -o 0,1.2 |
		excl_counts >"$TMP/counts.new" || true
	excl_counts <"$TMP/counts.st" >"$TMP/counts.st2"
	mv "$TMP/counts.st2" "$TMP/counts.st"
	same_counts "$name (default output): libs 0.25 shows strace's calls of each syscall with a dedicated event" \
		"$name (default output): libs 0.25's per-syscall counts differ from strace's:" \
		"$TMP/counts.st" "$TMP/counts.new"
}

ex() { printf "evt.type=%s and evt.dir='<' and %s" "$1" "$2"; }
en() { printf "evt.type=%s and evt.dir='>' and %s" "$1" "$2"; }

# strace_parity WHAT CAPTURE LOG: lib.sh's check_counts, with the strace
# log of the guest's second run instead of a run here
# (EXCL_COUNTS: syscall names whose counts are not compared, "a|b", or "")
EXCL_COUNTS=
excl_counts() {
	if [ -n "$EXCL_COUNTS" ]; then
		grep -vE "^($EXCL_COUNTS) " || true
	else
		cat
	fi
}
strace_parity() {
	local what=$1 cap=$2 log=$3
	if [ ! -s "$log" ]; then
		fail "$what: no strace log $log (strace failed in the guest?)"
		return 0
	fi
	capture_counts "$cap" | excl_counts >"$TMP/counts.sd"
	strace_counts "$log" | excl_counts >"$TMP/counts.st"
	same_counts "$what: per-syscall counts equal strace's" \
		"$what: per-syscall counts differ from strace's:" \
		"$TMP/counts.st" "$TMP/counts.sd"
}

# same_counts PASS FAIL STRACE CAPTURE: the "NAME COUNT" lists STRACE and
# CAPTURE are equal (PASS, with strace's total), else FAIL and the rows
# that differ
same_counts() {
	local diff
	if diff=$(join -a1 -a2 -e 0 -o 0,1.2,2.2 "$3" "$4" |
		awk '$2 != $3 { printf "      %-20s strace %s, capture %s\n", $1, $2, $3 }') &&
		[ -z "$diff" ]; then
		pass "$1 ($(awk '{ n += $2 } END { print n }' "$3") calls)"
	else
		fail "$2"
		printf '%s\n' "$diff"
	fi
}

# seq_parity WHAT CAPTURE LOG: for a program of one thread, the syscalls
# in the order they were made: the capture's enter events and strace's
# lines (names mapped as for the counts)
seq_parity() {
	local what=$1 cap=$2 log=$3 d
	sd "$cap" '%evt.type' "evt.dir='>' and evt.type!=procexit and evt.type!=signaldeliver" >"$TMP/seq.sd"
	sed -nE 's/^[0-9]+ +([a-z_0-9]+)\(.*/\1/p' "$log" | map_names >"$TMP/seq.st"
	if d=$(diff "$TMP/seq.st" "$TMP/seq.sd"); then
		pass "$what: the syscalls, in order, are strace's ($(wc -l <"$TMP/seq.st") calls)"
	else
		fail "$what: the syscalls in order differ from strace's (diff strace capture):"
		printf '%s\n' "$d" | head -n 20 | sed 's/^/      /'
	fi
}

# ---- in-process recording (tests/progs/recorded.c, dynamically linked) --------

check_recorded() {
	local c=$1 cap=$2 d=$3 n
	n=$(sed -nE 's/.*, ([0-9]+) threads recorded in-process.*/\1/p' "$out/$c.v.err")
	# main, 4 threads, 2 fork children, main after its exec
	expect_eq "$c: sctrace -v: 8 threads recorded in-process" 8 "${n:-0}"
	# its 12 children that exec it to make no call: all but the first go
	# without the recorder
	local bare execs loads
	bare=$(sed -nE 's/.*, ([0-9]+) execs without the recorder.*/\1/p' "$out/$c.v.err")
	expect_eq "$c: sctrace -v: 11 execs without the recorder" 11 "${bare:-0}"
	execs=$(sd "$cap" '%evt.num' "evt.type=execve and evt.dir='<' and evt.rawres=0" | wc -l)
	loads=$((execs - ${bare:-0}))
	# ld.so's own memory for the recorder it loads: now and then one more
	# anonymous mapping, at most one per exec that loads it
	local m_st m_sd
	m_st=$(grep -cE '^[0-9]+ +mmap\(' "$out/$c.strace")
	m_sd=$(sd "$cap" '%evt.num' "evt.type=mmap and evt.dir='>'" | wc -l)
	if [ "$m_sd" -ge "$m_st" ] && [ "$m_sd" -le $((m_st + loads)) ]; then
		pass "$c: mmap: $m_sd calls, strace's $m_st and at most one per exec that loads the recorder ($loads) for ld.so's memory"
	else
		fail "$c: mmap: $m_sd calls, strace's $m_st (at most $loads more expected)"
	fi
	# libc's segments are 64 KiB aligned: ld.so reserves more than it
	# maps and unmaps the unaligned head only when the reservation (a
	# random address) is not aligned already, so each exec makes one or
	# two munmaps, in strace's run as in ours (within one per exec)
	m_st=$(grep -cE '^[0-9]+ +munmap\(' "$out/$c.strace")
	m_sd=$(sd "$cap" '%evt.num' "evt.type=munmap and evt.dir='>'" | wc -l)
	if [ "$m_sd" -ge $((m_st - execs)) ] && [ "$m_sd" -le $((m_st + execs)) ]; then
		pass "$c: munmap: $m_sd calls, strace's $m_st give or take one per exec ($execs) for libc's alignment"
	else
		fail "$c: munmap: $m_sd calls, strace's $m_st (within $execs expected)"
	fi
	expect_eq "$c: the 6000 writes of many.txt" 6000 \
		"$(sd "$cap" '%evt.num' "evt.type=write and evt.dir='<' and fd.name=$d/many.txt" | wc -l)"
	expect_eq "$c: a read interrupted by a handler's write, then restarted" \
		"read -512 write 17 read 17" \
		"$(sd "$cap" '%evt.type %evt.rawres' "(evt.type=read or evt.type=write) and evt.dir='<' and fd.type=pipe and (evt.rawres=-512 or evt.rawres=17)" |
			tr '\n' ' ' | sed 's/ $//')"
	local child parent
	child=$(sd "$cap" '%thread.tid' "evt.type=write and evt.dir='<' and evt.rawres=15 and fd.name=$d/children.txt")
	parent=$(sd "$cap" '%thread.tid' "evt.type=write and evt.dir='<' and evt.rawres=13 and evt.arg.data contains 'before clone'")
	if [ -n "$child" ] && [ -n "$parent" ] && [ "$child" != "$parent" ]; then
		pass "$c: the CLONE_VM child's write is its own ($child, its parent $parent)"
	else
		fail "$c: the CLONE_VM child's write: thread '$child', its parent '$parent'"
	fi
}

# ---- file I/O (tests/xarch/xfile.c) -------------------------------------------

check_file() {
	local c=$1 cap=$2 abi=$3 prog=$4 d=$5 pid seek far flags
	# libc's lseek: lseek on 64-bit ABIs, _llseek ("llseek") on 32-bit
	# ones, which returns 0 (the new offset goes to memory).  O_LARGEFILE
	# is 0 on 64-bit ABIs.
	case $abi in
	armhf | i386)
		seek=llseek far=0 flags="O_LARGEFILE|O_TRUNC|O_CREAT|O_RDWR"
		;;
	*)
		seek=lseek far=4294967396 flags="O_TRUNC|O_CREAT|O_RDWR"
		;;
	esac

	expect_sd "$c: openat exit: fd, name, dirfd, flags, mode" "$cap" \
		"$(ex openat "evt.arg.name=$d/a.txt")" \
		'%evt.rawres %fd.num %fd.typechar %fd.name %evt.arg.dirfd %evt.arg.flags %evt.arg.mode' \
		"3 3 f $d/a.txt AT_FDCWD $flags 0640"
	expect_sd "$c: openat enter: dirfd, name, flags, mode" "$cap" \
		"$(en openat "evt.arg.name=$d/a.txt")" \
		'%evt.arg.dirfd %evt.arg.name %evt.arg.flags %evt.arg.mode' \
		"AT_FDCWD $d/a.txt $flags 0640"
	expect_sd "$c: I/O on a.txt: types, directions, sizes, offsets, results, payloads" "$cap" \
		"evt.type in (write,pwrite,writev,pread,lseek,llseek,read,readv) and fd.name=$d/a.txt" \
		'%evt.type %evt.dir %evt.rawres %fd.num %evt.arg.size %evt.arg.pos %evt.arg.data' \
		"write > <NA> 3 12 <NA> <NA>
write < 12 3 <NA> <NA> hello-openat
pwrite > <NA> 3 6 100 <NA>
pwrite < 6 3 <NA> <NA> PWRITE
writev > <NA> 3 15 <NA> <NA>
writev < 15 3 <NA> <NA> vec-one:vec-two
pread > <NA> 3 6 100 <NA>
pread < 6 3 <NA> <NA> PWRITE
$seek > <NA> 3 <NA> <NA> <NA>
$seek < 0 3 <NA> <NA> <NA>
read > <NA> 3 12 <NA> <NA>
read < 12 3 <NA> <NA> hello-openat
readv > <NA> 3 <NA> <NA> <NA>
readv < 15 3 15 <NA> vec-one:vec-two
lseek > <NA> 3 <NA> <NA> <NA>
lseek < 24 3 <NA> <NA> <NA>
pwrite > <NA> 3 3 4294967396 <NA>
pwrite < 3 3 <NA> <NA> FAR
$seek > <NA> 3 <NA> <NA> <NA>
$seek < $far 3 <NA> <NA> <NA>
read > <NA> 3 3 <NA> <NA>
read < 3 3 <NA> <NA> FAR"
	expect_sd "$c: lseek/llseek enter: offsets (-3: a negative long; 4 GiB + 100: 64-bit) and whence" "$cap" \
		"evt.type in (lseek,llseek) and evt.dir='>' and fd.num=3" \
		'%evt.type %evt.arg.offset %evt.arg.whence' "$seek 0 SEEK_SET
lseek -3 SEEK_CUR
$seek 4294967396 SEEK_SET"

	if [ "$abi" = aarch64 ]; then
		expect_sd "$c: no open or creat (aarch64 has neither)" "$cap" \
			"evt.type in (open,creat)" '%evt.type' ""
	else
		expect_sd "$c: open: fd, name, flags, mode" "$cap" "evt.type=open and evt.dir='<'" \
			'%evt.rawres %fd.name %evt.arg.flags %evt.arg.mode' \
			"4 $d/b.txt O_APPEND|O_CREAT|O_WRONLY 0600"
		expect_sd "$c: creat: fd, name, mode" "$cap" "evt.type=creat and evt.dir='<'" \
			'%evt.rawres %fd.name %evt.arg.mode' "5 $d/c.txt 0644"
		expect_sd "$c: writes to b.txt and c.txt: fd.name and payload" "$cap" \
			"evt.type=write and evt.dir='<' and fd.num in (4,5)" '%fd.name %evt.arg.data' \
			"$d/b.txt bee
$d/c.txt sea"
	fi

	expect_sd "$c: openat of a missing path fails with ENOENT (-2)" "$cap" \
		"$(ex openat "evt.arg.name=$d/missing/none.txt")" \
		'%evt.rawres %evt.res %evt.failed %evt.arg.flags' "-2 ENOENT true O_RDONLY"
	expect_sd "$c: close of a bad fd fails with EBADF (-9)" "$cap" \
		"$(ex close "evt.rawres<0")" '%evt.rawres %evt.res' "-9 EBADF"
	expect_sd "$c: close enter of the bad fd carries fd 1000" "$cap" \
		"$(en close "evt.arg.fd=1000")" '%evt.type' "close"
	if [ "$abi" = aarch64 ]; then
		expect_sd "$c: closes: fd.name of each closed file" "$cap" \
			"$(ex close "evt.rawres=0 and fd.directory=$d")" '%fd.name' "$d/a.txt"
	else
		expect_sd "$c: closes: fd.name of each closed file" "$cap" \
			"$(ex close "evt.rawres=0 and fd.directory=$d")" '%fd.name' "$d/c.txt
$d/b.txt
$d/a.txt"
	fi

	pid=$(sd "$cap" '%proc.pid' "$(ex openat "evt.arg.name=$d/a.txt")")
	[ -n "$pid" ] || { fail "$c: no openat of a.txt: no process checks"; return 0; }
	expect_sd "$c: process fields on the program's events" "$cap" \
		"$(ex openat "evt.arg.name=$d/a.txt")" \
		'%proc.name %proc.pname %thread.tid %proc.exe %proc.args' \
		"xfile sctrace $pid $prog $d"
	expect_sd "$c: every event is from the one process and thread" "$cap" \
		"proc.pid!=$pid or thread.tid!=$pid" '%evt.num %evt.type' ""
	expect_sd "$c: first event: execve enter with the program's path" "$cap" "evt.num=1" \
		'%evt.type %evt.dir %evt.arg.filename' "execve > $prog"
	expect_sd "$c: execve exit: res, exe, args, comm, parent" "$cap" \
		"evt.type=execve and evt.dir='<'" \
		'%evt.rawres %evt.arg.exe %evt.arg.args %evt.arg.comm %proc.name %proc.pname' \
		"0 $prog $d. xfile xfile sctrace"
	expect_sd "$c: last events: exit_group, then procexit with status 0" "$cap" \
		"evt.type in (exit_group,procexit)" '%evt.type %evt.dir %evt.arg.status %evt.arg.ret' \
		"exit_group > <NA> <NA>
procexit > 0 0"
}

# ---- fork + exec (tests/progs/procs fork) ---------------------------------------

check_fork() {
	local c=$1 cap=$2 abi=$3 prog=$4 pid child
	pid=$(sd "$cap" '%proc.pid' "evt.type=execve and evt.dir='<' and evt.num<5")
	child=$(sd "$cap" '%evt.rawres' "evt.type=clone and evt.dir='<' and evt.rawres>0")
	if ! grep -qE '^[0-9]+ [0-9]+$' <<<"$pid $child"; then
		fail "$c: no execve exit or no clone exit with the child's pid ('$pid', '$child'): nothing more to check"
		return 0
	fi
	pass "$c: clone returns the child's pid in the parent"
	expect_sd "$c: the program's parent is sctrace" "$cap" \
		"evt.type=clone and evt.dir='>'" '%proc.name %proc.pid %proc.pname' "procs $pid sctrace"
	expect_sd_set "$c: clone exits in parent and child" "$cap" "evt.type=clone and evt.dir='<'" \
		'%evt.rawres %thread.tid %proc.pid %proc.ppid %proc.name %proc.pname %evt.arg.tid %evt.arg.pid %evt.arg.ptid' \
		"$child $pid $pid $(sd "$cap" '%proc.ppid' "evt.num=2") procs sctrace procs procs sctrace
0 $child $child $pid procs procs procs procs procs"
	expect_sd "$c: glibc's fork() is clone with the child-tid flags" "$cap" \
		"evt.type=clone and evt.dir='<' and evt.rawres>0" '%evt.arg.flags' \
		"CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID"
	expect_sd "$c: the child's execve enter: filename" "$cap" \
		"evt.type=execve and evt.dir='>' and proc.pid=$child" '%evt.arg.filename' "$prog"
	expect_sd "$c: the child's execve exit: res, exe, args, comm, pid, parent" "$cap" \
		"evt.type=execve and evt.dir='<' and proc.pid=$child" \
		'%evt.rawres %evt.arg.exe %evt.arg.args %evt.arg.comm %proc.name %thread.tid %proc.ppid %proc.pname %proc.exe' \
		"0 $prog child.from-fork. procs procs $child $pid procs $prog"
	expect_sd "$c: the exec'ed child's write: fd.name and data" "$cap" \
		"evt.type=write and evt.dir='<' and proc.pid=$child and fd.name=/dev/null" \
		'%evt.rawres %evt.arg.data' "9 from-fork"
	expect_sd "$c: one procexit per process, status 0, child first" "$cap" "evt.type=procexit" \
		'%proc.pid %proc.name %evt.arg.status %evt.arg.ret %evt.arg.sig' "$child procs 0 0 0
$pid procs 0 0 0"
}

# ---- a thread (tests/progs/procs thread FILE) -----------------------------------

check_thread() {
	local c=$1 cap=$2 abi=$3 prog=$4 d=$5 file=$5/thread.txt pid tid ev flags
	pid=$(sd "$cap" '%proc.pid' "evt.type=execve and evt.dir='<'")
	# glibc 2.36's pthread_create: clone3 on x86_64, clone elsewhere
	ev=$(sd "$cap" '%evt.type' "evt.type in (clone,clone3) and evt.dir='<' and evt.rawres>0")
	tid=$(sd "$cap" '%evt.rawres' "evt.type in (clone,clone3) and evt.dir='<' and evt.rawres>0")
	if ! grep -qE '^clone3? [0-9]+ [0-9]+$' <<<"$ev $pid $tid"; then
		fail "$c: no execve exit or not one clone/clone3 exit with a tid ('$pid', '$ev', '$tid'): nothing more to check"
		return 0
	fi
	pass "$c: one $ev makes the thread and returns its tid in the parent"
	[ "$tid" != "$pid" ] || fail "$c: the thread's tid equals the pid $pid"
	flags=CLONE_FILES\|CLONE_FS\|CLONE_PARENT_SETTID\|CLONE_SIGHAND\|CLONE_SYSVSEM\|CLONE_THREAD\|CLONE_VM\|CLONE_CHILD_CLEARTID\|CLONE_SETTLS
	expect_sd_set "$c: $ev events: both sides, tids, CLONE_THREAD" "$cap" "evt.type=$ev" \
		'%evt.dir %evt.rawres %thread.tid %proc.pid %proc.name %evt.arg.flags' \
		"> <NA> $pid $pid procs <NA>
< $tid $pid $pid procs $flags
< 0 $tid $pid procs $flags"
	expect_sd "$c: the thread is not the main thread, the process has 2 threads" "$cap" \
		"evt.type=$ev and evt.dir='<' and evt.rawres=0" '%thread.ismain %proc.nthreads' "false 2"
	expect_sd "$c: the thread's openat: path, flags, fd (tid != pid, same pid)" "$cap" \
		"evt.type=openat and evt.dir='<' and thread.tid=$tid" \
		'%thread.tid %proc.pid %evt.rawres %evt.arg.name %fd.name %evt.arg.flags' \
		"$tid $pid 3 $file $file O_TRUNC|O_CREAT|O_WRONLY"
	expect_sd "$c: the thread's write: tid, pid, fd.name, data" "$cap" \
		"evt.type=write and thread.tid=$tid" \
		'%evt.dir %thread.tid %proc.pid %fd.name %evt.rawres %evt.arg.size %evt.arg.data' \
		"> $tid $pid $file <NA> 17 <NA>
< $tid $pid $file 17 <NA> written-by-thread"
	expect_sd_set "$c: one procexit per thread, status 0" "$cap" "evt.type=procexit" \
		'%thread.tid %evt.arg.status' "$tid 0
$pid 0"
}

# ---- sockets (tests/progs/net tcp|udp|unix INFO) --------------------------------

# ports INFO: srv and cli from the program's "server=S client=C"
ports() {
	srv=$(sed -n 's/.*server=\([0-9]*\).*/\1/p' "$1" 2>/dev/null)
	cli=$(sed -n 's/.*client=\([0-9]*\).*/\1/p' "$1" 2>/dev/null)
	[ -n "$srv" ] && [ -n "$cli" ]
}

check_tcp() {
	local c=$1 cap=$2 t r ppid cpid
	ports "$out/$c.x" || { fail "$c: the program wrote no ports to $c.x"; return 0; }
	t="127.0.0.1:$cli->127.0.0.1:$srv"
	r="127.0.0.1:$srv->127.0.0.1:$cli"
	ppid=$(sd "$cap" '%proc.pid' "evt.type=listen and evt.dir='<'")
	cpid=$(sd "$cap" '%proc.pid' "evt.type=connect and evt.dir='<'")
	if ! grep -qE '^[0-9]+ [0-9]+$' <<<"$ppid $cpid"; then
		fail "$c: no listen or no connect exit event (server '$ppid', client '$cpid'): nothing more to check"
		return 0
	fi
	pass "$c: server and client are two processes"
	[ "$ppid" != "$cpid" ] || fail "$c: connect is in the server process"
	expect_sd "$c: the client is a child of the server process" "$cap" \
		"evt.type=connect and evt.dir='<'" '%proc.name %proc.pname %proc.ppid' "net net $ppid"
	expect_sd "$c: socket calls: domain, type, proto, fd" "$cap" \
		"evt.type=socket and proc.pid=$ppid" '%evt.dir %evt.arg.domain %evt.arg.type %evt.arg.proto %evt.rawres' \
		"> AF_INET 1 0 <NA>
< <NA> <NA> <NA> 3
> AF_INET 1 0 <NA>
< <NA> <NA> <NA> 4"
	expect_sd "$c: bind exits: addr as passed (port 0), result 0" "$cap" \
		"evt.type=bind and evt.dir='<'" '%evt.rawres %evt.arg.addr %fd.num' \
		"0 127.0.0.1:0 3
0 127.0.0.1:0 4"
	expect_sd "$c: listen: backlog 4, result 0" "$cap" "evt.type=listen" \
		'%evt.dir %evt.arg.backlog %evt.rawres %fd.num' "> 4 <NA> 3
< <NA> 0 3"
	expect_sd "$c: connect enter: the server's address" "$cap" \
		"evt.type=connect and evt.dir='>'" '%fd.num %evt.arg.addr' "4 127.0.0.1:$srv"
	expect_sd "$c: connect exit: result 0, tuple and fd.name client->server" "$cap" \
		"evt.type=connect and evt.dir='<'" '%evt.rawres %evt.arg.tuple %fd.name %fd.l4proto' \
		"0 $t $t tcp"
	expect_sd "$c: accept(4) exit: the new fd, tuple and fd.name client->server" "$cap" \
		"evt.type=accept and evt.dir='<'" '%evt.rawres %fd.num %evt.arg.tuple %fd.name %fd.cport %fd.sport' \
		"4 4 $t $t $cli $srv"
	expect_sd "$c: client I/O: payloads, sizes, tuples" "$cap" \
		"proc.pid=$cpid and evt.type in (sendto,recvfrom,sendmsg,recvmsg,shutdown)" \
		'%evt.type %evt.dir %evt.rawres %evt.arg.size %evt.arg.data %fd.name' \
		"sendto > <NA> 8 <NA> $t
sendto < 8 <NA> tcp-ping $t
recvfrom > <NA> 8 <NA> $t
recvfrom < 8 <NA> tcp-pong $t
sendmsg > <NA> 15 <NA> $t
sendmsg < 15 <NA> msg-from-client $t
recvmsg > <NA> <NA> <NA> $t
recvmsg < 15 15 msg-from-server $t
shutdown > <NA> <NA> <NA> $t
shutdown < 0 <NA> <NA> $t"
	expect_sd "$c: server I/O: payloads, sizes, tuples" "$cap" \
		"proc.pid=$ppid and evt.type in (sendto,recvfrom,sendmsg,recvmsg)" \
		'%evt.type %evt.dir %evt.rawres %evt.arg.size %evt.arg.data %fd.name' \
		"recvfrom > <NA> 8 <NA> $t
recvfrom < 8 <NA> tcp-ping $t
sendto > <NA> 8 <NA> $t
sendto < 8 <NA> tcp-pong $t
recvmsg > <NA> <NA> <NA> $t
recvmsg < 15 15 msg-from-client $t
sendmsg > <NA> 15 <NA> $t
sendmsg < 15 <NA> msg-from-server $t
recvfrom > <NA> 16 <NA> $t
recvfrom < 0 <NA>  $t"
	expect_sd "$c: client's tuple args (send: local->remote, recv: remote->local)" "$cap" \
		"proc.pid=$cpid and evt.type in (sendto,recvfrom,sendmsg,recvmsg) and evt.arg.tuple exists" \
		'%evt.type %evt.dir %evt.arg.tuple' \
		"sendto > $t
recvfrom < $r
sendmsg > $t
recvmsg < $r"
	expect_sd "$c: server's tuple args (send: local->remote, recv: remote->local)" "$cap" \
		"proc.pid=$ppid and evt.type in (sendto,recvfrom,sendmsg,recvmsg) and evt.arg.tuple exists" \
		'%evt.type %evt.dir %evt.arg.tuple' \
		"recvfrom < $t
sendto > $r
recvmsg < $t
sendmsg > $r
recvfrom < $t"
	expect_sd "$c: shutdown enter: how" "$cap" "evt.type=shutdown and evt.dir='>'" \
		'%evt.arg.how' "SHUT_WR"
	expect_sd "$c: both processes end with procexit status 0" "$cap" "evt.type=procexit" \
		'%proc.pid %evt.arg.status' "$cpid 0
$ppid 0"
}

check_udp() {
	local c=$1 cap=$2
	ports "$out/$c.x" || { fail "$c: the program wrote no ports to $c.x"; return 0; }
	expect_sd "$c: socket calls: SOCK_DGRAM" "$cap" "evt.type=socket and evt.dir='>'" \
		'%evt.arg.domain %evt.arg.type' "AF_INET 2
AF_INET 2"
	expect_sd "$c: datagrams: payloads and tuples" "$cap" \
		"evt.type in (sendto,recvfrom)" \
		'%evt.type %evt.dir %fd.num %evt.rawres %evt.arg.size %evt.arg.data %evt.arg.tuple' \
		"sendto > 3 <NA> 8 <NA> 127.0.0.1:$cli->127.0.0.1:$srv
sendto < 3 8 <NA> udp-ping <NA>
recvfrom > 4 <NA> 64 <NA> <NA>
recvfrom < 4 8 <NA> udp-ping 127.0.0.1:$cli->127.0.0.1:$srv
sendto > 4 <NA> 8 <NA> 127.0.0.1:$srv->127.0.0.1:$cli
sendto < 4 8 <NA> udp-pong <NA>
recvfrom > 3 <NA> 64 <NA> <NA>
recvfrom < 3 8 <NA> udp-pong 127.0.0.1:$srv->127.0.0.1:$cli"
}

check_unix() {
	local c=$1 cap=$2
	expect_sd "$c: socketpair enter: AF_LOCAL, SOCK_STREAM" "$cap" \
		"evt.type=socketpair and evt.dir='>'" '%evt.arg.domain %evt.arg.type %evt.arg.proto' \
		"AF_LOCAL 1 0"
	expect_sd "$c: socketpair exit: result 0, two unix socket fds" "$cap" \
		"evt.type=socketpair and evt.dir='<'" '%evt.rawres %evt.arg.fd1 %evt.arg.fd2' \
		"0 <u> <u>"
	expect_sd "$c: I/O on the pair: fds, types, payloads" "$cap" \
		"evt.type in (write,read,sendmsg,recvmsg) and fd.typechar=u" \
		'%evt.type %evt.dir %fd.num %evt.rawres %evt.arg.data' \
		"write > 3 <NA> <NA>
write < 3 10 unix-hello
read > 4 <NA> <NA>
read < 4 10 unix-hello
sendmsg > 4 <NA> <NA>
sendmsg < 4 10 unix-reply
recvmsg > 3 <NA> <NA>
recvmsg < 3 10 unix-reply"
}

# ---- user stacks (-k, tests/progs/stacks.c) -------------------------------------

# The tracer's libunwind knows its own ABI only: an armhf program under
# the aarch64 sctrace (compat-) and an i386 one under the x86_64 sctrace
# get no stacks; the others get theirs, with the program's function names.
check_stacks() {
	local c=$1 cap=$2 abi=$3 desc n
	n=$(sd "$cap" '%evt.num' "evt.type=notification and evt.arg.id=ustack" | wc -l)
	# (a stack's frames are lines of its desc: one event per "EV " line)
	desc=$(sd "$cap" 'EV %evt.type %evt.dir %evt.arg.name %evt.arg.desc' \
		"evt.type in (openat, notification)" |
		awk 'function frame(f) { sub(/^ > [^(]*\(/, "", f); sub(/\+0x.*$/, "", f); printf "%s ", f }
			/^EV openat < \/dev\/null/ { want = 1; next }
			want && /^EV notification > / { on = 1; want = 0; sub(/^EV notification > [^ ]* /, ""); frame($0); next }
			on && /^EV / { exit }
			on { frame($0) }')
	if [[ $c == compat-* ]] || [ "$abi" = i386 ]; then
		# (the execve's, made by sctrace's own child before the exec)
		[ "$n" -le 1 ] && pass "$c: a program of another ABI than the tracer's: no stacks but the execve's" ||
			fail "$c: a program of another ABI than the tracer's: $n stacks"
		expect_eq "$c: no stack for the openat of /dev/null" "" "$desc"
		return 0
	fi
	[ "$n" -gt 5 ] && pass "$c: $n stacks" || fail "$c: only $n stacks"
	expect_match "$c: the stack of the openat of /dev/null: sct_level_two <- sct_level_one <- main" \
		'(^| )sct_level_two sct_level_one main( |$)' "$desc"
}

# ---- every case ----------------------------------------------------------------

[ -s "$out/cases" ] || hard_error "$out/cases is missing or empty: no case ran"
note "$(head -n 1 "$out/guest.txt" 2>/dev/null || echo "host: $(uname -srm)")"
while read -r name abi prog w rc src secs; do
	cap=$out/$name.scap
	note "---- $name ($abi): $prog, traced in ${secs}s"
	xfail_begin "$abi" "${name#*-}"
	expect_eq "$name: sctrace exits with the program's status" 0 "$rc"
	[ -s "$cap" ] || { fail "$name: no capture ($(head -c 300 "$out/$name.err"))"; continue; }
	expect_eq "$name: nothing on sctrace's or the program's stderr" "" "$(head -c 300 "$out/$name.err")"
	check_readers "$cap"
	# (lib.sh's sd ends the script when sysdig fails: look first)
	if ! sysdig -r "$cap" -p '%evt.num' >/dev/null 2>"$TMP/sysdig.err"; then
		fail "$name: sysdig cannot read the capture: $(head -c 300 "$TMP/sysdig.err")"
		xfail_end "$name"
		continue
	fi
	if [ "$src" = - ]; then
		note "$name: no strace run: count parity not checked"
	else
		expect_eq "$name: the program under strace exits 0 too" 0 "$src"
		# (recorded: its threads wait on a futex or not; and its
		# pipes are pipe2 calls, which libs 0.25 on an x86_64 host
		# mixes up with rseq's generic event: native number 293; its
		# mmap and munmap counts: check_recorded)
		EXCL_COUNTS=
		[ "${name#*-}" = recorded ] && EXCL_COUNTS='futex|pipe2|mmap|munmap'
		# (execfail: the recorder loaded into one of its children)
		[ "${name#*-}" = execfail ] && EXCL_COUNTS='mmap|munmap'
		strace_parity "$name" "$cap" "$out/$name.strace"
		if [ "$(sd "$cap" '%thread.tid' | sort -u | wc -l)" = 1 ]; then
			seq_parity "$name" "$cap" "$out/$name.strace"
		fi
	fi
	check_new "$name"
	case ${name#*-} in
	file) check_file "$name" "$cap" "$abi" "$prog" "$w" ;;
	fork) check_fork "$name" "$cap" "$abi" "$prog" ;;
	thread) check_thread "$name" "$cap" "$abi" "$prog" "$w" ;;
	tcp) check_tcp "$name" "$cap" ;;
	udp) check_udp "$name" "$cap" ;;
	unix) check_unix "$name" "$cap" ;;
	stacks) check_stacks "$name" "$cap" "$abi" ;;
	recorded) check_recorded "$name" "$cap" "$w" ;;
	*) note "$name: no field checks for this case" ;;
	esac
	xfail_end "$name"
done <"$out/cases"
[ "$n_xfail" = 0 ] || note "$n_xfail checks failed as known (tests/xarch/xfail): not counted"
finish
