#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A signal in sctrace's first milliseconds (issue 12, 1): SIGTERM, SIGINT,
# SIGHUP or SIGKILL 0-3 ms after the start, 100 times.  Nothing may be left
# behind: no process stopped (the launched child used to wait in its
# SIGSTOP, unseized, for a parent that had died), and unless sctrace was
# SIGKILLed, a capture that sysdig opens (or, if the signal came before
# sctrace could block it, sctrace dead of it and no file at all).
. "$(dirname "$0")/lib.sh"

tries=${SCTRACE_STARTSIG_TRIES:-100}
sigs=(TERM INT HUP KILL)
dir=$TMP/startsig
mkdir "$dir"
n_kept=0 n_early=0 bad_files=0

# (a signal that reaches the background subshell before its exec of
# sctrace would make it run the EXIT trap, the removal of TMP)
trap - EXIT
for ((i = 0; i < tries; i++)); do
	sig=${sigs[i % 4]}
	cap=$dir/t$i.scap
	# (env: a background job of a script ignores SIGINT, and so would
	# sctrace's child; the command ends by itself if the signal is lost)
	env --default-signal=INT,TERM,HUP "$SCTRACE" -o "$cap" -- sleep 0.3 \
		</dev/null >"$cap.out" 2>"$cap.err" &
	pid=$!
	sleep "0.00$((RANDOM % 4))$((RANDOM % 10))"
	kill -s "$sig" "$pid" 2>/dev/null || true
	rc=0
	wait "$pid" || rc=$?
	[ "$sig" = KILL ] && continue
	if [ -s "$cap" ]; then
		n_kept=$((n_kept + 1))
		if ! sysdig -r "$cap" >/dev/null 2>"$cap.sd"; then
			bad_files=$((bad_files + 1))
			fail "SIG$sig try $i: sysdig cannot read the capture: $(head -c 200 "$cap.sd")"
		fi
	elif [ -e "$cap" ] || [ "$rc" -ne $((128 + $(kill -l "$sig"))) ]; then
		bad_files=$((bad_files + 1))
		fail "SIG$sig try $i: exit $rc and $( [ -e "$cap" ] && echo "an empty file" || echo "no file"); stderr: $(head -c 200 "$cap.err")"
	else
		n_early=$((n_early + 1))	# died before main: nothing started
	fi
done
trap cleanup EXIT
[ "$bad_files" -eq 0 ] &&
	pass "$tries signals 0-3 ms after the start: every capture opens ($n_kept files; $n_early signals came before sctrace's main)"

# Anything of ours still alive now (sleep 0.3 is long over) is left behind;
# stopped is the defect.  (The child's command line is sctrace's until its
# exec, so look for the directory both have in their arguments.)
sleep 0.5
left=$(ps -eo pid=,stat=,args= | awk -v d="$dir" 'index($0, d) && $3 != "awk"' || true)
stopped=$(awk '$2 ~ /^T/' <<<"$left")
if [ -z "$stopped" ]; then
	pass "no process left stopped"
else
	fail "processes left stopped: $stopped"
fi
if [ -z "$left" ]; then
	pass "no process left at all"
else
	fail "processes left: $left"
fi
for p in $(awk '{ print $1 }' <<<"$left"); do
	kill -KILL "$p" 2>/dev/null || true
done

finish
