/*
 * poll(): replaces wasi-libc's, which differs from Linux in three ways:
 *  - an entry asking for neither POLLIN nor POLLOUT (events 0) fails the
 *    whole call with ENOSYS; Linux still reports POLLERR/POLLHUP/POLLNVAL;
 *  - an event carrying an error becomes POLLERR alone; Linux reports a
 *    refused connect as POLLIN|POLLOUT|POLLERR|POLLHUP;
 *  - POLLOUT is dropped whenever POLLHUP is set; Linux keeps both.
 *
 * One FD_READ subscription per POLLIN and one FD_WRITE per POLLOUT, plus a
 * clock for the timeout. The host fills each event the way
 * runtime/wasi/poll.ts documents: error 0 is the direction's bit (with
 * POLLHUP when the HANGUP flag is set), EPIPE is POLLHUP alone, EBADF is
 * POLLNVAL, any other errno is POLLERR (with the direction's bit and POLLHUP
 * when the flag is set, or for a read when bytes are waiting).
 *
 * Entries with neither POLLIN nor POLLOUT are looked at once, without
 * waiting: their POLLERR/POLLHUP/POLLNVAL are reported if present when poll()
 * is called, but cannot end a wait later (a subscription that fires on
 * plain readability would make the wait spin).
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <wasi/api.h>

#define SBX_NS_PER_MS 1000000ULL
#define SBX_POLL_FOREVER UINT64_MAX
#define SBX_POLL_STACK_SUBS 33 /* 16 descriptors in both directions and a clock, without malloc */
#define SBX_POLL_ALWAYS (POLLERR | POLLHUP | POLLNVAL)

static short revents_of(const __wasi_event_t *ev) {
    int reading = ev->type == __WASI_EVENTTYPE_FD_READ;
    short dir = reading ? POLLIN : POLLOUT;
    int hup = (ev->fd_readwrite.flags & __WASI_EVENTRWFLAGS_FD_READWRITE_HANGUP) != 0;
    switch (ev->error) {
    case 0:
        return (short)(dir | (hup ? POLLHUP : 0));
    case __WASI_ERRNO_BADF:
        return POLLNVAL;
    case __WASI_ERRNO_PIPE:
        return POLLHUP;
    default:
        if (hup)
            return (short)(POLLERR | POLLHUP | dir);
        if (!reading || ev->fd_readwrite.nbytes > 0)
            return (short)(POLLERR | dir);
        return POLLERR;
    }
}

static void fd_sub(__wasi_subscription_t *s, size_t index, __wasi_eventtype_t type, int fd) {
    s->userdata = index;
    s->u.tag = type;
    s->u.u.fd_read.file_descriptor = (__wasi_fd_t)fd; /* fd_read and fd_write share one layout */
}

static void clock_sub(__wasi_subscription_t *s, __wasi_timestamp_t ns) {
    s->userdata = UINT64_MAX;
    s->u.tag = __WASI_EVENTTYPE_CLOCK;
    s->u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s->u.u.clock.timeout = ns;
    s->u.u.clock.precision = 0;
    s->u.u.clock.flags = 0;
}

/* Runs poll_oneoff over subs[0..n) and ORs each event's bits into fds[].revents:
 * what the entry asked for, and POLLERR/POLLHUP/POLLNVAL always. Returns 0 or a WASI errno. */
static int run(struct pollfd *fds, __wasi_subscription_t *subs, __wasi_event_t *evs, size_t n) {
    __wasi_size_t nevents = 0;
    __wasi_errno_t err = __wasi_poll_oneoff(subs, evs, n, &nevents);
    if (err != 0)
        return err;
    for (__wasi_size_t i = 0; i < nevents; i++) {
        if (evs[i].type == __WASI_EVENTTYPE_CLOCK)
            continue;
        struct pollfd *p = &fds[evs[i].userdata];
        p->revents |= (short)(revents_of(&evs[i]) & (SBX_POLL_ALWAYS | p->events));
    }
    return 0;
}

/* Reports POLLERR/POLLHUP/POLLNVAL of the entries that ask for neither
 * POLLIN nor POLLOUT, without waiting. Returns 0 or a WASI errno. */
static int probe(struct pollfd *fds, nfds_t nfds, __wasi_subscription_t *subs, __wasi_event_t *evs) {
    size_t n = 0;
    for (nfds_t i = 0; i < nfds; i++) {
        if (fds[i].fd >= 0 && !(fds[i].events & (POLLIN | POLLOUT)))
            fd_sub(&subs[n++], i, __WASI_EVENTTYPE_FD_READ, fds[i].fd);
    }
    if (n == 0)
        return 0;
    clock_sub(&subs[n++], 0);
    return run(fds, subs, evs, n);
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout) {
    size_t max = 1;
    for (nfds_t i = 0; i < nfds; i++) {
        fds[i].revents = 0;
        max += 2;
    }
    __wasi_subscription_t stack_subs[SBX_POLL_STACK_SUBS];
    __wasi_event_t stack_evs[SBX_POLL_STACK_SUBS];
    __wasi_subscription_t *subs = stack_subs;
    __wasi_event_t *evs = stack_evs;
    if (max > SBX_POLL_STACK_SUBS) {
        subs = calloc(max, sizeof *subs);
        evs = calloc(max, sizeof *evs);
        if (subs == NULL || evs == NULL) {
            free(subs);
            free(evs);
            errno = ENOMEM;
            return -1;
        }
    }

    int err = probe(fds, nfds, subs, evs);
    int found = 0;
    for (nfds_t i = 0; i < nfds; i++)
        found |= fds[i].revents != 0;

    size_t n = 0;
    for (nfds_t i = 0; i < nfds && err == 0; i++) {
        if (fds[i].fd < 0)
            continue;
        if (fds[i].events & POLLIN)
            fd_sub(&subs[n++], i, __WASI_EVENTTYPE_FD_READ, fds[i].fd);
        if (fds[i].events & POLLOUT)
            fd_sub(&subs[n++], i, __WASI_EVENTTYPE_FD_WRITE, fds[i].fd);
    }
    if (err == 0 && !(found && n == 0)) {
        /* A negative timeout waits forever, even with nothing to wait for (as Linux). */
        __wasi_timestamp_t ns = found ? 0 : timeout < 0 ? SBX_POLL_FOREVER : (__wasi_timestamp_t)timeout * SBX_NS_PER_MS;
        if (found || timeout >= 0 || n == 0)
            clock_sub(&subs[n++], ns);
        err = run(fds, subs, evs, n);
    }

    if (subs != stack_subs) {
        free(subs);
        free(evs);
    }
    if (err != 0) {
        errno = err;
        return -1;
    }
    int ready = 0;
    for (nfds_t i = 0; i < nfds; i++)
        ready += fds[i].revents != 0;
    return ready;
}
