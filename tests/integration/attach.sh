#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Attach mode (sctrace -p PID): attach to a running multi-threaded server
# (tests/progs/attach_srv: threads blocked in accept, read of a pipe,
# nanosleep), make requests, detach with SIGINT.  The server must run on as
# if never traced (no tracer, no stopped thread, no EINTR, no signal, still
# answering), and the capture must show its process, parent, user, old and
# new threads, the listening socket and pipe opened before the attach, and
# the connections.  See attach_lib.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/attach_lib.sh"
need_attach

server_scenario "$TMP/srv" "$(id -un)"
finish
