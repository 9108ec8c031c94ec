#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# -v on a terminal: a live status line (events, bytes written, processes
# traced), rewritten in place twice a second and wiped at the end, before
# the -v totals; none when stderr is not a terminal.
. "$(dirname "$0")/lib.sh"

command -v script >/dev/null || skip_test "no script(1) (util-linux) to give sctrace a terminal"
cmd="'$SCTRACE' $SCTRACE_READERS -v -o '$TMP/s.scap' -- sh -c 'for i in 1 2 3 4; do sleep 0.4; ls / >/dev/null; done'"
script -qfc "$cmd" /dev/null </dev/null >"$TMP/tty.out" 2>&1 || true
esc=$(printf '\033')
cr=$(printf '\r')
n=$(tr '\r' '\n' <"$TMP/tty.out" | grep -c '^sctrace: [0-9]* events, [0-9.]* MB written, [0-9]* processes ([0-9]* threads) traced' || true)
if [ "$n" -ge 2 ]; then
	pass "on a terminal: $n status lines"
else
	fail "on a terminal: $n status lines: $(cat -v "$TMP/tty.out" | head -c 300)"
fi
expect_match "the status line is wiped before the totals" "${cr}${esc}\\[Ksctrace: [0-9]+ events written" "$(cat "$TMP/tty.out")"
check_readers "$TMP/s.scap"
"$SCTRACE" -v -o "$TMP/f.scap" -- sh -c 'sleep 0.6' </dev/null >/dev/null 2>"$TMP/file.err" || true
expect_eq "stderr not a terminal: only the totals line" 1 "$(grep -c . "$TMP/file.err")"
expect_eq "stderr not a terminal: no carriage return" 0 "$(grep -c "$cr" "$TMP/file.err" || true)"
# the totals say how the waits for stops went (polling, see stopwait.h)
expect_match "-v: the totals count the waits that polled, slept, and the pauses" \
	'; waits for a stop: [0-9]+ polled first, [0-9]+ slept, polling paused [0-9]+ times for contention, [0-9]+ times after an exec$' \
	"$(cat "$TMP/file.err")"
# sh and sleep each exec: polling pauses after each (see stopwait.c)
expect_match "-v: polling pauses after the execs" 'paused [0-9]+ times for contention, [1-9][0-9]* times after an exec$' \
	"$(cat "$TMP/file.err")"
"$SCTRACE" -v --no-spin -o "$TMP/f.scap" -- true </dev/null >/dev/null 2>"$TMP/nospin.err" || true
expect_match "-v --no-spin: no wait polled" '; waits for a stop: 0 polled first, [1-9][0-9]* slept, polling paused 0 times for contention, 0 times after an exec$' \
	"$(cat "$TMP/nospin.err")"
finish
