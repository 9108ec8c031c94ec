#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Parity with strace on real programs: a shell pipeline, tar with gzip (a
# child process), python3 with threads, a python3 subprocess, a TCP client
# and server over loopback (python3, two processes).  Each program runs
# twice, once under sctrace and once under "strace -f -yy -qq", and:
#   (a) the capture's per-syscall counts (enter events) equal strace's, as in
#       lib.sh's check_counts, but with a few syscalls left out per program,
#       those whose count varies from run to run under strace alone (see
#       the EXCL_* lists: each one says why; checked by running strace
#       repeatedly);
#   (b) the paths, fds and return values of the calls of parity.awk
#       (openat, open, read, write, close, connect, accept(4), socket,
#       pipe(2), dup(2,3), execve, sendto, recvfrom) agree with strace's
#       -yy annotations, call by call, per thread (threads are matched by
#       their place in the process tree, since tids differ; parity.awk
#       explains the format and the naming differences it evens out);
#   (c) tshark and sysdig read the capture without complaint (check_readers).
# The programs are made deterministic: fixed inputs, PYTHONHASHSEED and
# PYTHONDONTWRITEBYTECODE fixed, the same stdout/stderr files in both runs
# (the capture's CAP.out and CAP.err, so that fd 1 and 2 have the same
# names), and no address space randomization where the system lets us turn
# it off (setarch -R: the test runs again under it): with ASLR, malloc's
# and Python's allocators make a varying number of mmap, munmap and brk
# calls (a new heap is aligned by unmapping 0, 1 or 2 pieces, pools are
# aligned within mmap'ed arenas, ...), and those would have to be left out.

if [ -z "${PARITY_NO_ASLR:-}" ]; then
	if setarch "$(uname -m)" -R true 2>/dev/null; then
		export PARITY_NO_ASLR=1
		exec setarch "$(uname -m)" -R bash "$0" "$@"
	fi
	export PARITY_NO_ASLR=0
fi
. "$(dirname "$0")/lib.sh"
if [ "$PARITY_NO_ASLR" = 1 ]; then
	EXCL_ASLR=""
else
	EXCL_ASLR="brk mmap munmap"
	note "setarch -R does not work here: with ASLR, brk, mmap and munmap are not counted"
fi

PARITY_AWK=$lib_dir/parity.awk

# The I/O calls of parity.awk, and the clone family (for the thread tree).
SD_TYPES="openat,open,read,write,close,connect,accept,socket,pipe,dup,execve,sendto,recvfrom"
SD_TYPES="$SD_TYPES,clone,clone3,fork,vfork"
SD_FMT='%thread.tid\t%evt.dir\t%evt.type\t%fd.num\t%fd.type\t%evt.rawres\t%evt.res\t%fd.name\t%evt.arg.filename\t%evt.args'

# count_parity WHAT CAPTURE LOG EXCLUDED: the per-syscall counts of CAPTURE
# equal those of the strace log LOG (sysdig names), except for the
# (sysdig) names in EXCLUDED (space-separated), which are only shown.
count_parity() {
	local what=$1 cap=$2 log=$3 excl=" $4 " diff shown
	capture_counts "$cap" >"$log.sd.all"
	strace_counts "$log" >"$log.st.all"
	awk -v excl="$excl" 'index(excl, " " $1 " ") == 0' "$log.sd.all" >"$log.sd"
	awk -v excl="$excl" 'index(excl, " " $1 " ") == 0' "$log.st.all" >"$log.st"
	if diff=$(count_diff "$log.st" "$log.sd") && [ -z "$diff" ]; then
		pass "$what: per-syscall counts equal strace's ($(awk '{ n += $2 } END { print n }' "$log.st") calls${4:+; not compared: $4})"
	else
		fail "$what: per-syscall counts differ from strace's (strace name -> sysdig name map: $NAME_MAP):"
		printf '%s\n' "$diff"
	fi
	if [ -n "$4" ]; then
		shown=$(join -a1 -a2 -e 0 -o 0,1.2,2.2 "$log.st.all" "$log.sd.all" |
			awk -v excl="$excl" 'index(excl, " " $1 " ") { printf " %s %s/%s", $1, $2, $3 }')
		note "$what: left out (strace/capture):$shown"
	fi
}

# io_parity WHAT CAPTURE LOG: the calls of parity.awk, per thread, are the
# same in the capture and in the strace -yy log.  But for the size of a
# process's own /proc/PID/maps (glibc reads it for a thread's stack): with
# in-process recording it lists the recorder's mappings too.
MAPS_SIZE='s#^(.*	read [0-9]+ /proc/PID/maps) [0-9]+$#\1 SIZE#'
io_parity() {
	local what=$1 cap=$2 log=$3 n_calls n_threads d
	sd "$cap" "$SD_FMT" "evt.type in ($SD_TYPES)" |
		awk -f "$PARITY_AWK" -v side=sysdig |
		sort -t "$(printf '\t')" -k1,1 -k2,2n | cut -f1,3 |
		sed -E "$MAPS_SIZE" >"$cap.io"
	awk -f "$PARITY_AWK" -v side=strace -v map="$NAME_MAP" "$log" |
		sort -t "$(printf '\t')" -k1,1 -k2,2n | cut -f1,3 |
		sed -E "$MAPS_SIZE" >"$log.io"
	n_calls=$(wc -l <"$log.io")
	n_threads=$(cut -f1 "$log.io" | sort -u | wc -l)
	if [ "$n_calls" -eq 0 ]; then
		fail "$what: no calls to compare in the strace log $log"
	elif d=$(diff "$log.io" "$cap.io"); then
		pass "$what: paths, fds and results of $n_calls calls in $n_threads threads equal strace -yy's"
	else
		fail "$what: paths, fds or results differ from strace -yy's (THREAD TYPE FD NAME RESULT; < strace, > capture):"
		printf '%s\n' "$d" | head -n 40 | sed 's/^/      /'
		[ "$(printf '%s\n' "$d" | wc -l)" -le 40 ] || printf '      ...\n'
	fi
}

# parity WHAT EXCLUDED -- CMD [ARGS...]: trace CMD with sctrace, then with
# strace -f -yy -qq (same stdin, stdout and stderr files), and make the
# checks (a), (b), (c) of the header.
n=0
parity() {
	local what=$1 excl=$2 cap log want=0
	shift 3
	n=$((n + 1))
	cap=$TMP/parity$n.scap
	log=$TMP/parity$n.strace
	trace "$cap" "$@" || return 0
	cp "$cap.err" "$cap.sctrace.err"
	{ strace -f -yy -qq -o "$log" "$@" </dev/null >"$cap.out" 2>"$cap.err" || want=$?; } 2>"$log.err"
	[ -s "$log" ] || hard_error "strace -f -yy -o $log $* wrote nothing: $(head -c 300 "$log.err")"
	expect_eq "$what: sctrace exits with the command's status (as under strace)" "$want" "$trace_rc"
	check_readers "$cap"
	count_parity "$what" "$cap" "$log" "$excl"
	io_parity "$what" "$cap" "$log"
}

# ---- (1) a shell pipeline ---------------------------------------------------
# A fixed input (not /etc/services, whose size differs between systems):
# small enough that every writer writes its output with one write(2) into
# an empty pipe, so that each reader's read(2) sizes do not depend on the
# timing, and that sort's whole output is written before head reads it (with
# a larger input, sort can get EPIPE and SIGPIPE after head is gone).
awk 'BEGIN {
	for (i = 1; i <= 120; i++)
		printf "svc%03d\t\t%d/%s\t\t# service %d\n", (i * 37) % 120, 1000 + i,
			(i % 2) ? "tcp" : "udp", i
}' >"$TMP/services"
# rt_sigreturn: the shell's SIGCHLD handler runs once per signal delivered,
# and SIGCHLDs of children ending close together merge: 2 to 4 calls (in 90
# runs of strace).
# clone: when a SIGCHLD of an earlier child arrives while the shell forks,
# the kernel restarts the fork (ERESTARTNOINTR), and both tools show two
# calls: 4 or 5 (seen once in about 30 runs; "for i in 1 2 ... 30; do
# /bin/true & done" shows it in most strace runs).  The parity of the
# calls (b) checks the four children anyway.
EXCL_PIPELINE="sigreturn clone $EXCL_ASLR"
parity "sh pipeline" "$EXCL_PIPELINE" -- \
	sh -c "cat $TMP/services | grep tcp | sort | head -n 5 > $TMP/pipeline.out"
expect_eq "sh pipeline: its output" \
	"$(grep tcp "$TMP/services" | sort | head -n 5)" "$(cat "$TMP/pipeline.out")"

# ---- (2) tar with gzip --------------------------------------------------------
# A small tree: the archive is one 10240-byte tar record, which tar writes
# to gzip's pipe with one write(2), so gzip's reads do not depend on timing.
mkdir -p "$TMP/tree/sub"
printf 'first file\n' >"$TMP/tree/a.txt"
printf 'second file\n' >"$TMP/tree/b.txt"
printf 'in a subdirectory\n' >"$TMP/tree/sub/c.txt"
touch -d '2024-01-01 00:00:00 UTC' "$TMP/tree" "$TMP/tree/sub" "$TMP/tree/"*.txt "$TMP/tree/sub/c.txt"
parity "tar czf" "$EXCL_ASLR" -- tar czf "$TMP/tree.tgz" -C "$TMP/tree" .
expect_eq "tar czf: the archive lists the tree" "./ ./a.txt ./b.txt ./sub/ ./sub/c.txt" \
	"$(tar tzf "$TMP/tree.tgz" | sort | tr '\n' ' ' | sed 's/ $//')"

# ---- python3 ------------------------------------------------------------------
# The interpreter itself, not a wrapper (pyenv's python3 is a shell script
# that runs several processes).
if ! command -v python3 >/dev/null 2>&1; then
	note "python3 is not installed: the python3 programs are not traced"
	finish
fi
PY=$(python3 -c 'import sys; print(sys.executable)')
[ -x "$PY" ] || hard_error "python3's sys.executable ($PY) is not executable"
export PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1
# The scripts live in a directory of their own: Python lists the script's
# directory (sys.path[0]) into a set as it imports, so a directory where
# captures and logs come and go between the two runs makes the heap grow by
# a different number of brk calls (CI saw 22 under strace, 20 under sctrace).
PYDIR=$TMP/py
mkdir -p "$PYDIR"
# And malloc grows and trims the heap in big steps: python3's count of brk
# calls follows the exact sizes in its heap, and those change with details
# of a run that neither tracer controls (the same script makes 18, 19 or 21
# brk calls under strace, by the length of its directory's name alone; CI
# saw 18 under strace and 21, or 16, under sctrace in the same directory).
# With 64 MiB of top padding, no trimming and a fixed mmap threshold, the
# heap grows once, and the brk calls are the same in every run.  And Python
# allocates from that heap only (PYTHONMALLOC=malloc), not from 1 MiB arenas
# of its own: those are split into pools aligned to 16 KiB, an arena
# mapped at an unaligned address loses one, and where mappings fall moves
# with every mapping before them (the recorder's loading makes one or two):
# CI saw python3's forked client map one more arena under sctrace.
export GLIBC_TUNABLES=glibc.malloc.top_pad=67108864:glibc.malloc.trim_threshold=1073741824:glibc.malloc.mmap_threshold=131072
export PYTHONMALLOC=malloc

# ---- (3) python3 threads --------------------------------------------------------
# Four threads each write a file, one after the other (the main thread waits
# for each file before it starts the next thread: the fds are the same in
# both runs), then wait forever; os._exit ends the process with all of them
# alive: no thread ends while the process exits (the exit(2) of a thread
# that Python has already joined races with exit_group(2)), and no thread
# stack or malloc arena of an ended thread is reused.
cat >"$PYDIR/threads.py" <<'EOF'
import os, sys, threading
d = sys.argv[1]
never = threading.Event()
def work(i, written):
    with open(os.path.join(d, "thread%d.txt" % i), "w") as f:
        f.write("written by thread %d\n" % i)
    written.set()
    never.wait()
for i in range(4):
    written = threading.Event()
    threading.Thread(target=work, args=(i, written), daemon=True).start()
    written.wait()
os._exit(0)
EOF
# futex: the GIL and the Events: how often a thread waits or wakes another
# depends on the scheduling (40 to 61 calls in 16 runs of strace).
# exit_group: the program calls it once (os._exit), but strace -f once
# counted 2 in CI (3 Dec; the capture had 1): its count under strace is
# not stable while four threads are torn down with the process.
EXCL_THREADS="futex exit_group $EXCL_ASLR"
parity "python3 threads" "$EXCL_THREADS" -- "$PY" "$PYDIR/threads.py" "$TMP"
expect_eq "python3 threads: the threads' files" \
	"written by thread 0 written by thread 1 written by thread 2 written by thread 3" \
	"$(cat "$TMP"/thread[0-3].txt | tr '\n' ' ' | sed 's/ $//')"

# ---- (4) python3 subprocess -------------------------------------------------------
cat >"$PYDIR/subproc.py" <<'EOF'
import subprocess
subprocess.run(['/bin/echo', 'x'], check=True)
EOF
parity "python3 subprocess" "$EXCL_ASLR" -- "$PY" "$PYDIR/subproc.py"
expect_eq "python3 subprocess: echo's output" x "$(cat "$TMP/parity$n.scap.out")"

# ---- (5) TCP over loopback ----------------------------------------------------------
# The server (port chosen by the kernel) forks the client; one request, one
# reply, each smaller than a segment, so every recv gets it whole.
cat >"$PYDIR/tcp.py" <<'EOF'
import os, socket
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(('127.0.0.1', 0))
srv.listen(1)
port = srv.getsockname()[1]
pid = os.fork()
if pid == 0:
    srv.close()
    cli = socket.create_connection(('127.0.0.1', port))
    cli.sendall(b'ping')
    reply = cli.recv(64)
    cli.close()
    os._exit(0 if reply == b'pong:ping' else 1)
conn, _ = srv.accept()
data = conn.recv(64)
conn.sendall(b'pong:' + data)
conn.close()
srv.close()
_, status = os.waitpid(pid, 0)
print('client status', status)
EOF
parity "python3 TCP" "$EXCL_ASLR" -- "$PY" "$PYDIR/tcp.py"
expect_eq "python3 TCP: the client got the reply" "client status 0" "$(cat "$TMP/parity$n.scap.out")"

finish
