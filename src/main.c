/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sctrace: syscall captures in scap format with nothing but ptrace. */
#include "config.h"
#include "decode.h"
#include "filter.h"
#include "arch/arch.h"
#include "log.h"
#include "mem.h"
#include "print.h"
#include "schema.h"
#include "rotate.h"
#include "seccomp_filter.h"
#include "buffer.h"
#include "proc.h"
#include "ring.h"
#include "stack.h"
#include "summary.h"
#include "tracer.h"
#include "writer.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#define SNAPLEN_DEFAULT	80
#define SNAPLEN_MAX	65000

static void usage(FILE *f)
{
	fprintf(f,
"usage: sctrace [OPTIONS] [FILTER...] -- COMMAND [ARGS...]\n"
"       sctrace [OPTIONS] -p PID[,PID...] [FILTER...] [-- COMMAND [ARGS...]]\n"
"       sctrace [OPTIONS] COMMAND [ARGS...]\n"
"\n"
"Run COMMAND under ptrace, or attach to running processes, and capture\n"
"every syscall of every process and thread into a scap file for\n"
"Stratoshark, sysdig and tshark.  No root, kernel module or eBPF needed.\n"
"\n"
"  -p PID       attach to every thread of process PID (repeatable, or a\n"
"               comma list); Ctrl-C, SIGTERM or SIGHUP detach and leave\n"
"               it running as it was\n"
"  -o FILE      write the capture to FILE ('-' for standard output);\n"
"               without -o, one line per event goes to standard error\n"
"  -s SNAPLEN   bytes of I/O payload kept per event (default %d, max %d)\n"
"  -z           gzip the capture (readers open it transparently)\n"
"  FILTER, --filter EXPR\n"
"               keep only events matching a sysdig filter expression, e.g.\n"
"               'evt.type=openat and proc.name=cat'; trailing words before\n"
"               '--' (or all words with -p and no '--') form the filter\n"
"  --no-seccomp with a filter on evt.type, a launched command normally\n"
"               runs under a seccomp filter so that other syscalls never\n"
"               stop; this uses plain syscall stops instead\n"
"  --no-spin    sleep until each stop instead of polling a few\n"
"               microseconds for it: less cpu, slower tracee\n"
"  --no-syscall-buffer  no in-process recording: every syscall of a\n"
"               launched command stops (by default a preloaded library\n"
"               records read, write, lseek, close and the like without a\n"
"               stop; same events, much faster)\n"
"  --old-readers  write only the event types sysdig 0.29 and tshark 4.0\n"
"               know (Debian 12's): syscalls with a newer event become\n"
"               their 2022 event or the generic one\n"
"  -l           list the filter fields     -L  list the event types\n"
"  -C MB        with -o FILE: write FILE0, FILE1, ..., a new file every MB\n"
"               megabytes, each readable alone (its own process list)\n"
"  -G S         ... a new file every S seconds\n"
"  -W N         with -C or -G: keep only the last N files (a ring)\n"
"  -n N, --numevents N   stop recording after N events\n"
"  -M S, --duration S     stop recording S seconds after the first event;\n"
"               either way attached processes are detached and a\n"
"               launched command runs on untraced to its end\n"
"  -k, --stack-trace  the user stack of the thread at each syscall: under\n"
"               its enter line, or with -o after its exit (a notification\n"
"               event, id \"ustack\")\n"
"  -c, --summary  count calls, errors and time of each syscall and print\n"
"               the table at the end (as strace -c); without -o, no event\n"
"               lines\n"
"  -v, --stats  print event, stop, syscall and wait counts at the end\n"
"  -f, -ff      accepted for strace habits; children are always followed\n"
"  -h, --help   this help          -V, --version   the version\n",
		SNAPLEN_DEFAULT, SNAPLEN_MAX);
}

static void __attribute__((format(printf, 1, 2), noreturn))
bad_usage(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sct_die("%s (see 'sctrace --help')", msg);
}

/* A whole number from 1 to 10^9 given to option opt, or a usage error. */
static uint64_t positive(const char *arg, const char *opt, const char *what)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno || *end || !*arg || arg[0] == '-' || !v || v > 1000000000ull)
		bad_usage("%s: '%s' is not %s (1 to 1000000000)", opt, arg,
			  what);
	return v;
}

static void list_fields(void)
{
	unsigned i;

	for (i = 0; i < SCT_F_COUNT; i++)
		printf("%-14s %s\n", sct_filter_fields[i].name,
		       sct_filter_fields[i].desc);
}

/*
 * Every event type sctrace writes, by the name filters and sysdig use:
 * the dedicated events, then the syscalls written as generic events.
 */
/* The native ABI and the 32-bit ones it runs: every table a stop may use. */
static const struct sct_arch *abi(unsigned k)
{
	const struct sct_arch *a = sct_arch_native();

	return !k ? a : k <= 3 ? a->compat[k - 1] : NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted, each name once: events, then syscalls written as generic events. */
static void list_events(void)
{
	const char **names;
	const struct sct_arch *a;
	unsigned i, k, n = 0, cap = sct_ndecoders + 1;

	for (k = 0; k <= 3; k++)
		cap += (a = abi(k)) ? a->nsysent : 0;
	names = calloc(cap, sizeof(*names));
	if (!names)
		sct_die("out of memory");
	for (i = 0; i < sct_ndecoders; i++)
		names[n++] = sct_events[sct_decoders[i].ev_enter].name;
	names[n++] = sct_events[SCT_EV_PROCEXIT_1_E].name;
	for (k = 0; k <= 3; k++)
		for (i = 0; (a = abi(k)) && i < a->nsysent; i++)
			if (a->sysent[i].name && a->sysent[i].decoder < 0)
				names[n++] = a->sysent[i].name;
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++)
		if (!i || strcmp(names[i], names[i - 1]))
			printf("%s\n", names[i]);
	free(names);
}

static bool known_type(const char *name)
{
	const struct sct_arch *a;
	unsigned i, k;

	for (i = 0; i < SCT_EVENT_MAX; i++)
		if (!strcmp(sct_events[i].name, name))
			return true;
	for (k = 0; k <= 3; k++)
		for (i = 0; (a = abi(k)) && i < a->nsysent; i++)
			if (a->sysent[i].name &&
			    !strcmp(a->sysent[i].name, name))
				return true;
	return false;
}

/*
 * PTRACE_GET_SYSCALL_INFO came in Linux 5.3; seccomp stops have come after
 * the syscall-entry stop since 4.8, which the tracer relies on too.
 */
static void check_kernel(void)
{
	struct utsname u;
	unsigned maj = 0, min = 0;

	if (uname(&u) == 0 && sscanf(u.release, "%u.%u", &maj, &min) == 2 &&
	    (maj < 5 || (maj == 5 && min < 3)))
		sct_die("Linux %u.%u is too old: sctrace needs 5.3 or newer "
			"(PTRACE_GET_SYSCALL_INFO)", maj, min);
}

/* -p 12,34 -p 56: a list of positive pids. */
static void add_pids(struct sct_options *o, const char *arg)
{
	const char *p = arg;

	if (!*p)
		bad_usage("-p: '%s' is not a process id", arg);
	while (*p) {
		char *end;
		long v;
		pid_t *n;

		errno = 0;
		v = strtol(p, &end, 10);
		if (errno || end == p || v <= 0 || v > INT_MAX ||
		    (*end && *end != ','))
			bad_usage("-p: '%s' is not a process id", arg);
		n = realloc(o->pids, (o->npids + 1) * sizeof(*n));
		if (!n)
			sct_die("out of memory");
		o->pids = n;
		o->pids[o->npids++] = (pid_t)v;
		p = *end ? end + 1 : end;
		if (*end && !*p)
			bad_usage("-p: '%s' is not a process id", arg);
	}
}

/* Like execvp's search, done before starting so errors come first. */
static char *resolve(const char *cmd, int *err)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];
	struct stat st;
	int found_noexec = 0;

	if (strchr(cmd, '/')) {
		if (stat(cmd, &st) < 0) {
			*err = errno;
			return NULL;
		}
		if (S_ISDIR(st.st_mode) || access(cmd, X_OK) < 0) {
			*err = EACCES;
			return NULL;
		}
		return strdup(cmd);
	}
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, n ? path : ".",
			 cmd);
		if (stat(buf, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(buf, X_OK) == 0)
				return strdup(buf);
			found_noexec = 1;
		}
		path += n;
		if (*path)
			path++;
	}
	*err = found_noexec ? EACCES : ENOENT;
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "pid", required_argument, NULL, 'p' },
		{ "snaplen", required_argument, NULL, 's' },
		{ "gzip", no_argument, NULL, 'z' },
		{ "stats", no_argument, NULL, 'v' },
		{ "summary", no_argument, NULL, 'c' },
		{ "stack-trace", no_argument, NULL, 'k' },
		{ "numevents", required_argument, NULL, 'n' },
		{ "file-size", required_argument, NULL, 'C' },
		{ "seconds", required_argument, NULL, 'G' },
		{ "limit", required_argument, NULL, 'W' },
		{ "duration", required_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "filter", required_argument, NULL, 'F' },
		{ "no-seccomp", no_argument, NULL, 'S' },
		{ "no-spin", no_argument, NULL, 'N' },
		{ "no-syscall-buffer", no_argument, NULL, 'B' },
		{ "old-readers", no_argument, NULL, 'O' },
		{ "list", no_argument, NULL, 'l' },
		{ "list-events", no_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	struct sct_options o = { .snaplen = SNAPLEN_DEFAULT };
	struct sct_stats st = { 0 };
	struct sct_rotate rot = { 0 };
	bool stacks = false;
	struct sct_writer w;
	const char *out = NULL;
	bool gzip = false, no_seccomp = false, no_buffer = false;
	const char *filter_text = NULL;
	char *joined = NULL;
	int dashdash = -1, i;
	int c, fd = -1, rc = 0, err = 0;

	/* a signal now must not leave a half-started run behind */
	sct_trace_hold_signals();
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:o:p:s:n:M:C:G:W:zckvfhVlL", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 's': {
			char *end;
			unsigned long v;

			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || *end || !*optarg || optarg[0] == '-' ||
			    v > SNAPLEN_MAX)
				bad_usage("-s: '%s' is not a snaplen (0 to "
					  "65000 bytes)", optarg);
			o.snaplen = (unsigned)v;
			break;
		}
		case 'p':
			add_pids(&o, optarg);
			break;
		case 'n':
			o.max_events = positive(optarg, "-n", "a number of events");
			break;
		case 'C':
			rot.max_bytes = positive(optarg, "-C",
						 "a size in MB") * 1000000ull;
			break;
		case 'G':
			rot.max_ns = positive(optarg, "-G", "a number of "
					      "seconds") * 1000000000ull;
			break;
		case 'W':
			rot.ring = (unsigned)positive(optarg, "-W",
						      "a number of files");
			break;
		case 'M':
			o.max_ns = positive(optarg, "-M", "a number of seconds") *
				   1000000000ull;
			break;
		case 'z':
			gzip = true;
			break;
		case 'k':
			stacks = true;
			break;
		case 'c':
			if (!o.summary)
				o.summary = sct_summary_new();
			break;
		case 'v':
			o.stats = true;
			sct_verbose++;
			break;
		case 'f':
			break;
		case 'F':
			filter_text = optarg;
			break;
		case 'S':
			no_seccomp = true;
			break;
		case 'N':
			o.no_spin = true;
			break;
		case 'B':
			no_buffer = true;
			break;
		case 'O':
			sct_decode_set_old_readers(true);
			break;
		case 'l':
			list_fields();
			goto out;
		case 'L':
			list_events();
			goto out;
		case 'h':
			usage(stdout);
			goto out;
		case 'V':
			printf("sctrace %s\n", PACKAGE_VERSION);
			goto out;
		case ':':
			bad_usage("option '%s' needs an argument",
				  argv[optind - 1]);
			break;
		default:
			bad_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	/*
	 * Words before "--" are a filter expression, the ones after it the
	 * command; without "--", all words are the command, or with -p the
	 * filter.  getopt stopped at the first word, or just after "--".
	 */
	for (i = optind - 1; i < argc; i++)
		if (i >= 1 && !strcmp(argv[i], "--")) {
			dashdash = i;
			break;
		}
	if (dashdash >= optind) {
		joined = sct_filter_join(argv + optind, dashdash - optind);
		if (dashdash + 1 < argc)
			o.argv = argv + dashdash + 1;
	} else if (dashdash == optind - 1 && dashdash >= 1) {
		if (optind < argc)
			o.argv = argv + optind;
	} else if (o.npids) {
		joined = sct_filter_join(argv + optind, argc - optind);
	} else if (optind < argc) {
		o.argv = argv + optind;
	}
	if (joined && *joined) {
		if (filter_text)
			bad_usage("a filter is given twice (--filter and words)");
		filter_text = joined;
	}
	if (!o.argv && !o.npids)
		bad_usage("no command given, and no -p");
	check_kernel();
	if (filter_text) {
		char msg[256], esc[sizeof(msg) * 4];

		if (sct_filter_parse(filter_text, &o.filter, msg,
				     sizeof(msg)) < 0) {
			/* the filter's words may hold any byte: escaped */
			sct_escape(esc, sizeof(esc), msg);
			sct_warn("%s", esc);
			rc = 1;
			goto out;
		}
	}
	/*
	 * A launched command whose filter restricts evt.type runs under a
	 * seccomp filter: the other syscalls never stop.  Not without a
	 * restriction (it would save no stop and set no_new_privs for
	 * nothing), never when attaching (a filter cannot be removed).
	 */
	if (o.filter) {
		const char **types;
		unsigned ntypes, k;

		if (sct_filter_types(o.filter, &types, &ntypes))
			for (k = 0; k < ntypes; k++)
				if (!known_type(types[k])) {
					char esc[256];

					sct_escape(esc, sizeof(esc), types[k]);
					sct_warn("filter: unknown event type '%s' "
						 "(sctrace -L lists them)", esc);
					rc = 1;
					goto out;
				}
	}
	if (o.filter && o.argv && !no_seccomp) {
		const char **types;
		unsigned ntypes;

		if (sct_filter_types(o.filter, &types, &ntypes)) {
			o.seccomp = sct_seccomp_build(types, ntypes, false,
						      stacks);
			if (!o.seccomp) {
				rc = 1;
				goto out;
			}
		}
	}

	if (stacks && o.summary && !out)
		bad_usage("-k and -c without -o: no event lines to put stacks "
			  "under");
	if (stacks)
		o.stacks = sct_stacks_new();
	if (rot.ring && !rot.max_bytes && !rot.max_ns)
		bad_usage("-W needs -C or -G (files to keep in turn)");
	if ((rot.max_bytes || rot.max_ns) && !out)
		bad_usage("-C and -G need -o FILE");

	/* Everything that can fail before the start, before any file exists. */
	if (o.argv && !(o.cmd_path = resolve(o.argv[0], &err))) {
		if (err == ENOENT)
			sct_warn("%s: command not found", o.argv[0]);
		else
			sct_warn("%s: %s", o.argv[0], strerror(err));
		rc = err == ENOENT ? 127 : 126;
		goto out;
	}
	/*
	 * In-process recording (buffer.h): a launched, dynamically linked
	 * native program, not with -k (a record has no stack), nor under the
	 * pre-filter of a filter on evt.type: a record is written when its
	 * thread or another stops, and there a process can end with no stop
	 * at all, its last records written after it is gone, too late to name
	 * it in the header.  It needs a seccomp filter of its own: every
	 * syscall stops but the trampoline's.
	 */
	if (o.argv && !no_buffer && !stacks && !o.seccomp && !no_seccomp &&
	    sct_buffer_library() && sct_buffer_tramp_ip() &&
	    sct_buffer_fits(o.cmd_path)) {
		o.seccomp = sct_seccomp_build(NULL, 0, true, false);
		if (o.seccomp && !sct_seccomp_trampoline(o.seccomp,
				sct_buffer_tramp_ip())) {
			o.buffer = true;
			sct_proc_hide_preload(sct_buffer_library());
		} else {
			sct_seccomp_free(o.seccomp);
			o.seccomp = NULL;
		}
	}
	if (out && (rot.max_bytes || rot.max_ns)) {
		if (!strcmp(out, "-"))
			bad_usage("-C and -G need a file name (-o FILE), not "
				  "standard output");
		rot.base = out;
		rot.gzip = gzip;
		err = sct_rotate_open_first(&rot, &w);
		if (err < 0) {
			sct_warn("cannot write %s: %s", rot.name,
				 strerror(-err));
			unlink(rot.name);
			rc = 1;
			goto out;
		}
		out = rot.name;	/* (the file being written, for messages) */
		o.rotate = &rot;
		o.w = &w;
	} else if (out) {
		if (!strcmp(out, "-")) {
			fd = dup(STDOUT_FILENO);
			if (fd < 0) {
				sct_warn("standard output: %s", strerror(errno));
				rc = 1;
				goto out;
			}
			fcntl(fd, F_SETFD, FD_CLOEXEC);
			o.stdout_capture = true;
		} else {
			fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
				  0644);
			if (fd < 0) {
				sct_warn("cannot write %s: %s", out,
					 strerror(errno));
				rc = 1;
				goto out;
			}
		}
		err = sct_writer_open(&w, fd, gzip);
		if (err < 0) {
			sct_warn("cannot write %s%s: %s", strcmp(out, "-") ?
				 out : "standard output",
				 gzip ? " (gzip)" : "", strerror(-err));
			if (strcmp(out, "-"))
				unlink(out);
			rc = 1;
			goto out;
		}
		o.w = &w;
	} else if (!o.summary) {
		static char linebuf[1 << 16];

		setvbuf(stderr, linebuf, _IOFBF, sizeof(linebuf));
		o.text = stderr;
	}

	/* -v with a capture file on a terminal: a live status line */
	o.live_status = o.stats && o.w && !o.stdout_capture &&
			isatty(STDERR_FILENO);
	rc = sct_trace_run(&o, &st);
	if (rc < 0 || st.exec_failed) {
		/* nothing ran: leave no file behind */
		if (o.w) {
			sct_writer_close(o.w);
			if (strcmp(out, "-"))
				unlink(out);
		}
		if (rc < 0)
			rc = 1;
		goto out;
	}
	if (o.w) {
		err = sct_writer_close(o.w);
		/* a reader gone (EPIPE) was said when tracing stopped */
		if (err && err != -EPIPE) {
			sct_warn("writing %s: %s", strcmp(out, "-") ? out :
				 "standard output", strerror(-err));
			if (!rc)
				rc = 1;
		}
		/* the events the output holds, not all of them */
		if (err)
			st.events = o.w->nwritten;
	}
	fflush(stderr);
	if (o.summary)
		sct_summary_print(o.summary, stderr);
	if (o.stats) {
		/* reads of userfaultfd pages not there yet (see mem.c) */
		uint64_t given_up = sct_mem_given_up();
		char extra[128] = "";

		if (given_up)
			snprintf(extra, sizeof(extra), ", %llu reads given up",
				 (unsigned long long)given_up);
		/* how many threads recorded in-process (buffer.h) */
		if (o.buffer)
			snprintf(extra + strlen(extra),
				 sizeof(extra) - strlen(extra),
				 ", %llu threads recorded in-process, %llu execs "
				 "without the recorder",
				 (unsigned long long)st.rings,
				 (unsigned long long)st.execs_bare);
		/* (and how the waits for stops went: see stopwait.h) */
		sct_warn("%llu events written, %llu filtered out, "
			 "%llu stops, %llu syscalls seen%s%s; waits for a stop: "
			 "%llu polled first, %llu slept, polling paused %llu "
			 "times for contention, %llu times after an exec",
			 (unsigned long long)st.events,
			 (unsigned long long)st.filtered,
			 (unsigned long long)st.stops,
			 (unsigned long long)st.syscalls,
			 o.seccomp && !o.buffer ? ", seccomp pre-filter" : "",
			 extra,
			 (unsigned long long)st.polled,
			 (unsigned long long)st.slept,
			 (unsigned long long)st.pauses,
			 (unsigned long long)st.exec_quiets);
	}
out:
	sct_stacks_free(o.stacks);
	sct_summary_free(o.summary);
	sct_filter_free(o.filter);
	sct_seccomp_free(o.seccomp);
	free((char *)o.cmd_path);
	free(o.pids);
	free(joined);
	return rc;
}
