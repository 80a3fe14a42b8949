/*
 * A single-threaded program that spins on a call that answers at once
 * still sees what its peer sends, as on Linux: the data crosses a real
 * loopback TCP connection (the peer end is the program's own, written
 * before the spin), so it arrives only if the spin lets the host deliver
 * I/O. One mode per spin:
 *
 *   spin_single recv|poll|epoll|yield   spin until the data is seen
 *   spin_single bench N                 N × poll(NULL, 0, 0), wall and CPU ns per call on stderr
 *   spin_single forever                 poll(NULL, 0, 0) for ever (for --timeout)
 */
#include <poll.h>
#include <sched.h>
#include <string.h>
#include <sys/epoll.h>

#include "spin_common.h"

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *mode = argc > 1 ? argv[1] : "recv";
    if (strcmp(mode, "bench") == 0) {
        long n = argc > 2 ? atol(argv[2]) : 1000000L;
        struct timespec a, b, ca, cb;
        clock_gettime(CLOCK_MONOTONIC, &a);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ca);
        for (long i = 0; i < n; i++) poll(NULL, 0, 0);
        clock_gettime(CLOCK_MONOTONIC, &b);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cb);
        double ns = (double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec);
        double cpu = (double)(cb.tv_sec - ca.tv_sec) * 1e9 + (double)(cb.tv_nsec - ca.tv_nsec);
        fprintf(stderr, "%.1f ns per poll(NULL, 0, 0), %.1f ns of CPU\n", ns / (double)n, cpu / (double)n);
        printf("%ld polls\n", n);
        return 0;
    }
    if (strcmp(mode, "forever") == 0) {
        printf("spinning\n");
        for (;;) poll(NULL, 0, 0);
    }
    int fds[2];
    tcp_pair(fds);
    set_nonblocking(fds[1]);
    if (send(fds[0], "ping", 4, 0) != 4) die("send");
    long t0 = now_ms();
    int ep = -1;
    if (strcmp(mode, "epoll") == 0) {
        ep = epoll_create1(0);
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = fds[1]};
        if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fds[1], &ev) < 0) die("epoll");
    }
    char buf[16];
    ssize_t got = 0;
    while (got < 4) {
        check_limit(t0, mode);
        if (strcmp(mode, "poll") == 0) {
            struct pollfd p = {.fd = fds[1], .events = POLLIN};
            int r = poll(&p, 1, 0);
            if (r < 0) die("poll");
            if (r == 0) continue;
        } else if (ep >= 0) {
            struct epoll_event ev;
            int r = epoll_wait(ep, &ev, 1, 0);
            if (r < 0) die("epoll_wait");
            if (r == 0) continue;
        } else if (strcmp(mode, "yield") == 0) {
            sched_yield();
        } else if (strcmp(mode, "recv") != 0) {
            fprintf(stderr, "unknown mode %s\n", mode);
            return 2;
        }
        ssize_t n = recv(fds[1], buf + got, sizeof buf - 1 - (size_t)got, 0);
        if (n > 0) got += n;
        else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) die("recv");
    }
    buf[got] = '\0';
    fprintf(stderr, "%s: %ld ms\n", mode, now_ms() - t0);
    printf("%s: got '%s'\n", mode, buf);
    return 0;
}
