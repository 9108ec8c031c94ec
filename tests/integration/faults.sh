#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Faults a run can meet and what sctrace must say and leave behind (issue
# 12), each check failing without its fix: commands that cannot be
# executed.
. "$(dirname "$0")/lib.sh"

# ---- exec format errors: 126, one line, no file ----------------------------
# A file that starts like ELF but is not one, a script whose interpreter
# does not exist: found and executable, so the exec itself fails.
printf '\177ELF not really an executable\n' >"$TMP/notelf"
printf '#!/nonexistent/interpreter\necho hi\n' >"$TMP/noint"
chmod +x "$TMP/notelf" "$TMP/noint"
exec_fails() {
	local what=$1 cmd=$2 want=$3 rc=0
	rm -f "$TMP/x.scap"
	"$SCTRACE" -o "$TMP/x.scap" -- "$cmd" </dev/null >"$TMP/x.out" 2>"$TMP/x.err" || rc=$?
	expect_eq "$what: exit status 126" 126 "$rc"
	if [ -e "$TMP/x.scap" ]; then
		fail "$what: a capture file is left behind"
	else
		pass "$what: no capture file left behind"
	fi
	expect_eq "$what: one line on stderr" "sctrace: $cmd: cannot execute: $want" "$(cat "$TMP/x.err")"
}
exec_fails "not ELF" "$TMP/notelf" "Exec format error"
exec_fails "missing interpreter" "$TMP/noint" "required file not found (its interpreter or loader)"
# text mode: the failed execve and the end, nothing of sctrace's own after it
rc=0
"$SCTRACE" -- "$TMP/notelf" </dev/null >/dev/null 2>"$TMP/t.err" || rc=$?
expect_eq "not ELF, text mode: exit status 126" 126 "$rc"
expect_eq "not ELF, text mode: the execve, procexit, the message" \
	"> execve < execve > procexit sctrace:" \
	"$(awk '{ print ($1 == "sctrace:") ? $1 : $6 " " $7 }' "$TMP/t.err" | tr '\n' ' ' | sed 's/ *$//')"

finish
