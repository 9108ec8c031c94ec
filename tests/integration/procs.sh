#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Processes (tests/progs/procs): fork() (the clone syscall) + exec of the
# program itself, the fork syscall + exec /bin/true, vfork + exec /bin/true,
# a process made by a raw clone3.  Checks both sides of each clone-family
# call, the child's pid/ppid/pname, the execve events (filename, exe, args,
# comm), the child's I/O, one procexit per process with its status, and the
# per-syscall counts against strace; what the child's side inherits.
. "$(dirname "$0")/lib.sh"

procs=$(prog procs)

# fork_case MODE EVENT CHILD-EXE CHILD-NAME CHILD-ARGS
fork_case() {
	local mode=$1 ev=$2 exe=$3 name=$4 args=$5 cap=$TMP/$1.scap pid child
	trace "$cap" "$procs" "$mode"
	expect_eq "$mode: sctrace exits 0" 0 "$trace_rc"
	check_readers "$cap"
	pid=$(sd "$cap" '%proc.pid' "evt.type=execve and evt.dir='<' and evt.num<5")
	child=$(sd "$cap" '%evt.rawres' "evt.type=$ev and evt.dir='<' and evt.rawres>0")
	expect_match "$mode: $ev returns the child's pid in the parent" '^[0-9]+$' "$child"
	expect_sd "$mode: the program's parent is sctrace" "$cap" \
		"evt.type=$ev and evt.dir='>'" '%proc.name %proc.pid %proc.pname' "procs $pid sctrace"
	expect_sd_set "$mode: $ev exits in parent and child" "$cap" "evt.type=$ev and evt.dir='<'" \
		'%evt.rawres %thread.tid %proc.pid %proc.ppid %proc.name %proc.pname %evt.arg.tid %evt.arg.pid %evt.arg.ptid' \
		"$child $pid $pid $(sd "$cap" '%proc.ppid' "evt.num=2") procs sctrace procs procs sctrace
0 $child $child $pid procs procs procs procs procs"
	expect_sd "$mode: the child's execve enter: filename" "$cap" \
		"evt.type=execve and evt.dir='>' and proc.pid=$child" '%evt.arg.filename' "$exe"
	expect_sd "$mode: the child's execve exit: res, exe, args, comm, pid, parent" "$cap" \
		"evt.type=execve and evt.dir='<' and proc.pid=$child" \
		'%evt.rawres %evt.arg.exe %evt.arg.args %evt.arg.comm %proc.name %thread.tid %proc.ppid %proc.pname %proc.exe' \
		"0 $exe $args $name $name $child $pid procs $exe"
	expect_sd "$mode: one procexit per process, status 0, child first" "$cap" "evt.type=procexit" \
		'%proc.pid %proc.name %evt.arg.status %evt.arg.ret %evt.arg.sig' "$child $name 0 0 0
$pid procs 0 0 0"
	check_counts "$mode" "$cap" -- "$procs" "$mode"
}

fork_case fork clone "$procs" procs "child.from-fork."
expect_sd "fork: the exec'ed child's write: fd.name and data" "$TMP/fork.scap" \
	"evt.type=write and evt.dir='<' and proc.name=procs and fd.name=/dev/null" \
	'%evt.rawres %evt.arg.data %proc.pname' "9 from-fork procs"
expect_sd "fork: glibc's fork() is clone with the child-tid flags" "$TMP/fork.scap" \
	"evt.type=clone and evt.dir='<' and evt.rawres>0" '%evt.arg.flags' \
	"CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID"
fork_case rawfork fork /bin/true true ""
fork_case vfork vfork /bin/true true ""

# a process made by clone3 (no CLONE_THREAD): it writes and exits 7
cap=$TMP/clone3.scap
trace "$cap" "$procs" clone3
expect_eq "clone3: sctrace exits 0" 0 "$trace_rc"
check_readers "$cap"
pid=$(sd "$cap" '%proc.pid' "evt.type=execve and evt.dir='<'")
child=$(sd "$cap" '%evt.rawres' "evt.type=clone3 and evt.dir='<' and evt.rawres>0")
expect_match "clone3: returns the child's pid in the parent" '^[0-9]+$' "$child"
expect_sd_set "clone3: exits in parent and child, no CLONE_THREAD" "$cap" "evt.type=clone3 and evt.dir='<'" \
	'%evt.rawres %thread.tid %proc.pid %proc.ppid %proc.pname %evt.arg.flags %thread.ismain' \
	"$child $pid $pid $(sd "$cap" '%proc.ppid' "evt.num=2") sctrace 0 true
0 $child $child $pid procs 0 true"
expect_sd "clone3: the child's I/O" "$cap" "proc.pid=$child and evt.type in (openat,write) and evt.dir='<'" \
	'%evt.type %evt.rawres %fd.name %evt.arg.data' "openat 3 /dev/null <NA>
write 12 /dev/null clone3-child"
expect_sd "clone3: procexit of the child has exit code 7, the parent's 0" "$cap" "evt.type=procexit" \
	'%proc.pid %evt.arg.status %evt.arg.ret %evt.arg.sig' "$child 1792 7 0
$pid 0 0 0"
check_counts "clone3" "$cap" -- "$procs" clone3

# The child's side of a clone carries what fork copied from the parent
# (sctrace takes it from the parent's state at its clone exit; the child's
# own are its ids, fault counters and memory sizes): after a chdir and a
# lowered fd limit, both sides show the same program, args, cwd, limit,
# name, user, cgroups and VmSize, and the child its own ids.
dir=$TMP/inherit.d
mkdir -p "$dir"
cap=$TMP/inherit.scap
trace "$cap" sh -c "cd '$dir' && ulimit -n 321 && /bin/true; exit 0"
expect_eq "inherit: sctrace exits 0" 0 "$trace_rc"
check_readers "$cap"
pid=$(sd "$cap" '%proc.pid' "evt.type=execve and evt.dir='<' and evt.num<5")
ev=$(sd "$cap" '%evt.type' "evt.type in (clone,fork,vfork,clone3) and evt.dir='<' and evt.rawres>0")
child=$(sd "$cap" '%evt.rawres' "evt.type=$ev and evt.dir='<' and evt.rawres>0")
expect_match "inherit: sh forks once" '^[0-9]+$' "$child"
same='%evt.arg.exe %evt.arg.args %evt.arg.cwd %evt.arg.fdlimit %evt.arg.comm %evt.arg.uid %evt.arg.gid %evt.arg.cgroups %evt.arg.vm_size'
expect_eq "inherit: parent and child sides agree on exe, args, cwd, fdlimit, comm, uid, gid, cgroups, vm_size" \
	"$(sd "$cap" "$same" "evt.type=$ev and evt.dir='<' and evt.rawres>0")" \
	"$(sd "$cap" "$same" "evt.type=$ev and evt.dir='<' and evt.rawres=0")"
expect_sd "inherit: the child's side: cwd after the chdir, the lowered limit, its ids" "$cap" \
	"evt.type=$ev and evt.dir='<' and evt.rawres=0" \
	'%evt.arg.cwd %evt.arg.fdlimit %evt.arg.comm %evt.rawarg.tid %evt.rawarg.pid %evt.rawarg.ptid %evt.rawarg.vtid %evt.rawarg.vpid' \
	"$dir/ 321 sh $child $child $pid $child $child"
vm=$(sd "$cap" '%evt.arg.vm_size %evt.arg.vm_rss' "evt.type=$ev and evt.dir='<' and evt.rawres=0")
expect_match "inherit: the child's own VmSize and VmRSS (kB) are read" '^[1-9][0-9]* [1-9][0-9]*$' "$vm"
expect_sd "inherit: the exec'ed child keeps cwd and limit" "$cap" \
	"evt.type=execve and evt.dir='<' and proc.pid=$child" \
	'%evt.arg.exe %evt.arg.cwd %evt.arg.fdlimit %evt.rawarg.ptid' "/bin/true $dir/ 321 $pid"
# Signals delivered: a signaldeliver event (sender, receiving thread,
# signal) as the driver writes at its signal_deliver tracepoint, for a
# caught signal (USR1, TERM, from the shell itself) and a child's SIGCHLD to a
# shell that waits; none for an ignored one (USR2), which an untraced
# process would never have been sent.
cap=$TMP/signals.scap
trace "$cap" sh -c 'trap "" USR2; trap "echo usr1" USR1; trap "echo term" TERM; kill -USR2 $$; kill -USR1 $$; kill -TERM $$; /bin/true & wait; exit 0'
expect_eq "signals: sctrace exits 0" 0 "$trace_rc"
sh_pid=$(sd "$cap" '%proc.pid' "evt.type=execve and evt.dir='<' and proc.name=sh" | head -n 1)
true_pid=$(sd "$cap" '%proc.pid' "evt.type=execve and evt.dir='<' and proc.name=true" | head -n 1)
# (the driver names the sender of SIGTERM and SIGCHLD, not of SIGUSR1)
expect_sd "signals: USR1, TERM and the child's SIGCHLD delivered to sh (spid dpid sig), no USR2" "$cap" \
	"evt.type=signaldeliver" '%thread.tid %evt.rawarg.spid %evt.rawarg.dpid %evt.arg.sig' \
	"$sh_pid 0 $sh_pid SIGUSR1
$sh_pid $sh_pid $sh_pid SIGTERM
$sh_pid $true_pid $sh_pid SIGCHLD"
# The handlers' rt_sigreturn: its enter, no exit (the kernel has set the
# syscall number to -1 by then: the driver's sys_exit writes nothing).
expect_eq "signals: rt_sigreturn enters (3, one per handler run: USR1, TERM, CHLD) and no exit, as the driver's" \
	"3 0" "$(sd "$cap" '%evt.dir' "evt.type=sigreturn and evt.dir='>'" | wc -l) $(sd "$cap" '%evt.dir' "evt.type=sigreturn and evt.dir='<'" | wc -l)"
# A failed execve (env's PATH lookup) shows what the call was given, as
# the driver: the attempted program's argv[0] and arguments, its env
# (the first 16 variables); the caller's own state elsewhere (comm).
cap=$TMP/exec-fail.scap
trace "$cap" env -i PATH=/nonexistent:/usr/bin:/bin SCT_MARK=failed-exec /usr/bin/env true a1 a2
expect_eq "failed exec: sctrace exits 0" 0 "$trace_rc"
expect_sd "failed exec: exe and args are the attempted program's, comm the caller's" "$cap" \
	"evt.type=execve and evt.dir='<' and evt.res=ENOENT" '%evt.arg.exe %evt.arg.args %evt.arg.comm' \
	"true a1.a2. env"
expect_sd "failed exec: env is the one the call was given" "$cap" \
	"evt.type=execve and evt.dir='<' and evt.res=ENOENT" '%evt.arg.env' \
	"PATH=/nonexistent:/usr/bin:/bin.SCT_MARK=failed-exec."
# The newest readers' default (no --old-readers): clone and execve exits
# carry no cwd, as the libs 0.25 driver writes them (every reader since
# 2022 takes a child's cwd from its parent's, and keeps it across an exec,
# whatever the event says): the vfork exit's 7th param (cwd) is empty,
# sysdig's proc.cwd of the exec'ed child still the directory.
cap=$TMP/inherit-new.scap
SCTRACE_READERS='' trace "$cap" sh -c "cd '$dir' && ulimit -n 321 && /bin/true; exit 0"
expect_eq "inherit, default mode: sctrace exits 0" 0 "$trace_rc"
expect_eq "inherit, default mode: the vfork exits' cwd (7th param) is empty, as the driver's" \
	"0 0" "$(tshark -r "$cap" -Y 'sysdig.event_type==227' -T fields -e sysdig.param.len 2>/dev/null |
		cut -d, -f7 | tr '\n' ' ' | sed 's/ $//')"
expect_sd "inherit, default mode: the exec'ed child's proc.cwd is the directory" "$cap" \
	"evt.type=execve and evt.dir='<' and proc.name=true" '%proc.cwd' "$dir/"
# A process forked after its parent's unshare(CLONE_NEWPID) lives in the
# new pid namespace: its side of the clone shows its ids there (pid 1),
# not its parent's view (it is read for itself, not inherited).
ns=()
if unshare -p -f true 2>/dev/null; then
	ns=(unshare -p -f)
elif unshare -U -r -p -f true 2>/dev/null; then
	ns=(unshare -U -r -p -f)
else
	note "pidns: no pid namespace can be made here: not checked"
fi
if [ "${#ns[@]}" -gt 0 ]; then
	cap=$TMP/pidns.scap
	trace "$cap" "${ns[@]}" sh -c 'true; exit 0'
	expect_eq "pidns: sctrace exits 0" 0 "$trace_rc"
	expect_sd "pidns: the child forked into the new namespace is pid 1 there" "$cap" \
		"evt.type in (clone,clone3,fork,vfork) and evt.dir='<' and evt.rawres=0 and proc.name=unshare" \
		'%evt.rawarg.vtid %evt.rawarg.vpid %thread.vtid' "1 1 1"
fi
# --no-spin (sleep in waitpid at every stop) records the same calls; and
# the default polling stops by itself while the program sleeps: sctrace
# uses little CPU time (user + system, its children's included) over a
# second of sleeps (a tracer polling all along would use about a second).
cap=$TMP/nospin.scap
SCTRACE_OPTS=(--no-spin)
trace "$cap" "$procs" fork
SCTRACE_OPTS=()
expect_eq "--no-spin: sctrace exits 0" 0 "$trace_rc"
check_readers "$cap"
check_counts "--no-spin" "$cap" -- "$procs" fork
cpu=$(python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%d" % ((r.ru_utime + r.ru_stime) * 1000))' \
	"$SCTRACE" -o "$TMP/sleeps.scap" -- sh -c 'for i in 1 2 3 4 5; do sleep 0.2; done')
if [ "$cpu" -lt 400 ]; then
	pass "polling for stops: $cpu ms of CPU over 1 s of sleeps"
else
	fail "polling for stops: $cpu ms of CPU over 1 s of sleeps (a spin that does not stop?)"
fi
# Memory counters as the driver has them: a munmap exit's vm_rss is stat's
# RSS (the counters' sum without what is still counted per CPU), where
# statm and status add that in (seen on Linux 6.18; elsewhere the three
# agree).  vmstop stops itself right after its munmap, faulting nothing in
# between, and is read while it stays stopped.  Without the recorder: its
# ring is the program's memory too, and a record written after the munmap
# (the marker's write) can fault a ring page in; one page more can fold a
# CPU's pending count (up to 31 pages) into stat's RSS (seen in CI, about
# 1 run in 15 under load: 33860 kB written, 33988 kB at the stop).
vmstop=$(prog vmstop)
cap=$TMP/vmstop.scap
rm -f "$TMP/vmstop.marker"
"$SCTRACE" $SCTRACE_READERS --no-syscall-buffer -o "$cap" -- \
	"$vmstop" "$TMP/vmstop.marker" \
	</dev/null >"$cap.out" 2>"$cap.err" &
tracer=$!
vpid= stat_rss= statm_rss=
for _ in $(seq 200); do
	if [ -s "$TMP/vmstop.marker" ]; then
		vpid=$(pgrep -n -f "^$vmstop $TMP/vmstop.marker" || true)
		# stopped, and still so a moment later: its group-stop
		if [ -n "$vpid" ] &&
		   [[ "$(cut -d' ' -f3 "/proc/$vpid/stat" 2>/dev/null)" == [tT] ]]; then
			sleep 0.2
			a=$(cut -d' ' -f3,24 "/proc/$vpid/stat" 2>/dev/null)
			if [[ "$a" == [tT]\ * ]]; then
				stat_rss=${a#* }
				statm_rss=$(cut -d' ' -f2 "/proc/$vpid/statm")
				break
			fi
		fi
	fi
	sleep 0.05
done
[ -n "$vpid" ] && kill -CONT "$vpid" 2>/dev/null
wait "$tracer" || true
if [ -z "$stat_rss" ]; then
	fail "vmstop: it did not stop after its munmap ($(head -c 300 "$cap.err"))"
else
	kb=$(( $(getconf PAGESIZE) / 1024 ))
	got=$(sd "$cap" '%evt.arg.vm_rss' "evt.type=munmap and evt.dir='<' and proc.name=vmstop" |
		tail -n 1)
	expect_eq "vmstop: the munmap exit's vm_rss is stat's RSS (statm's: $((statm_rss * kb)) kB)" \
		"$((stat_rss * kb))" "$got"
fi
# The events' cgroups as the driver writes them: cpuset, cpu, cpuacct, io
# (sysdig 0.29 says blkio) and memory, those the kernel has, in that order;
# a v1 controller's path as /proc/PID/cgroup has it (v2 ones depend on the
# tree: the unit test covers them).
cap=$TMP/cgroups.scap
trace "$cap" /bin/true
want=$(for c in cpuset cpu cpuacct blkio memory; do
	awk -v c="$c" '$1 == c { print c }' /proc/cgroups
done | tr '\n' ' ')
got=$(sd "$cap" '%thread.cgroups' "evt.type=execve and evt.dir='<'" | head -n 1)
expect_eq "cgroups: the driver's controllers, in its order" "$want" \
	"$(tr ' ' '\n' <<<"$got" | sed -n 's/=.*//p' | tr '\n' ' ')"
want=$(for c in $want; do
	awk -F: -v c="$c" '$2 != "" { n = split($2, l, ","); for (i = 1; i <= n; i++)
		if (l[i] == c) print c "=" $3 }' /proc/self/cgroup
done | tr '\n' ' ')
expect_eq "cgroups: each v1 controller's path, as /proc/PID/cgroup has it" "$want" \
	"$(tr ' ' '\n' <<<"$got" | grep -Fx -f <(tr ' ' '\n' <<<"$want" | grep .) | tr '\n' ' ')"
finish
