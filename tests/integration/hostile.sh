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
	"$@" "$SCTRACE" -o "$cap" 'fd.name=/etc/hostname or fd.type=ipv4' -- \
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

finish
