#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The header's picture of the system (PL, FDL) in launch mode.  sctrace
# reads the other processes in a thread of its own while the command runs
# and puts the header before the first events at the first flush; a
# non-leader thread takes its process's shared fields from the leader.
# An unrelated, untraced server (tests/progs/attach_srv: 4 named threads,
# a listening TCP socket) must be in the PL with each thread under its own
# tid and name, in the FDL with its socket; the launched command itself
# must be there as it was before its exec, and the file must open in both
# readers, plain and gzipped, for a short and a longer command.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/attach_lib.sh"

dir=$TMP/srv
start_server "$dir"

# ps_rows CAP: "tid pid cmd" of every thread in the capture's process table
ps_rows() {
	sysdig -r "$1" -c ps 2>/dev/null | awk 'NR > 1 { print $1, $2, $NF }'
}

want_threads=$(for t in $(tids "$srv_pid"); do
	printf '%s %s %s\n' "$t" "$srv_pid" "$(cat "/proc/$srv_pid/task/$t/comm")"
done | sort)

for opt in "" -z; do
	for cmd in /bin/true "sh -c 'for i in 1 2 3 4 5 6 7 8; do ls / >/dev/null; done'"; do
		name="launch${opt:+ $opt}: $cmd"
		cap=$TMP/snap$opt.scap
		rm -f "$cap"
		# shellcheck disable=SC2086
		eval "\"\$SCTRACE\" \$SCTRACE_READERS $opt -o \"\$cap\" -- $cmd" </dev/null >/dev/null 2>"$cap.err" ||
			fail "$name: sctrace failed: $(head -c 300 "$cap.err")"
		check_readers "$cap"
		got=$(ps_rows "$cap" | awk -v p="$srv_pid" '$2 == p' | sort)
		expect_eq "$name: the untraced server's threads, each with its own tid and name" \
			"$want_threads" "$got"
		port_fd=$(sysdig -r "$cap" -c lsof 2>/dev/null |
			awk -v p="$srv_pid" -v port=":$srv_port" '$2 == p && index($0, port) { f = 1 } END { if (f) print "found" }')
		expect_eq "$name: the server's listening socket is in its FDL" found "$port_fd"
		main=$(sd "$cap" '%proc.pid' "evt.type=execve and evt.dir='>'" | awk 'NR == 1')
		expect_eq "$name: the launched command is in the process table as before its exec" \
			"$main $main sctrace" "$(ps_rows "$cap" | awk -v p="$main" '$1 == p')"
	done
done

# A kernel thread, if this machine shows any (not in a container's pid
# namespace): its entry is made from its stat, cgroup and limits alone.
kt=
for st in /proc/[0-9]*/stat; do
	flags=$(awk '{ print $9 }' "$st" 2>/dev/null) || continue
	if [ -n "$flags" ] && [ $((flags & 0x00200000)) -ne 0 ]; then
		kt=${st#/proc/}
		kt=${kt%/stat}
		break
	fi
done
if [ -n "$kt" ]; then
	cap=$TMP/snap.scap
	want="$kt $kt root 0B 0B $(awk '/^Max open files/ { print $4 }' "/proc/$kt/limits") $(cat "/proc/$kt/comm")"
	got=$(sysdig -r "$cap" -c ps 2>/dev/null | awk -v k="$kt" '$1 == k { print $1, $2, $3, $4, $5, $6, $7 }')
	expect_eq "kernel thread $kt: root's, no memory, its fd limit and name" "$want" "$got"
else
	note "no kernel thread visible here: not checked"
fi
# A dead process not yet reaped (a zombie) is left out of the list: it has
# no exe, cwd or fds left, and makes no more syscalls.  (A traced child
# that died between sctrace's wait and its parent's looked just like it,
# and stood nameless in the list of a filtered capture.)
sh -c 'sleep 0.01 & exec sleep 5' &
zparent=$!
zpid=
for _ in $(seq 100); do
	# (the zombie: state Z, parent zparent; children of zparent only)
	zpid=$(for c in $(cat "/proc/$zparent/task/$zparent/children" 2>/dev/null || true); do
		read -r _ _ st _ <"/proc/$c/stat" 2>/dev/null || continue
		[ "$st" = Z ] && echo "$c"
	done | head -n 1 || true)
	[ -n "$zpid" ] && break
	sleep 0.05
done
if [ -n "$zpid" ]; then
	cap=$TMP/zombie.scap
	"$SCTRACE" $SCTRACE_READERS -o "$cap" -- /bin/true </dev/null >/dev/null 2>"$cap.err" ||
		fail "zombie: sctrace failed: $(head -c 300 "$cap.err")"
	expect_eq "a zombie ($zpid, child of $zparent) is not in the process list" "" \
		"$(ps_rows "$cap" | awk -v z="$zpid" '$1 == z')"
	expect_eq "its parent is" "$zparent" "$(ps_rows "$cap" | awk -v p="$zparent" '$1 == p { print $1 }')"
else
	note "no zombie could be made here: not checked"
fi
kill "$zparent" 2>/dev/null
wait "$zparent" 2>/dev/null || true
finish
