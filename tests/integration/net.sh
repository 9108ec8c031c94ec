#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Sockets (tests/progs/net): TCP over loopback with a forked client (accept4
# and accept), UDP, a unix socketpair.  Checks the socket calls' arguments
# and results, the 127.0.0.1:PORT->127.0.0.1:PORT tuples (fd.name and the
# tuple args, ports chosen by the kernel and reported by the program), the
# payloads, the two processes, and the per-syscall counts against strace.
. "$(dirname "$0")/lib.sh"

net=$(prog net)

# ports CAPTURE-INFO: sets srv and cli from the program's "server=S client=C"
ports() {
	srv=$(sed -n 's/.*server=\([0-9]*\).*/\1/p' "$1")
	cli=$(sed -n 's/.*client=\([0-9]*\).*/\1/p' "$1")
	[ -n "$srv" ] && [ -n "$cli" ] || hard_error "net wrote no ports to $1"
}

# ---- TCP ---------------------------------------------------------------------
tcp_case() {
	local mode=$1 cap=$TMP/$1.scap info=$TMP/$1.info ppid cpid t
	trace "$cap" "$net" "$mode" "$info"
	expect_eq "$mode: sctrace exits 0" 0 "$trace_rc"
	check_readers "$cap"
	ports "$info"
	t="127.0.0.1:$cli->127.0.0.1:$srv"	# client -> server, as sysdig names it

	ppid=$(sd "$cap" '%proc.pid' "evt.type=listen and evt.dir='<'")
	cpid=$(sd "$cap" '%proc.pid' "evt.type=connect and evt.dir='<'")
	expect_match "$mode: server and client are two processes" '^[0-9]+ [0-9]+$' "$ppid $cpid"
	[ "$ppid" != "$cpid" ] || fail "$mode: connect is in the server process"
	expect_sd "$mode: the client is a child of the server process" "$cap" \
		"evt.type=connect and evt.dir='<'" '%proc.name %proc.pname %proc.ppid' "net net $ppid"

	expect_sd "$mode: socket calls: domain, type, proto, fd" "$cap" \
		"evt.type=socket and proc.pid=$ppid" '%evt.dir %evt.arg.domain %evt.arg.type %evt.arg.proto %evt.rawres' \
		"> AF_INET 1 0 <NA>
< <NA> <NA> <NA> 3
> AF_INET 1 0 <NA>
< <NA> <NA> <NA> 4"
	expect_sd "$mode: bind exits: addr as passed (port 0), result 0" "$cap" \
		"evt.type=bind and evt.dir='<'" '%evt.rawres %evt.arg.addr %fd.num' \
		"0 127.0.0.1:0 3
0 127.0.0.1:0 4"
	expect_sd "$mode: listen: backlog 4, result 0" "$cap" "evt.type=listen" \
		'%evt.dir %evt.arg.backlog %evt.rawres %fd.num' "> 4 <NA> 3
< <NA> 0 3"
	expect_sd "$mode: connect enter: the server's address" "$cap" \
		"evt.type=connect and evt.dir='>'" '%fd.num %evt.arg.addr' "4 127.0.0.1:$srv"
	expect_sd "$mode: connect exit: result 0, tuple and fd.name client->server" "$cap" \
		"evt.type=connect and evt.dir='<'" '%evt.rawres %evt.arg.tuple %fd.name %fd.l4proto' \
		"0 $t $t tcp"
	# sysdig names accept4 "accept" too; the new fd is the one freed by close(cs)
	expect_sd "$mode: accept exit: the new fd, tuple and fd.name client->server" "$cap" \
		"evt.type=accept and evt.dir='<'" '%evt.rawres %fd.num %evt.arg.tuple %fd.name %fd.cport %fd.sport' \
		"4 4 $t $t $cli $srv"
	expect_sd "$mode: accept enter event is there" "$cap" \
		"evt.type=accept and evt.dir='>'" '%proc.pid' "$ppid"

	expect_sd "$mode: client I/O: payloads, sizes, tuples" "$cap" \
		"proc.pid=$cpid and evt.type in (sendto,recvfrom,sendmsg,recvmsg,shutdown)" \
		'%evt.type %evt.dir %evt.rawres %evt.arg.size %evt.arg.data %fd.name' \
		"sendto > <NA> 8 <NA> $t
sendto < 8 <NA> tcp-ping $t
recvfrom > <NA> 8 <NA> $t
recvfrom < 8 <NA> tcp-pong $t
sendmsg > <NA> 15 <NA> $t
sendmsg < 15 <NA> msg-from-client $t
recvmsg > <NA> <NA> <NA> $t
recvmsg < 15 15 msg-from-server $t
shutdown > <NA> <NA> <NA> $t
shutdown < 0 <NA> <NA> $t"
	expect_sd "$mode: server I/O: payloads, sizes, tuples" "$cap" \
		"proc.pid=$ppid and evt.type in (sendto,recvfrom,sendmsg,recvmsg)" \
		'%evt.type %evt.dir %evt.rawres %evt.arg.size %evt.arg.data %fd.name' \
		"recvfrom > <NA> 8 <NA> $t
recvfrom < 8 <NA> tcp-ping $t
sendto > <NA> 8 <NA> $t
sendto < 8 <NA> tcp-pong $t
recvmsg > <NA> <NA> <NA> $t
recvmsg < 15 15 msg-from-client $t
sendmsg > <NA> 15 <NA> $t
sendmsg < 15 <NA> msg-from-server $t
recvfrom > <NA> 16 <NA> $t
recvfrom < 0 <NA>  $t"
	# tuple args: outbound (send*) local->remote, inbound (recv*)
	# remote->local; so the client's are all client->server ($t), the
	# server's all server->client ($r).
	r="127.0.0.1:$srv->127.0.0.1:$cli"
	expect_sd "$mode: client's tuple args (send: local->remote, recv: remote->local)" "$cap" \
		"proc.pid=$cpid and evt.type in (sendto,recvfrom,sendmsg,recvmsg) and evt.arg.tuple exists" \
		'%evt.type %evt.dir %evt.arg.tuple' \
		"sendto > $t
recvfrom < $r
sendmsg > $t
recvmsg < $r"
	expect_sd "$mode: server's tuple args (send: local->remote, recv: remote->local)" "$cap" \
		"proc.pid=$ppid and evt.type in (sendto,recvfrom,sendmsg,recvmsg) and evt.arg.tuple exists" \
		'%evt.type %evt.dir %evt.arg.tuple' \
		"recvfrom < $t
sendto > $r
recvmsg < $t
sendmsg > $r
recvfrom < $t"
	expect_sd "$mode: shutdown enter: how" "$cap" "evt.type=shutdown and evt.dir='>'" \
		'%evt.arg.how' "SHUT_WR"
	expect_sd "$mode: wait4 returns the client's pid" "$cap" "evt.type=wait4 and evt.dir='<'" \
		'%proc.pid' "$ppid"
	expect_sd "$mode: both processes end with procexit status 0" "$cap" "evt.type=procexit" \
		'%proc.pid %evt.arg.status' "$cpid 0
$ppid 0"
	check_counts "$mode" "$cap" -- "$net" "$mode" "$TMP/$mode.strace-info"
}
tcp_case tcp
tcp_case tcp-accept

# ---- UDP ---------------------------------------------------------------------
cap=$TMP/udp.scap
trace "$cap" "$net" udp "$TMP/udp.info"
expect_eq "udp: sctrace exits 0" 0 "$trace_rc"
check_readers "$cap"
ports "$TMP/udp.info"
expect_sd "udp: socket calls: SOCK_DGRAM" "$cap" "evt.type=socket and evt.dir='>'" \
	'%evt.arg.domain %evt.arg.type' "AF_INET 2
AF_INET 2"
expect_sd "udp: datagrams: payloads and tuples" "$cap" \
	"evt.type in (sendto,recvfrom)" \
	'%evt.type %evt.dir %fd.num %evt.rawres %evt.arg.size %evt.arg.data %evt.arg.tuple' \
	"sendto > 3 <NA> 8 <NA> 127.0.0.1:$cli->127.0.0.1:$srv
sendto < 3 8 <NA> udp-ping <NA>
recvfrom > 4 <NA> 64 <NA> <NA>
recvfrom < 4 8 <NA> udp-ping 127.0.0.1:$cli->127.0.0.1:$srv
sendto > 4 <NA> 8 <NA> 127.0.0.1:$srv->127.0.0.1:$cli
sendto < 4 8 <NA> udp-pong <NA>
recvfrom > 3 <NA> 64 <NA> <NA>
recvfrom < 3 8 <NA> udp-pong 127.0.0.1:$srv->127.0.0.1:$cli"
expect_sd "udp: fd.name after the exchange is the tuple, l4proto udp" "$cap" \
	"evt.type=recvfrom and evt.dir='<'" '%fd.num %fd.l4proto %fd.cport %fd.sport' \
	"4 udp $cli $srv
3 udp $cli $srv"
check_counts "udp" "$cap" -- "$net" udp "$TMP/udp.strace-info"

# ---- unix socketpair ---------------------------------------------------------
cap=$TMP/unix.scap
trace "$cap" "$net" unix "$TMP/unix.info"
expect_eq "unix: sctrace exits 0" 0 "$trace_rc"
check_readers "$cap"
expect_sd "unix: socketpair enter: AF_LOCAL, SOCK_STREAM" "$cap" \
	"evt.type=socketpair and evt.dir='>'" '%evt.arg.domain %evt.arg.type %evt.arg.proto' \
	"AF_LOCAL 1 0"
expect_sd "unix: socketpair exit: result 0, two unix socket fds" "$cap" \
	"evt.type=socketpair and evt.dir='<'" '%evt.rawres %evt.arg.fd1 %evt.arg.fd2' \
	"0 <u> <u>"
src=$(sd "$cap" '%evt.arg.source' "evt.type=socketpair and evt.dir='<'")
peer=$(sd "$cap" '%evt.arg.peer' "evt.type=socketpair and evt.dir='<'")
if [ -n "$src" ] && [ "$src" != 0 ] && [ -n "$peer" ] && [ "$peer" != 0 ] && [ "$src" != "$peer" ]; then
	pass "unix: socketpair source and peer ids are set and differ ($src, $peer)"
else
	fail "unix: socketpair source/peer ids: '$src' '$peer'"
fi
expect_sd "unix: I/O on the pair: fds, types, payloads" "$cap" \
	"evt.type in (write,read,sendmsg,recvmsg) and fd.typechar=u" \
	'%evt.type %evt.dir %fd.num %evt.rawres %evt.arg.data' \
	"write > 3 <NA> <NA>
write < 3 10 unix-hello
read > 4 <NA> <NA>
read < 4 10 unix-hello
sendmsg > 4 <NA> <NA>
sendmsg < 4 10 unix-reply
recvmsg > 3 <NA> <NA>
recvmsg < 3 10 unix-reply"
# Both ends named as the driver pairs them (its struct sock addresses,
# sctrace's inodes): the sender's tuple is peer->itself, the receiver's
# itself->peer, so both are fd3->fd4, the socketpair's source->peer.
pair=$(printf '%s->%s' "$src" "$peer" | tr 'A-F' 'a-f')
expect_eq "unix: sendmsg's tuple (outbound: peer->local) is source->peer" "$pair" \
	"$(sd "$cap" '%evt.arg.tuple' "evt.type=sendmsg and evt.dir='>'" | sed 's/ *$//')"
expect_eq "unix: recvmsg's tuple (inbound: local->peer) is the same" "$pair" \
	"$(sd "$cap" '%evt.arg.tuple' "evt.type=recvmsg and evt.dir='<'" | sed 's/ *$//')"
check_counts "unix" "$cap" -- "$net" unix "$TMP/unix.strace-info"
finish
