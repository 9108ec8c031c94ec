#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# -C MB, -G SECONDS, -W N (as sysdig spells them): the capture in files
# FILE0, FILE1, ..., each one whole and readable alone: its own header
# (the processes and their fds as they are at its start), so that every
# event's process is named and fds resolve in each file by itself.
. "$(dirname "$0")/lib.sh"

dd_run=(sh -c 'dd if=/dev/zero bs=4096 count=600 of=/dev/null 2>/dev/null; cat /etc/hostname >/dev/null')

# ---- -C 1: about 5 MB of payloads in files of 1 MB ----
rc=0
"$SCTRACE" $SCTRACE_READERS -v -C 1 -s 4096 -o "$TMP/c.scap" -- "${dd_run[@]}" </dev/null >/dev/null 2>"$TMP/c.err" || rc=$?
expect_eq "-C 1: sctrace exits with the command's status" 0 "$rc"
files=("$TMP"/c.scap[0-9]*)
n=${#files[@]}
if [ "$n" -ge 4 ]; then
	pass "-C 1: $n files"
else
	fail "-C 1: $n files (expected at least 4): $(ls -l "$TMP" | grep c.scap)"
fi
expect_eq "-C 1: named FILE0, FILE1, ..." "$(seq 0 $((n - 1)) | sed "s|^|$TMP/c.scap|" | tr '\n' ' ')" \
	"$(printf '%s\n' "${files[@]}" | sort -V | tr '\n' ' ')"
total=0
for f in $(printf '%s\n' "${files[@]}" | sort -V); do
	check_readers "$f"
	size=$(stat -c %s "$f")
	[ "$size" -lt 1200000 ] || fail "$(basename "$f"): $size bytes, more than 1 MB and an event"
	# (dd's calls are recorded in-process: a file may begin between a
	# recorded call's enter and exit, which then brings its enter along)
	paired "$f"
	expect_eq "$(basename "$f"): every event's process is named" "" \
		"$(sd "$f" '%evt.num %proc.name' "proc.name=<NA>" | head -n 2)"
	total=$((total + $(sd "$f" '%evt.num' | wc -l)))
done
last=$(printf '%s\n' "${files[@]}" | sort -V | tail -n 1)
mid=$TMP/c.scap2
expect_eq "c.scap2: dd's reads resolve to /dev/zero from the file's own fd list" "/dev/zero" \
	"$(sd "$mid" '%fd.name' "evt.type=read and evt.dir='<' and proc.name=dd" | sort -u)"
expect_eq "$(basename "$last"): the last file has the end (cat's open, the procexits)" "/etc/hostname" \
	"$(sd "$last" '%fd.name' "evt.type=openat and evt.dir='<' and proc.name=cat" | tail -n 1)"
expect_match "-C 1: all the events written are in the files" "^sctrace: $total events written" "$(grep 'events written' "$TMP/c.err")"

# ---- -W 2: a ring of two files ----
"$SCTRACE" $SCTRACE_READERS -C 1 -W 2 -s 4096 -o "$TMP/w.scap" -- "${dd_run[@]}" </dev/null >/dev/null 2>&1 || true
expect_eq "-W 2: only w.scap0 and w.scap1" "w.scap0 w.scap1" \
	"$(cd "$TMP" && ls w.scap* | sort | tr '\n' ' ' | sed 's/ $//')"
for f in "$TMP"/w.scap0 "$TMP"/w.scap1; do
	check_readers "$f"
done
# the newest file: the one whose last event is the later (two files closed
# within one tick of the file system's clock have the same mtime)
newest=$(for f in "$TMP"/w.scap0 "$TMP"/w.scap1; do
	printf '%s %s\n' "$(sd "$f" '%evt.rawtime' | tail -n 1)" "$f"; done |
	sort -n | tail -n 1 | cut -d' ' -f2)
expect_eq "-W 2: the newest file has the end" "/etc/hostname" \
	"$(sd "$newest" '%fd.name' "evt.type=openat and evt.dir='<' and proc.name=cat" | tail -n 1)"

# ---- -G 1: a new file every second ----
"$SCTRACE" $SCTRACE_READERS -G 1 -o "$TMP/g.scap" -- \
	sh -c 'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 0.2; cat /etc/hostname >/dev/null; done' \
	</dev/null >/dev/null 2>&1 || true
files=("$TMP"/g.scap[0-9]*)
if [ "${#files[@]}" -ge 2 ] && [ "${#files[@]}" -le 4 ]; then
	pass "-G 1: ${#files[@]} files for 2.4 s"
else
	fail "-G 1: ${#files[@]} files for 2.4 s"
fi
for f in "${files[@]}"; do
	check_readers "$f"
	span=$(sd "$f" '%evt.rawtime' | sed -n '1p;$p' | tr '\n' ' ' | awk '{ printf "%d", ($2 - $1) / 1000000 }')
	[ "$span" -le 1300 ] || fail "$(basename "$f"): spans $span ms, more than -G 1"
done

# ---- bad use: one line, before anything runs ----
for bad in "-W 2 -o $TMP/x.scap" "-C 1 -o -" "-C 1" "-C 0 -o $TMP/x.scap"; do
	# shellcheck disable=SC2086
	expect_refused $bad
done
expect_eq "no file left by the refused runs" "" "$(cd "$TMP" && ls x.scap* 2>/dev/null)"
finish
