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
# -k with -o: refused for now, in one line
rc=0
"$SCTRACE" -k -o "$TMP/x.scap" -- true >/dev/null 2>"$TMP/bad.err" || rc=$?
expect_eq "-k -o: refused in one line (text output only for now)" "1 1" "$rc $(grep -c . "$TMP/bad.err")"
finish
