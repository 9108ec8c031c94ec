#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# What a hostile or faulty world does to sctrace (issue 12), each check
# failing without its fix: fd filters on failed fd-creating calls, a full
# disk, terminal escapes from the tracee in text mode.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/attach_lib.sh"

hostile=$(prog hostile)

# ---- an fd filter and fd-creating calls that fail without a path -----------
# (dup(-1), openat(NULL), socket(AF_PACKET) as non-root: the result, not an
# fd, once indexed the fd-name cache)
run_fdfail() {
	local what=$1 cap=$2 rc=0
	shift 2
	"$@" "$SCTRACE" $SCTRACE_READERS -o "$cap" 'fd.name=/etc/hostname or fd.type=ipv4' -- \
		"$hostile" fdfail /etc/hostname </dev/null >"$cap.out" 2>"$cap.err" || rc=$?
	expect_eq "$what: sctrace and the program exit 0" 0 "$rc"
	expect_sd "$what: both opens of /etc/hostname kept, nothing else" "$cap" \
		"evt.type=openat and evt.dir='<'" '%fd.name' \
		"/etc/hostname
/etc/hostname"
	expect_sd "$what: no dup kept" "$cap" "evt.type=dup" '%evt.num' ""
}
run_fdfail "fd filter (as $(id -un))" "$TMP/fdfail.scap"
if unprivileged_user; then
	cp "$hostile" "$TMP/bin/"
	hostile=$TMP/bin/hostile
	mkdir "$TMP/u"
	chown "$UNPRIV_UID:$UNPRIV_GID" "$TMP/u"
	run_fdfail "fd filter (as $UNPRIV_USER, socket refused)" "$TMP/u/fdfail.scap" "${RUN_AS[@]}"
fi

# ---- text mode: nothing from the tracee reaches the terminal raw -----------
# The program runs under a name made of terminal escapes (exec through a
# symlink so named: the process name column), then opens a path with escapes.
evil=$TMP/$'\e[2J\e]0;x\a'
ln -s "$hostile" "$evil"
rc=0
"$SCTRACE" -- "$evil" name </dev/null >"$TMP/name.out" 2>"$TMP/name.err" || rc=$?
expect_eq "text mode, hostile name: exit status" 0 "$rc"
if grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$TMP/name.err"; then
	fail "text mode: raw control bytes on stderr: $(grep $'[\x01-\x08\x0b-\x1f\x7f]' "$TMP/name.err" | head -n 2 | od -c | head -n 6)"
else
	pass "text mode: no raw control byte on stderr"
fi
expect_match "text mode: the name column is escaped" ' \\x1b\[2J\\x1b\]0;x\\x07 \([0-9]+\) > .*getpid' \
	"$(grep 'getpid' "$TMP/name.err" | head -n 1)"
expect_match "text mode: the path is printed without its escapes" 'name="/nonexistent/.\[31mred\.\."' \
	"$(grep '< openat.*nonexistent' "$TMP/name.err" | head -n 1)"

# ---- a full disk: the file ends at the last whole block --------------------
# -o on a tmpfs with room for the header blocks and 300 KiB (or, if none
# can be mounted, under such a file-size limit with SIGXFSZ ignored: EFBIG
# the same way) with far more events than fit.  sctrace says why and exits
# 1; every reader opens the file; -v counts the events really in it.  (The
# header's process list grows with the processes on the machine: measured
# first.)
"$SCTRACE" $SCTRACE_READERS -o "$TMP/head.scap" -- "$hostile" many 0 </dev/null >/dev/null 2>&1 ||
	fail "disk full: the header-only capture failed"
room=$(( $(stat -c %s "$TMP/head.scap") / 1024 + 300 ))
full_dir=$TMP/full
mkdir "$full_dir"
if mount -t tmpfs -o size=${room}k sctrace-test "$full_dir" 2>/dev/null; then
	full_how="a $room KiB tmpfs"
	full_errno='No space left on device'
	limit=()
	umount_full() { umount "$full_dir" 2>/dev/null || true; cleanup; }
	trap umount_full EXIT
else
	full_how="a file-size limit of $room KiB"
	full_errno='File too large'
	limit=(bash -c 'trap "" XFSZ; ulimit -f "$0"; exec "$@"' "$room")
fi
note "disk full: $full_how"
cap=$full_dir/full.scap
rc=0
"${limit[@]}" "$SCTRACE" $SCTRACE_READERS -v -o "$cap" -- "$hostile" many 40000 </dev/null \
	>"$TMP/full.out" 2>"$TMP/full.err" || rc=$?
expect_eq "disk full: exit status" 1 "$rc"
expect_match "disk full: the error is reported" "^sctrace: writing $cap: $full_errno\$" \
	"$(grep -v 'events written' "$TMP/full.err" | head -n 1)"
size=$(stat -c %s "$cap")
if [ "$size" -gt $(( (room - 300 + 100) * 1024 )) ]; then
	pass "disk full: $size bytes were written"
else
	fail "disk full: only $size bytes in the file"
fi
n_sd=$(sd "$cap" '%evt.num' | wc -l)
if sysdig -r "$cap" >/dev/null 2>"$TMP/full-sd.err" && ! grep -qi 'trunc\|error' "$TMP/full-sd.err"; then
	pass "disk full: sysdig reads the file to its end ($n_sd events)"
else
	fail "disk full: sysdig: $(head -c 300 "$TMP/full-sd.err")"
fi
check_readers "$cap"
expect_match "disk full: -v counts the events in the file" "^sctrace: $n_sd events written, " \
	"$(grep 'events written' "$TMP/full.err")"

finish
