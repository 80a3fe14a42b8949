/*
 * epoll_create, epoll_create1, epoll_ctl, epoll_wait over the WASIX epoll
 * imports. Linux's flag bits and operation numbers (include/sys/epoll.h)
 * become WASIX's here, and back; the epoll_data union travels whole in the
 * record's data2 (wasix_imports.h). Argument checks the host cannot make
 * (a NULL event, an events array outside memory) give Linux's errno here.
 */
#include <limits.h>
#include <stdlib.h>
#include <sys/epoll.h>

#include "epoll_internal.h"
#include "sockbox_internal.h"

_Static_assert(sizeof(struct epoll_event) == 16, "struct epoll_event: natural layout, 16 bytes");
_Static_assert(offsetof(struct epoll_event, data) == 8, "struct epoll_event: data at 8");

/* Events fetched without malloc, and at most per call (a smaller batch is
 * still a correct answer: epoll_wait returns *up to* maxevents). */
#define SBX_EPOLL_STACK_EVENTS 16
#define SBX_EPOLL_MAX_BATCH 4096
#define SBX_WASM_PAGE_SIZE 65536

/* Linux's bit, the ABI's bit. EPOLLWAKEUP, EPOLLRDBAND, EPOLLWRBAND and
 * EPOLLMSG have no ABI bit: accepted, never reported. */
static const struct {
    uint32_t linux_bit;
    uint32_t abi_bit;
} FLAGS[] = {
    {EPOLLIN, SBX_EPOLL_IN},
    {EPOLLOUT, SBX_EPOLL_OUT},
    {EPOLLRDHUP, SBX_EPOLL_RDHUP},
    {EPOLLPRI, SBX_EPOLL_PRI},
    {EPOLLERR, SBX_EPOLL_ERR},
    {EPOLLHUP, SBX_EPOLL_HUP},
    {EPOLLET, SBX_EPOLL_ET},
    {EPOLLONESHOT, SBX_EPOLL_ONESHOT},
    {EPOLLEXCLUSIVE, SBX_EPOLL_EXCLUSIVE},
    {EPOLLRDNORM, SBX_EPOLL_RDNORM},
    {EPOLLWRNORM, SBX_EPOLL_WRNORM},
};

static uint32_t to_abi(uint32_t events) {
    uint32_t out = 0;
    for (size_t i = 0; i < sizeof FLAGS / sizeof FLAGS[0]; i++)
        if (events & FLAGS[i].linux_bit)
            out |= FLAGS[i].abi_bit;
    return out;
}

static uint32_t from_abi(uint32_t events) {
    uint32_t out = 0;
    for (size_t i = 0; i < sizeof FLAGS / sizeof FLAGS[0]; i++)
        if (events & FLAGS[i].abi_bit)
            out |= FLAGS[i].linux_bit;
    return out;
}

static uint32_t op_to_abi(int op) {
    switch (op) {
    case EPOLL_CTL_ADD:
        return SBX_EPOLL_CTL_ADD;
    case EPOLL_CTL_MOD:
        return SBX_EPOLL_CTL_MOD;
    case EPOLL_CTL_DEL:
        return SBX_EPOLL_CTL_DEL;
    default:
        return SBX_EPOLL_CTL_UNKNOWN;
    }
}

int epoll_create1(int flags) {
    if (flags & ~EPOLL_CLOEXEC)
        return __sbx_fail(EINVAL);
    uint32_t fd = 0;
    int err = __sbx_epoll_create(&fd);
    if (err != 0)
        return __sbx_fail(err);
    return (int)fd;
}

int epoll_create(int size) {
    if (size <= 0)
        return __sbx_fail(EINVAL);
    return epoll_create1(0);
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event) {
    uint32_t abi_op = op_to_abi(op);
    if (op == EPOLL_CTL_DEL) {
        int err = __sbx_epoll_ctl((uint32_t)epfd, abi_op, (uint32_t)fd, NULL);
        return err != 0 ? __sbx_fail(err) : 0;
    }
    if (event == NULL)
        return __sbx_fail(EFAULT);
    sbx_epoll_event_t ev = {0};
    ev.events = to_abi(event->events);
    ev.data.ptr = (uint32_t)event->data.u64;
    ev.data.fd = (uint32_t)fd;
    ev.data.data1 = (uint32_t)event->data.u64;
    ev.data.data2 = event->data.u64;
    int err = __sbx_epoll_ctl((uint32_t)epfd, abi_op, (uint32_t)fd, &ev);
    return err != 0 ? __sbx_fail(err) : 0;
}

/* Whether [p, p + len) lies outside linear memory (Linux: EFAULT). */
static int outside_memory(const void *p, size_t len) {
    size_t size = __builtin_wasm_memory_size(0) * SBX_WASM_PAGE_SIZE;
    return (uintptr_t)p > size || len > size - (uintptr_t)p;
}

int __sbx_epoll_wait_ns(int epfd, struct epoll_event *events, int maxevents, uint64_t timeout_ns) {
    if (maxevents <= 0 || (size_t)maxevents > INT_MAX / sizeof(struct epoll_event)) {
        /* maxevents 0 is EINVAL to the host too, after its check of epfd (EBADF first, as Linux). */
        uint32_t none = 0;
        int err = __sbx_epoll_wait((uint32_t)epfd, NULL, 0, 0, &none);
        return __sbx_fail(err != 0 ? err : EINVAL);
    }
    if (outside_memory(events, (size_t)maxevents * sizeof *events))
        return __sbx_fail(EFAULT);
    sbx_epoll_event_t stack_evs[SBX_EPOLL_STACK_EVENTS];
    sbx_epoll_event_t *evs = stack_evs;
    uint32_t batch = maxevents < SBX_EPOLL_MAX_BATCH ? (uint32_t)maxevents : SBX_EPOLL_MAX_BATCH;
    if (batch > SBX_EPOLL_STACK_EVENTS) {
        evs = malloc(batch * sizeof *evs);
        if (evs == NULL) {
            evs = stack_evs;
            batch = SBX_EPOLL_STACK_EVENTS;
        }
    }
    uint32_t n = 0;
    int err = __sbx_epoll_wait((uint32_t)epfd, evs, batch, timeout_ns, &n);
    /* NULL is mapped memory in wasm; Linux faults on the first event it copies there. */
    if (err == 0 && n > 0 && events == NULL)
        err = EFAULT;
    for (uint32_t i = 0; err == 0 && i < n; i++) {
        events[i].events = from_abi(evs[i].events);
        events[i].data.u64 = evs[i].data.data2;
    }
    if (evs != stack_evs)
        free(evs);
    return err != 0 ? __sbx_fail(err) : (int)n;
}

uint64_t __sbx_epoll_timeout_ns(int timeout_ms) {
    return timeout_ms < 0 ? SBX_EPOLL_WAIT_FOREVER : (uint64_t)timeout_ms * SBX_EPOLL_NS_PER_MS;
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout) {
    return __sbx_epoll_wait_ns(epfd, events, maxevents, __sbx_epoll_timeout_ns(timeout));
}
