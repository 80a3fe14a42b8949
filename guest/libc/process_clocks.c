/*
 * clock(), times() and getrusage() measuring CPU time, as on Linux.
 *
 * wasi-libc hides them unless _WASI_EMULATED_PROCESS_CLOCKS is defined
 * (sockbox cc defines it on every command line) and its
 * libwasi-emulated-process-clocks counts wall-clock time since the start
 * instead, so a program that sleeps would seem busy. These read the
 * host's CPU-time clock (CLOCK_PROCESS_CPUTIME_ID), counted from the
 * program's start so that the host's own start-up is not charged to it.
 *
 * The host reports one figure for user and system time together: it is
 * given as user time, system time is 0. The processes fork() makes share
 * the host process, so a child's time is in its parent's, and children's
 * times (tms_cutime, RUSAGE_CHILDREN) are 0.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_SEC 1000000000LL
#define NS_PER_USEC 1000LL
#define USEC_PER_SEC 1000000LL
#define WASM_PAGE_KIB 64

static int64_t cpu_base_ns;

static int64_t ns_of(const struct timespec *t) {
    return (int64_t)t->tv_sec * NS_PER_SEC + t->tv_nsec;
}

/* CPU time of the process in ns on the given clock, or -1 with errno set. */
static int64_t clock_ns(clockid_t id) {
    struct timespec t;
    if (clock_gettime(id, &t) != 0) return -1;
    return ns_of(&t);
}

__attribute__((constructor)) static void remember_start(void) {
    int64_t now = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
    cpu_base_ns = now < 0 ? 0 : now;
}

/* CPU time since the program started, in ns, or -1 with errno set. */
static int64_t cpu_ns(void) {
    int64_t now = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
    if (now < 0) return -1;
    return now > cpu_base_ns ? now - cpu_base_ns : 0;
}

clock_t clock(void) {
    int64_t ns = cpu_ns();
    if (ns < 0) return (clock_t)-1;
    return (clock_t)(ns / (NS_PER_SEC / CLOCKS_PER_SEC));
}

clock_t times(struct tms *buf) {
    long hz = sysconf(_SC_CLK_TCK);
    int64_t ns_per_tick = NS_PER_SEC / hz;
    int64_t cpu = cpu_ns(), real = clock_ns(CLOCK_MONOTONIC);
    if (cpu < 0 || real < 0) return (clock_t)-1;
    buf->tms_utime = (clock_t)(cpu / ns_per_tick);
    buf->tms_stime = 0;
    buf->tms_cutime = 0;
    buf->tms_cstime = 0;
    return (clock_t)(real / ns_per_tick);
}

int getrusage(int who, struct rusage *usage) {
    if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN) {
        errno = EINVAL;
        return -1;
    }
    memset(usage, 0, sizeof *usage);
    if (who == RUSAGE_CHILDREN) return 0;
    int64_t ns = cpu_ns();
    if (ns < 0) return -1;
    int64_t usec = ns / NS_PER_USEC;
    usage->ru_utime.tv_sec = (time_t)(usec / USEC_PER_SEC);
    usage->ru_utime.tv_usec = (suseconds_t)(usec % USEC_PER_SEC);
    usage->ru_maxrss = (long)(__builtin_wasm_memory_size(0) * WASM_PAGE_KIB);
    return 0;
}
