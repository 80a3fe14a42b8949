/*
 * getrlimit(), setrlimit(), prlimit(), getpriority(), setpriority().
 *
 * RLIMIT_NOFILE is the host's: its hard limit starts at the sandbox's
 * --max-fds and its soft limit is enforced by the host's descriptor table
 * (a new descriptor numbered at or above it fails with EMFILE). RLIMIT_STACK
 * is the size of the main stack, which cannot grow. The other limits start
 * at Linux's usual values and are recorded, not enforced (the sandbox's own
 * caps, --max-memory and the process count, hold whatever they say). As an
 * unprivileged Linux process: a soft limit above its hard limit is EINVAL,
 * raising a hard limit is EPERM. A child made by fork() inherits them all.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include "proc_imports.h"

/* Where wasm-ld puts the main stack: between the static data and the heap. */
extern unsigned char __data_end, __heap_base;

static struct rlimit limits[RLIMIT_NLIMITS];
static int limits_ready;
static int nice_value;

static int fail(int err) {
    errno = err;
    return -1;
}

static void init_limits(void) {
    if (limits_ready) return;
    for (int r = 0; r < RLIMIT_NLIMITS; r++)
        limits[r] = (struct rlimit){RLIM_INFINITY, RLIM_INFINITY};
    rlim_t stack = (rlim_t)(&__heap_base - &__data_end);
    limits[RLIMIT_STACK] = (struct rlimit){stack, stack};
    limits[RLIMIT_CORE].rlim_cur = 0;
    limits[RLIMIT_NICE] = (struct rlimit){0, 0};
    limits[RLIMIT_RTPRIO] = (struct rlimit){0, 0};
    uint32_t soft = 0, max = 0;
    __sbx_proc_fd_limit(SBX_FD_LIMIT_UNCHANGED, &soft, &max);
    limits[RLIMIT_NOFILE] = (struct rlimit){soft, max};
    limits_ready = 1;
}

int getrlimit(int resource, struct rlimit *rl) {
    if (resource < 0 || resource >= RLIMIT_NLIMITS) return fail(EINVAL);
    if (rl == NULL) return fail(EFAULT);
    init_limits();
    *rl = limits[resource];
    if (resource == RLIMIT_NOFILE) { /* the soft limit may have changed in a parent before fork() */
        uint32_t soft = 0, max = 0;
        __sbx_proc_fd_limit(SBX_FD_LIMIT_UNCHANGED, &soft, &max);
        rl->rlim_cur = soft;
    }
    return 0;
}

int setrlimit(int resource, const struct rlimit *rl) {
    if (resource < 0 || resource >= RLIMIT_NLIMITS) return fail(EINVAL);
    if (rl == NULL) return fail(EFAULT);
    if (rl->rlim_cur > rl->rlim_max) return fail(EINVAL);
    init_limits();
    if (rl->rlim_max > limits[resource].rlim_max) return fail(EPERM);
    if (resource == RLIMIT_NOFILE) {
        uint32_t soft = 0, max = 0;
        int err = __sbx_proc_fd_limit((int32_t)rl->rlim_cur, &soft, &max);
        if (err) return fail(err);
    }
    limits[resource] = *rl;
    return 0;
}

/* Only the calling process's limits can be read or changed. */
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit) {
    if (pid != 0 && pid != getpid()) return fail(kill(pid, 0) < 0 ? ESRCH : EPERM);
    struct rlimit old;
    if (getrlimit(resource, &old) < 0) return -1;
    if (new_limit && setrlimit(resource, new_limit) < 0) return -1;
    if (old_limit) *old_limit = old;
    return 0;
}

/* Only one's own process (or group, or user: all are one here). */
static int is_self(int which, id_t who) {
    if (which != PRIO_PROCESS && which != PRIO_PGRP && which != PRIO_USER) return fail(EINVAL);
    if (which == PRIO_PROCESS && who != 0 && (pid_t)who != getpid()) return fail(ESRCH);
    if (which == PRIO_PGRP && who != 0 && (pid_t)who != getpgrp()) return fail(ESRCH);
    return 0;
}

int getpriority(int which, id_t who) {
    if (is_self(which, who) < 0) return -1;
    return nice_value;
}

/* Linux, unprivileged: the nice value may rise (lower priority), not fall. */
int setpriority(int which, id_t who, int prio) {
    if (is_self(which, who) < 0) return -1;
    if (prio < PRIO_MIN) prio = PRIO_MIN;
    if (prio > PRIO_MAX - 1) prio = PRIO_MAX - 1;
    if (prio < nice_value) return fail(EACCES);
    nice_value = prio;
    return 0;
}
