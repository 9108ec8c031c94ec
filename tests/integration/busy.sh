#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A capture started while other processes come and go on the machine (as
# in a parallel "make check") must still be readable: sctrace's snapshot of
# /proc (process list, then fd lists) must stay consistent when processes
# appear or vanish in between.
. "$(dirname "$0")/lib.sh"

procs=$(prog procs)
stop=$TMP/stop

# Start short-lived processes all the time (about 50 alive at once); ends
# by itself after 20 s even if this script dies.
(
	end=$((SECONDS + 20))
	while [ ! -e "$stop" ] && [ "$SECONDS" -lt "$end" ]; do
		sleep 0.2 &
		sleep 0.004
	done
	wait
) &
spawner=$!
sleep 0.3

runs=6
unreadable=0
for i in $(seq 1 "$runs"); do
	cap=$TMP/busy$i.scap
	trace "$cap" "$procs" exit 0 || continue
	if ! sysdig -r "$cap" -p '%evt.num' >/dev/null 2>"$cap.sysdig-err"; then
		unreadable=$((unreadable + 1))
		printf '    run %d: %s\n' "$i" "$(head -c 300 "$cap.sysdig-err")"
	fi
done
touch "$stop"
wait "$spawner" || true

if [ "$unreadable" -eq 0 ]; then
	pass "all $runs captures taken while processes start and exit are readable by sysdig"
else
	fail "$unreadable of $runs captures taken while processes start and exit are unreadable by sysdig"
fi
sysdig -r "$TMP/busy$runs.scap" -p '%evt.num' >/dev/null 2>&1 && check_readers "$TMP/busy$runs.scap"
finish
