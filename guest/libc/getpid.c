/*
 * Process identity. Pids are the sandbox's own: the first process has pid
 * 1000 and its parent 1 (it looks like a process started by init); fork()
 * numbers children upwards. All processes of a run are in one group and one
 * session, those of the first process.
 */
#include <errno.h>
#include <unistd.h>

#include "proc_imports.h"

static void ids(int32_t *pid, int32_t *ppid, int32_t *pgid) {
    __sbx_proc_getpid(pid, ppid, pgid);
}

pid_t getpid(void) {
    int32_t pid, ppid, pgid;
    ids(&pid, &ppid, &pgid);
    return pid;
}

pid_t getppid(void) {
    int32_t pid, ppid, pgid;
    ids(&pid, &ppid, &pgid);
    return ppid;
}

pid_t getpgrp(void) {
    int32_t pid, ppid, pgid;
    ids(&pid, &ppid, &pgid);
    return pgid;
}

pid_t getpgid(pid_t p) {
    int32_t pid, ppid, pgid;
    ids(&pid, &ppid, &pgid);
    if (p != 0 && p != pid && __sbx_proc_kill(p, 0) != 0) {
        errno = ESRCH;
        return -1;
    }
    return pgid;
}

pid_t getsid(pid_t p) {
    return getpgid(p);
}

/* One group for the whole run: accepted when it changes nothing. */
int setpgid(pid_t p, pid_t g) {
    int32_t pid, ppid, pgid;
    ids(&pid, &ppid, &pgid);
    if (g < 0) {
        errno = EINVAL;
        return -1;
    }
    if ((p == 0 || p == pid) && (g == 0 || g == pgid || g == pid)) return 0;
    errno = EPERM;
    return -1;
}

pid_t setsid(void) {
    int32_t pid, ppid, pgid;
    ids(&pid, &ppid, &pgid);
    if (pid == pgid) {
        errno = EPERM; /* already a group leader, as Linux says */
        return -1;
    }
    return pgid;
}
