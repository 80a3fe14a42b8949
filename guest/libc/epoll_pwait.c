/*
 * epoll_pwait and epoll_pwait2: epoll_wait with the signal mask replaced
 * for the wait. The mask is set before the wait and restored after it (a
 * signal it lets through runs its handler while the wait goes on, as every
 * sockbox wait does; see docs/concurrency.md). epoll_pwait2 takes a
 * timespec (NULL waits forever; a malformed one is EINVAL, as on Linux).
 */
#include <errno.h>
#include <signal.h>
#include <sys/epoll.h>

#include "epoll_internal.h"

static int wait_masked(int epfd, struct epoll_event *events, int maxevents, uint64_t timeout_ns,
                       const sigset_t *sigmask) {
    sigset_t old;
    if (sigmask != NULL && sigprocmask(SIG_SETMASK, sigmask, &old) < 0)
        return -1;
    int n = __sbx_epoll_wait_ns(epfd, events, maxevents, timeout_ns);
    if (sigmask != NULL) {
        int saved = errno;
        sigprocmask(SIG_SETMASK, &old, NULL);
        errno = saved;
    }
    return n;
}

int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout, const sigset_t *sigmask) {
    return wait_masked(epfd, events, maxevents, __sbx_epoll_timeout_ns(timeout), sigmask);
}

int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents, const struct timespec *timeout,
                 const sigset_t *sigmask) {
    uint64_t ns = SBX_EPOLL_WAIT_FOREVER;
    if (timeout != NULL) {
        if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || (uint64_t)timeout->tv_nsec >= SBX_EPOLL_NS_PER_S) {
            errno = EINVAL;
            return -1;
        }
        uint64_t sec = (uint64_t)timeout->tv_sec;
        ns = sec >= SBX_EPOLL_WAIT_FOREVER / SBX_EPOLL_NS_PER_S ? SBX_EPOLL_WAIT_FOREVER - 1
                                                                : sec * SBX_EPOLL_NS_PER_S + (uint64_t)timeout->tv_nsec;
    }
    return wait_masked(epfd, events, maxevents, ns, sigmask);
}
