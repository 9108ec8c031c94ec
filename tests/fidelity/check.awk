# SPDX-License-Identifier: GPL-2.0-or-later
# Compare a fidelity test's expectations with what sysdig read from the
# capture.  Usage:
#   awk -f check.awk -v test=NAME [-v newest=1] syscalls/events.tbl EXPECT \
#       SYSDIG-OUTPUT TSHARK-OUTPUT
# With newest=1, SYSDIG-OUTPUT is sinsp-print's (libs 0.25) on the default
# output and only the FXN() expectations are checked; otherwise the FX()
# ones, on the --old-readers output.
# EXPECT: see tests/fidelity/fidelity.h.  SYSDIG-OUTPUT: lines of
#   evt.num<TAB>tid<TAB>evt.type<TAB>evt.dir<TAB>evt.args
# (sysdig -p '*%evt.num\t%thread.tid\t%evt.type\t%evt.dir\t%evt.args').
# TSHARK-OUTPUT: frame number (= evt.num), tid, event type, parameter
# lengths (tshark -T fields -e frame.number -e sysdig.thread_id
# -e sysdig.event_type -e sysdig.param.len): the expected value <empty>
# means a zero-length parameter, which sysdig cannot show (it prints the
# previous parameter's text again), <len=N> a parameter of N bytes.
# Each expectation is checked against the next event of its type and
# direction of the test's thread; prints "ok:" / "FAIL:" lines and exits 1
# if anything failed.  mawk-compatible.

BEGIN { FS = "\t"; nexp = 0; nev = 0; failed = 0; checked = 0 }

# --- events.tbl: parameter names of each event name and direction ---------
# sysdig 0.29 knows the codes below 336 (the 2022 table) and shows an
# event by the newest of them with that name and direction; params from
# the 8th column on (see the header of events.tbl).
# With -v newest=1 (the newest libs reader on the default output): every
# code and libs 0.25's names.
FILENAME == ARGV[1] {
	if ($0 ~ /^#/ || NF < 7 || $4 ~ /UNUSED/ || (!newest && $1 + 0 >= 336))
		next
	dir = ($2 ~ /_E$/) ? ">" : "<"
	key = $3 " " dir
	np[key] = 0
	for (i = 8; i <= NF; i++) {
		split($i, pt, ":")
		# the 2022 name of execve's process group
		pnames[key, ++np[key]] = pt[1] == "vpgid" && !newest ? "pgid" : pt[1]
	}
	next
}

# --- expectations ------------------------------------------------------
FILENAME == ARGV[2] {
	if ($1 == "pid") {
		pid = $2
		next
	}
	# "new:NAME" lines are for the newest reader only, the others for
	# sysdig only (the start marker is for both)
	if ($1 != "start" && (substr($1, 1, 4) == "new:") != (newest + 0 == 1))
		next
	nexp++
	exp_seek[nexp] = $1 == "start"
	exp_sc[nexp] = $1
	exp_key[nexp] = $2
	exp_n[nexp] = NF - 2
	for (i = 3; i <= NF; i++)
		exp_p[nexp, i - 2] = $i
	next
}

# --- sysdig output: the test thread's events ---------------------------
FILENAME == ARGV[3] {
	if ($2 != pid)
		next
	nev++
	ev_num[nev] = $1
	ev_key[nev] = $3 " " $4
	ev_args[nev] = $5
	next
}

# --- tshark: parameter lengths by frame (= event) number ---------------
{
	plens[$1] = $4
}

# Length of parameter number i (1-based) of event j, -1 if unknown.
function plen(j, i,    n, l) {
	n = split(plens[ev_num[j]], l, ",")
	return i <= n ? l[i] + 0 : -1
}

# Index of parameter name in the schema of event key, 0 if none.
function pindex(key, name,    i) {
	for (i = 1; i <= np[key]; i++)
		if (pnames[key, i] == name)
			return i
	return 0
}

# Value of parameter name in the args of event key ("" and found = 0 if
# sysdig did not print it).  Parameters are located in schema order, so a
# value may contain spaces.
function param(args, key, name,    s, cur, i, k, want, vstart, vend) {
	found = 0
	s = " " args " "
	cur = 1
	vstart = 0
	for (i = 1; i <= np[key]; i++) {
		k = index(substr(s, cur), " " pnames[key, i] "=")
		if (!k)
			continue
		if (vstart) {
			vend = cur + k - 1
			break
		}
		if (pnames[key, i] == name) {
			vstart = cur + k + length(name) + 1
			cur = vstart
			continue
		}
		cur = cur + k + length(pnames[key, i]) + 1
	}
	if (!vstart)
		return ""
	found = 1
	if (!vend)
		vend = length(s)
	k = substr(s, vstart, vend - vstart)
	sub(/ +$/, "", k)
	return k
}

function matches(want, got,    n, alt, i) {
	if (want == got)
		return 1
	n = split(want, alt, /\|\|/)
	for (i = 1; i <= n; i++)
		if (alt[i] == "*" || alt[i] == got ||
		    substr(got, 1, length(alt[i]) + 1) == alt[i] "(")
			return 1
	return 0
}

END {
	if (!pid) {
		print "FAIL: " test ": no pid line in the expectations"
		exit 1
	}
	pos = 1
	for (e = 1; e <= nexp; e++) {
		what = test ": " exp_sc[e] ": " exp_key[e]
		if (!(exp_key[e] in np) && exp_n[e]) {
			print "FAIL: " what ": unknown event in events.tbl"
			failed++
			continue
		}
		for (j = pos; j <= nev; j++)
			if (ev_key[j] == exp_key[e] &&
			    (!exp_seek[e] || !mismatch(e, j)))
				break
		if (j > nev) {
			print "FAIL: " what ": no such event (after event " pos - 1 " of the thread)"
			failed++
			continue
		}
		pos = j + 1
		checked += exp_n[e]
		bad = mismatch(e, j)
		if (bad != "") {
			print "FAIL: " what ":" bad
			print "      event: " exp_key[e] " " ev_args[j]
			failed++
		} else {
			print "ok: " what
		}
	}
	printf "%s: %d events, %d parameters checked, %d events failed\n", test, nexp, checked, failed
	exit failed ? 1 : 0
}

# "" if event j has every parameter expectation e lists, else what differs.
function mismatch(e, j,    bad, i, p, eq, name, want, got, k, n) {
	bad = ""
	for (i = 1; i <= exp_n[e]; i++) {
		p = exp_p[e, i]
		eq = index(p, "=")
		name = substr(p, 1, eq - 1)
		want = substr(p, eq + 1)
		if (want == "<empty>" || want ~ /^<len=[0-9]+>$/) {
			k = plen(j, pindex(exp_key[e], name))
			n = want == "<empty>" ? 0 : substr(want, 6, length(want) - 6) + 0
			if (k != n)
				bad = bad " " name ": " (k < 0 ? "unknown" : k " bytes") ", want " want ";"
			continue
		}
		got = param(ev_args[j], exp_key[e], name)
		if (!found)
			bad = bad " " name ": missing (want '" want "');"
		else if (!matches(want, got))
			bad = bad " " name ": got '" got "', want '" want "';"
	}
	return bad
}
