/*
 * What epoll.c shares with epoll_pwait.c (kept apart so that a program
 * calling only epoll_wait does not link the signal-mask code).
 */
#ifndef SOCKBOX_EPOLL_INTERNAL_H
#define SOCKBOX_EPOLL_INTERNAL_H

#include <stdint.h>
#include <sys/epoll.h>

#include "wasix_imports.h"

#define SBX_EPOLL_NS_PER_MS 1000000ULL
#define SBX_EPOLL_NS_PER_S 1000000000ULL

/* epoll_wait with the timeout in ns (SBX_EPOLL_WAIT_FOREVER: none).
 * Returns the event count, or -1 with errno set. */
int __sbx_epoll_wait_ns(int epfd, struct epoll_event *events, int maxevents, uint64_t timeout_ns);

/* epoll_wait's millisecond timeout in ns (negative: forever). */
uint64_t __sbx_epoll_timeout_ns(int timeout_ms);

#endif
