/*
 * sockbox's <sys/epoll.h> (wasi-libc has none): Linux's epoll API with
 * Linux's numbers, so code written for Linux builds unchanged. libsockbox
 * (libc/epoll.c) translates to the WASIX epoll imports.
 *
 * struct epoll_event: x86-64 Linux packs it (12 bytes, data at offset 4);
 * every other Linux architecture, and musl and wasix-libc on wasm32, use the
 * natural layout, which is the one here: 16 bytes, `data` at offset 8, so
 * `data.u64` is 8-byte aligned and `data.ptr`/`data.fd`/`data.u32` share its
 * low 4 bytes. Code that uses the field names (all portable code does)
 * cannot tell the difference.
 *
 * EPOLLPRI, EPOLLRDBAND, EPOLLWRBAND and EPOLLMSG are accepted and never
 * reported (sockbox has no out-of-band data); EPOLLWAKEUP is accepted and
 * has no effect (nothing suspends); EPOLLEXCLUSIVE is checked as Linux
 * checks it, but every waiter wakes; EPOLL_CLOEXEC is accepted (sandboxed
 * programs cannot exec).
 */
#ifndef SOCKBOX_SYS_EPOLL_H
#define SOCKBOX_SYS_EPOLL_H

#include <signal.h>
#include <stdint.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EPOLLIN        0x001u
#define EPOLLPRI       0x002u
#define EPOLLOUT       0x004u
#define EPOLLERR       0x008u
#define EPOLLHUP       0x010u
#define EPOLLRDNORM    0x040u
#define EPOLLRDBAND    0x080u
#define EPOLLWRNORM    0x100u
#define EPOLLWRBAND    0x200u
#define EPOLLMSG       0x400u
#define EPOLLRDHUP     0x2000u
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP    (1u << 29)
#define EPOLLONESHOT   (1u << 30)
#define EPOLLET        (1u << 31)

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

#define EPOLL_CLOEXEC 02000000

typedef union epoll_data {
    void *ptr;
    int fd;
    uint32_t u32;
    uint64_t u64;
} epoll_data_t;

struct epoll_event {
    uint32_t events;
    epoll_data_t data;
};

int epoll_create(int size);
int epoll_create1(int flags);
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);
int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);
int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout, const sigset_t *sigmask);
int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents, const struct timespec *timeout,
                 const sigset_t *sigmask);

#ifdef __cplusplus
}
#endif

#endif
