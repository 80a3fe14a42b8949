/*
 * wait(), waitpid(), wait3(), wait4(): reap the children fork() made. Status
 * words are Linux's: exit code << 8, or the number of the signal that ended
 * the child (SIGABRT for one that trapped).
 */
#include <errno.h>
#include <string.h>
#include <__struct_rusage.h> /* <sys/resource.h> insists on process-clock emulation */
#include <sys/wait.h>

#include "proc_imports.h"

pid_t waitpid(pid_t pid, int *status, int options) {
    int32_t st = 0, who = 0;
    int err = __sbx_proc_wait(pid, options, &st, &who);
    if (err) {
        errno = err;
        return -1;
    }
    if (status && who > 0) *status = st;
    return who;
}

pid_t wait(int *status) {
    return waitpid(-1, status, 0);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru) {
    pid_t r = waitpid(pid, status, options);
    if (r > 0 && ru) memset(ru, 0, sizeof *ru);
    return r;
}

pid_t wait3(int *status, int options, struct rusage *ru) {
    return wait4(-1, status, options, ru);
}
