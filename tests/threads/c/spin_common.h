/*
 * Helpers of the spin tests (spin_threads.c, spin_single.c): a loopback TCP
 * connection made by the program itself (both ends are real host sockets,
 * so what one end sends reaches the other only through the host's event
 * loop), and a wall-clock bound so that a spin that never ends fails with
 * a message instead of hanging.
 */
#ifndef SPIN_COMMON_H
#define SPIN_COMMON_H

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* How long any one spin may take before the program gives up (ms). */
#define SPIN_LIMIT_MS 10000

static inline long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Ends the program when the spin that started at `t0` has run too long. */
static inline void check_limit(long t0, const char *what) {
    if (now_ms() - t0 > SPIN_LIMIT_MS) {
        printf("%s: still spinning after %d ms\n", what, SPIN_LIMIT_MS);
        exit(1);
    }
}

static inline void die(const char *what) {
    perror(what);
    exit(1);
}

/* A connected loopback TCP pair: fds[0] the connecting end, fds[1] the accepted one. */
static inline void tcp_pair(int fds[2]) {
    int l = socket(AF_INET, SOCK_STREAM, 0);
    if (l < 0) die("socket");
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(l, (struct sockaddr *)&a, sizeof a) < 0) die("bind");
    if (listen(l, 1) < 0) die("listen");
    socklen_t len = sizeof a;
    if (getsockname(l, (struct sockaddr *)&a, &len) < 0) die("getsockname");
    fds[0] = socket(AF_INET, SOCK_STREAM, 0);
    if (fds[0] < 0) die("socket");
    if (connect(fds[0], (struct sockaddr *)&a, sizeof a) < 0) die("connect");
    fds[1] = accept(l, NULL, NULL);
    if (fds[1] < 0) die("accept");
    close(l);
}

static inline void set_nonblocking(int fd) {
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) die("fcntl");
}

#endif
