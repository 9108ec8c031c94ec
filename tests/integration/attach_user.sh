#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Attach mode as an unprivileged user: the scenario of attach.sh (attach to
# the running server, requests, SIGINT, checks of the server and of the
# capture) with the server and sctrace both run by a user without any
# capability.  As root, the test switches to "nobody" (or creates a system
# user sctracetest when there is no nobody) with setpriv; as another user
# it runs as that user.  With Yama ptrace_scope >= 1 an unprivileged user
# cannot attach to a process that is not its descendant: then the test
# checks that sctrace says so (and what to do) instead.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/attach_lib.sh"

if unprivileged_user; then
	user=$UNPRIV_USER
	uid=$UNPRIV_UID
	mkdir "$TMP/srv"
	chown "$UNPRIV_UID:$UNPRIV_GID" "$TMP/srv"
	note "running the server and sctrace as $user ($uid:$UNPRIV_GID) via setpriv"
else
	user=$(id -un)
	uid=$(id -u)
	mkdir "$TMP/srv"
	note "running as $user ($uid), the current user"
fi

scope=$YAMA_SCOPE
if [ "$scope" -ge 1 ] && [ "$uid" -ne 0 ]; then
	note "Yama ptrace_scope is $scope: $user may not attach to a non-descendant"
	start_server "$TMP/srv"
	rc=0
	"${RUN_AS[@]}" "$SCTRACE" $SCTRACE_READERS -p "$srv_pid" -o "$TMP/srv/y.scap" 2>"$TMP/srv/y.err" || rc=$?
	expect_eq "sctrace -p fails under Yama ptrace_scope $scope" 1 "$rc"
	expect_err "the message names Yama and what to do" "$TMP/srv/y.err" \
		"^sctrace: attach $srv_pid: not permitted: Yama ptrace_scope is $scope; .*ptrace_scope to 0"
	expect_eq "no output file is left" no "$([ -e "$TMP/srv/y.scap" ] && echo yes || echo no)"
	check_untraced "after the failed attach" "$srv_pid" 'R|S'
	finish
fi

server_scenario "$TMP/srv" "$user"
if [ "$(stat -c %u "$TMP/srv/attach.scap")" = "$uid" ]; then
	pass "the capture was written by $user"
else
	fail "the capture is owned by uid $(stat -c %u "$TMP/srv/attach.scap"), not $uid"
fi
expect_sd "the server's uid in the capture (proc list)" "$TMP/srv/attach.scap" \
	"thread.tid=$srv_pid and evt.type=accept and evt.dir='<'" '%user.uid %user.name' \
	"$uid $user
$uid $user
$uid $user"
finish
