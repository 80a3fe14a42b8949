/*
 * select(): wasi-libc's refuses (ENOSYS) any call with a non-empty
 * exceptfds set, which many servers pass. Exceptional conditions on a
 * socket mean out-of-band data, which sockbox never has, so the set is
 * emptied and the rest is wasi-libc's pselect(). Like Linux, the timeout is
 * updated to the time not slept.
 */
#include <errno.h>
#include <sys/select.h>
#include <time.h>

#define SBX_USEC_PER_SEC 1000000L
#define SBX_NSEC_PER_USEC 1000L
#define SBX_NSEC_PER_SEC 1000000000LL

static long long ns_of(const struct timespec *t) {
    return (long long)t->tv_sec * SBX_NSEC_PER_SEC + t->tv_nsec;
}

int select(int nfds, fd_set *__restrict rfds, fd_set *__restrict wfds, fd_set *__restrict efds,
           struct timeval *__restrict tv) {
    struct timespec ts, start, *tsp = NULL;
    if (tv != NULL) {
        /* Linux folds whole seconds of tv_usec into tv_sec, then refuses what is negative. */
        ts.tv_sec = tv->tv_sec + tv->tv_usec / SBX_USEC_PER_SEC;
        ts.tv_nsec = (long)(tv->tv_usec % SBX_USEC_PER_SEC) * SBX_NSEC_PER_USEC;
        if (ts.tv_sec < 0 || ts.tv_nsec < 0) {
            errno = EINVAL;
            return -1;
        }
        tsp = &ts;
        clock_gettime(CLOCK_MONOTONIC, &start);
    }
    if (efds != NULL)
        FD_ZERO(efds);

    int n = pselect(nfds, rfds, wfds, NULL, tsp, NULL);

    if (n >= 0 && tv != NULL) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long long left = ns_of(&ts) - (ns_of(&now) - ns_of(&start));
        if (n == 0 || left < 0)
            left = 0;
        tv->tv_sec = (time_t)(left / SBX_NSEC_PER_SEC);
        tv->tv_usec = (suseconds_t)(left % SBX_NSEC_PER_SEC / SBX_NSEC_PER_USEC);
    }
    return n;
}
