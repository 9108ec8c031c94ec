#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# -k: under each syscall's enter line, the user stack of the thread that
# made it, innermost first, with the object and function of each frame
# (tests/progs/stacks.c: nested calls, a thread's start function, a
# callback called from libc's qsort).
. "$(dirname "$0")/lib.sh"

prog=$(prog stacks)
rc=0
"$SCTRACE" -k -- "$prog" </dev/null >/dev/null 2>"$TMP/k.err" || rc=$?
expect_eq "-k: sctrace exits with the program's status" 0 "$rc"

# frames EVENT-REGEX: the function names of the frames under the first
# enter line matching EVENT-REGEX, innermost first, one line
frames() {
	awk -v re="$1" '
		!found && $0 ~ re { found = 1; next }
		found && /^ > / { f = $0; sub(/^ > [^(]*\(/, "", f); sub(/\+0x.*$/, "", f); sub(/\).*$/, "", f); printf "%s ", f; next }
		found { exit }' "$TMP/k.err" | sed 's/ $//'
}
expect_match "openat from sct_level_two <- sct_level_one <- main" \
	'(^| )sct_level_two sct_level_one main( |$)' "$(frames '> openat .*name="/dev/null"')"
expect_match "the thread's write: from sct_thread_start" \
	'(^| )sct_thread_start( |$)' "$(frames '> write fd=1.* size=7')"
expect_match "getppid from sct_compare, called back from libc's qsort, from main" \
	'(^| )sct_compare .*(qsort|msort)[^ ]* .*main( |$)' "$(frames '> getppid|> syscall .*getppid')"
expect_match "frames name their object: the program and libc" \
	"^ > .*/stacks\\(sct_level_two\\+0x[0-9a-f]+\\) \\[0x[0-9a-f]+\\]$" \
	"$(grep -m1 'stacks(sct_level_two' "$TMP/k.err")"
expect_match "a libc frame names libc" '^ > /.*libc[.-].*\(' "$(grep -m1 -E '^ > /.*libc' "$TMP/k.err")"
# -k with -o: each stack in the capture right after its syscall's exit,
# a notification event (id "ustack", desc the frames), which every reader
# shows
cap=$TMP/k.scap
rc=0
"$SCTRACE" $SCTRACE_READERS -k -o "$cap" -- "$prog" </dev/null >/dev/null 2>"$TMP/kcap.err" || rc=$?
expect_eq "-k -o: sctrace exits with the program's status" 0 "$rc"
check_readers "$cap"
expect_eq "-k -o: a stack follows the exit of the callback's getppid" "notification ustack" \
	"$(sd "$cap" 'EV %evt.type %evt.dir %evt.arg.id' |
		awk '/^EV (getppid|syscall) </ { want = 1; next } want && /^EV / { print $2, $4; exit }')"
# (a stack's frames are lines of its desc: one event per "EV " line)
desc=$(sd "$cap" 'EV %evt.arg.desc' "evt.type=notification and evt.arg.id=ustack" |
	awk '/^EV / { if (ev ~ /sct_compare/) { print ev; exit } ev = "" } { ev = ev " " $0 }
		END { if (ev ~ /sct_compare/) print ev }')
expect_match "-k -o: that stack names sct_compare, then main" 'sct_compare.*main' "$desc"
n=$(sd "$cap" '%evt.num' "evt.type=notification and evt.arg.id=ustack" | wc -l)
[ "$n" -gt 10 ] && pass "-k -o: $n stacks" || fail "-k -o: only $n stacks"
# A library loaded after the first stacks (libz, by dlopen) is found: the
# mappings are read again after an mmap, also when a filter has the
# kernel stop only the calls it keeps (the calls that map stay traced).
for filt in "" "evt.type=openat"; do
	rc=0
	"$SCTRACE" -k ${filt:+"$filt"} -- "$prog" dl </dev/null >/dev/null 2>"$TMP/dl.err" || rc=$?
	expect_eq "-k ${filt:-(no filter)}, a library loaded late: sctrace exits with the program's status" 0 "$rc"
	cp "$TMP/dl.err" "$TMP/k.err"
	expect_match "-k ${filt:-(no filter)}: openat from libz <- sct_dl_call <- main" \
		'^[^ ]*gz[^ ]* sct_dl_call main( |$)' \
		"$(frames '> openat .*name="/dev/null"' | sed 's/^[^ ]* //')"
	expect_match "-k ${filt:-(no filter)}: that frame names libz" '^ > /.*libz[.]so.*\(' \
		"$(grep -A2 '> openat .*name="/dev/null"' "$TMP/dl.err" | tail -1)"
done
# Many processes, one after the other (more than the unwind caches kept):
# each one's stack is its own.
rc=0
"$SCTRACE" -k -- sh -c 'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do "$0"; done' \
	"$prog" </dev/null >/dev/null 2>"$TMP/many.err" || rc=$?
expect_eq "-k, 20 processes: sctrace exits with the program's status" 0 "$rc"
expect_eq "-k, 20 processes: 20 openat stacks from sct_level_two <- sct_level_one <- main" 20 \
	"$(grep -A3 '> openat .*name="/dev/null"' "$TMP/many.err" |
		grep -c 'stacks(sct_level_one+')"
# -k and -c without -o: no event lines to put stacks under
rc=0
"$SCTRACE" -k -c -- true >/dev/null 2>"$TMP/bad.err" || rc=$?
expect_eq "-k -c without -o: refused in one line" "1 1" "$rc $(grep -c . "$TMP/bad.err")"
finish
