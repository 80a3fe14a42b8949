/*
 * rlimit.c - getrlimit/setrlimit/prlimit as a server uses them at start-up,
 * printed as relations (not numbers, which differ between machines and the
 * sandbox's --max-fds):
 *   - RLIMIT_NOFILE: soft <= hard; raising the soft limit to the hard one
 *     works; soft above hard is EINVAL; a hard limit beyond any possible one
 *     (RLIM_INFINITY, above Linux's nr_open) is EPERM;
 *   - lowered to a few more than the descriptors open, new sockets get
 *     numbers below it and the next one is EMFILE; sysconf(_SC_OPEN_MAX) and
 *     getdtablesize() follow it; a forked child inherits it; raised again,
 *     sockets open again;
 *   - prlimit on oneself reads and sets; every resource answers soft <= hard;
 *     an unknown resource is EINVAL.
 *
 *   rlimit               the above
 *   rlimit unprivileged  the hard limit's value, and what only an unprivileged
 *                        process sees (tests may run as root natively): a
 *                        lowered hard limit cannot be raised back (EPERM), nor
 *                        the nice value lowered (EACCES)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *err(int r) {
    if (r == 0)
        return "ok";
    switch (errno) {
    case EINVAL: return "EINVAL";
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    case EMFILE: return "EMFILE";
    case ESRCH: return "ESRCH";
    default: return strerror(errno);
    }
}

static const char *yes(int c) {
    return c ? "yes" : "no";
}

/* Opens sockets until one fails; returns how the last one failed; *top: the highest number given. */
static const char *fill(int *top, int *count) {
    int fd;
    *top = -1;
    *count = 0;
    while ((fd = socket(AF_INET, SOCK_STREAM, 0)) >= 0) {
        *top = fd;
        ++*count;
    }
    return err(-1);
}

static void empty(int from, int to) {
    for (int fd = from; fd <= to; fd++)
        close(fd);
}

static int unprivileged(void) {
    struct rlimit r;
    getrlimit(RLIMIT_NOFILE, &r);
    rlim_t hard = r.rlim_max;
    printf("hard limit: %llu\n", (unsigned long long)hard);
    r.rlim_max = r.rlim_cur = hard / 2;
    printf("lower the hard limit: %s\n", err(setrlimit(RLIMIT_NOFILE, &r)));
    r.rlim_max = hard;
    printf("raise it back: %s\n", err(setrlimit(RLIMIT_NOFILE, &r)));
    printf("setpriority(+5): %s\n", err(setpriority(PRIO_PROCESS, 0, 5)));
    printf("getpriority: %d\n", getpriority(PRIO_PROCESS, 0));
    printf("setpriority(0), lower again: %s\n", err(setpriority(PRIO_PROCESS, 0, 0)));
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "unprivileged") == 0)
        return unprivileged();
    struct rlimit r, r2;
    printf("getrlimit(RLIMIT_NOFILE): %s\n", err(getrlimit(RLIMIT_NOFILE, &r)));
    printf("soft <= hard: %s\n", yes(r.rlim_cur <= r.rlim_max));
    printf("hard is finite: %s\n", yes(r.rlim_max != RLIM_INFINITY));
    rlim_t hard = r.rlim_max;

    r.rlim_cur = hard;
    printf("raise the soft limit to the hard one: %s\n", err(setrlimit(RLIMIT_NOFILE, &r)));
    getrlimit(RLIMIT_NOFILE, &r2);
    printf("soft == hard now: %s\n", yes(r2.rlim_cur == hard && r2.rlim_max == hard));
    printf("sysconf(_SC_OPEN_MAX) == soft: %s\n", yes(sysconf(_SC_OPEN_MAX) == (long)hard));
    r.rlim_cur = hard + 1;
    printf("soft above hard: %s\n", err(setrlimit(RLIMIT_NOFILE, &r)));
    r.rlim_cur = hard;
    r.rlim_max = RLIM_INFINITY;
    printf("hard to RLIM_INFINITY: %s\n", err(setrlimit(RLIMIT_NOFILE, &r)));

    int first = socket(AF_INET, SOCK_STREAM, 0);
    close(first);
    r.rlim_cur = (rlim_t)first + 4;
    r.rlim_max = hard;
    printf("lower the soft limit to 4 above the lowest free descriptor: %s\n", err(setrlimit(RLIMIT_NOFILE, &r)));
    printf("getdtablesize() and sysconf(_SC_OPEN_MAX) follow: %s\n",
           yes(getdtablesize() == first + 4 && sysconf(_SC_OPEN_MAX) == first + 4));
    int top, count;
    const char *why = fill(&top, &count);
    printf("sockets opened: %d, the highest is soft - 1: %s, then: %s\n", count, yes(top == first + 3), why);
    empty(first, top);

    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        getrlimit(RLIMIT_NOFILE, &r2);
        why = fill(&top, &count);
        printf("child: soft limit inherited: %s, sockets opened: %d, then: %s\n",
               yes(r2.rlim_cur == (rlim_t)first + 4 && r2.rlim_max == hard), count, why);
        fflush(stdout);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);

    r.rlim_cur = hard;
    printf("raise the soft limit again: %s\n", err(setrlimit(RLIMIT_NOFILE, &r)));
    why = fill(&top, &count);
    printf("more sockets than before: %s\n", yes(count > 4));
    empty(first, top);

    struct rlimit old, want = {first + 8, hard};
    printf("prlimit(0, NOFILE, new, old): %s\n", err(prlimit(0, RLIMIT_NOFILE, &want, &old)));
    printf("old was the hard limit: %s\n", yes(old.rlim_cur == hard));
    const char *got = err(prlimit(getpid(), RLIMIT_NOFILE, NULL, &old));
    printf("prlimit(getpid(), NOFILE, NULL, old): %s, gives the new one: %s\n", got, yes(old.rlim_cur == (rlim_t)first + 8));

    int ok = 1;
    for (int res = 0; res < RLIMIT_NLIMITS; res++)
        ok = ok && getrlimit(res, &r) == 0 && r.rlim_cur <= r.rlim_max;
    printf("every resource: soft <= hard: %s\n", yes(ok));
    printf("RLIMIT_NLIMITS + 1: %s\n", err(getrlimit(RLIMIT_NLIMITS + 1, &r)));
    getrlimit(RLIMIT_STACK, &r);
    printf("RLIMIT_STACK is some KiB at least: %s\n", yes(r.rlim_cur >= 16 * 1024));
    printf("getpriority(PRIO_PROCESS, 0): %d\n", getpriority(PRIO_PROCESS, 0));
    return 0;
}
