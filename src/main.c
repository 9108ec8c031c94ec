/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sctrace: syscall captures in scap format with nothing but ptrace. */
#include "config.h"
#include "log.h"
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
#include <unistd.h>

#define SNAPLEN_DEFAULT	80
#define SNAPLEN_MAX	65000

static void usage(FILE *f)
{
	fprintf(f,
"usage: sctrace [-o FILE] [-s SNAPLEN] [-z] [-v] -- COMMAND [ARGS...]\n"
"       sctrace [-o FILE] [-s SNAPLEN] [-z] [-v] -p PID[,PID...] [-- COMMAND...]\n"
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
"  -v, --stats  print event, stop and syscall counts at the end\n"
"  -f, -ff      accepted for strace habits; children are always followed\n"
"  -h, --help   this help          -V, --version   the version\n",
		SNAPLEN_DEFAULT, SNAPLEN_MAX);
}

static void __attribute__((format(printf, 1, 2), noreturn))
bad_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "sctrace: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, " (see 'sctrace --help')\n");
	va_end(ap);
	exit(1);
}

/* -p 12,34 -p 56: a list of positive pids. */
static void add_pids(struct sct_options *o, const char *arg)
{
	const char *p = arg;

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
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct sct_options o = { .snaplen = SNAPLEN_DEFAULT };
	struct sct_stats st = { 0 };
	struct sct_writer w;
	const char *out = NULL;
	bool gzip = false;
	int c, fd = -1, rc, err = 0;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:o:p:s:zvfhV", longopts, NULL)) != -1) {
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
		case 'z':
			gzip = true;
			break;
		case 'v':
			o.stats = true;
			sct_verbose++;
			break;
		case 'f':
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("sctrace %s\n", PACKAGE_VERSION);
			return 0;
		case ':':
			bad_usage("option '%s' needs an argument",
				  argv[optind - 1]);
			break;
		default:
			bad_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc && !o.npids)
		bad_usage("no command given, and no -p");
	if (optind < argc)
		o.argv = argv + optind;

	/* Everything that can fail before the start, before any file exists. */
	if (o.argv && !(o.cmd_path = resolve(o.argv[0], &err))) {
		if (err == ENOENT)
			sct_warn("%s: command not found", o.argv[0]);
		else
			sct_warn("%s: %s", o.argv[0], strerror(err));
		return err == ENOENT ? 127 : 126;
	}
	if (out) {
		if (!strcmp(out, "-")) {
			fd = dup(STDOUT_FILENO);
			if (fd < 0)
				sct_die("standard output: %s", strerror(errno));
			fcntl(fd, F_SETFD, FD_CLOEXEC);
		} else {
			fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
				  0644);
			if (fd < 0)
				sct_die("cannot write %s: %s", out,
					strerror(errno));
		}
		if (sct_writer_open(&w, fd, gzip) < 0)
			sct_die("out of memory");
		o.w = &w;
	} else {
		static char linebuf[1 << 16];

		setvbuf(stderr, linebuf, _IOFBF, sizeof(linebuf));
		o.text = stderr;
	}

	rc = sct_trace_run(&o, &st);
	if (rc < 0) {
		/* nothing ran: leave no file behind */
		if (o.w) {
			sct_writer_close(o.w);
			if (strcmp(out, "-"))
				unlink(out);
		}
		return 1;
	}
	if (o.w) {
		err = sct_writer_close(o.w);
		if (err) {
			sct_warn("writing %s: %s", strcmp(out, "-") ? out :
				 "standard output", strerror(-err));
			if (!rc)
				rc = 1;
		}
	}
	fflush(stderr);
	if (o.stats)
		fprintf(stderr,
			"sctrace: %llu events written, %llu stops, %llu syscalls\n",
			(unsigned long long)st.events,
			(unsigned long long)st.stops,
			(unsigned long long)st.syscalls);
	return rc;
}
