/*
 * A thread that spins on a call that answers at once — poll(NULL, 0, 0),
 * poll(fds, n, 0), epoll_wait(…, 0), sched_yield(), a non-blocking recv()
 * failing with EAGAIN — does not starve a thread that sleeps on a timer
 * (usleep, poll with a timeout, nanosleep) or waits for I/O: on Linux the
 * spinner burns CPU, but the sleeper wakes. One mode per spin:
 *
 *   spin_threads poll0|pollfd0|epoll0|yield|eagain|io
 */
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/epoll.h>

#include "spin_common.h"

static volatile int flag;
static int sv[2];

/* Sleeps 20 ms three ways (each a host timer), then sets the flag. */
static void *sleeper(void *arg) {
    (void)arg;
    usleep(20000);
    poll(NULL, 0, 20);
    struct timespec ts = {.tv_sec = 0, .tv_nsec = 20000000L};
    nanosleep(&ts, NULL);
    flag = 1;
    return NULL;
}

/* Sleeps, then sends one byte on sv[1]. */
static void *late_sender(void *arg) {
    (void)arg;
    usleep(50000);
    if (send(sv[1], "x", 1, 0) != 1) die("send");
    return NULL;
}

/* Blocks in read() on the accepted end of a TCP pair, then sets the flag to what it got. */
static void *reader(void *arg) {
    (void)arg;
    char buf[16];
    ssize_t n = read(sv[1], buf, sizeof buf);
    flag = n > 0 ? (int)n : -1;
    return NULL;
}

static void spawn(void *(*fn)(void *), pthread_t *t) {
    if (pthread_create(t, NULL, fn, NULL) != 0) die("pthread_create");
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *mode = argc > 1 ? argv[1] : "poll0";
    pthread_t t;
    long t0 = now_ms();
    if (strcmp(mode, "poll0") == 0) {
        spawn(sleeper, &t);
        while (!flag) {
            poll(NULL, 0, 0);
            check_limit(t0, mode);
        }
    } else if (strcmp(mode, "pollfd0") == 0) {
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) die("socketpair");
        spawn(sleeper, &t);
        struct pollfd p[2] = {{.fd = sv[0], .events = POLLIN}, {.fd = sv[1], .events = POLLIN}};
        while (!flag) {
            if (poll(p, 2, 0) != 0) die("poll saw an event");
            check_limit(t0, mode);
        }
    } else if (strcmp(mode, "epoll0") == 0) {
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) die("socketpair");
        int ep = epoll_create1(0);
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = sv[0]};
        if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev) < 0) die("epoll");
        spawn(sleeper, &t);
        while (!flag) {
            if (epoll_wait(ep, &ev, 1, 0) != 0) die("epoll_wait saw an event");
            check_limit(t0, mode);
        }
    } else if (strcmp(mode, "yield") == 0) {
        spawn(sleeper, &t);
        while (!flag) {
            sched_yield();
            check_limit(t0, mode);
        }
    } else if (strcmp(mode, "eagain") == 0) {
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) die("socketpair");
        set_nonblocking(sv[0]);
        spawn(late_sender, &t);
        char c = 0;
        int eagain = 0;
        for (;;) {
            ssize_t n = recv(sv[0], &c, 1, 0);
            if (n == 1) break;
            if (n != -1 || (errno != EAGAIN && errno != EWOULDBLOCK)) die("recv");
            eagain = 1;
            check_limit(t0, mode);
        }
        printf("recv failed with EAGAIN before the byte came: %s\n", eagain ? "yes" : "no");
        printf("got '%c'\n", c);
    } else if (strcmp(mode, "io") == 0) {
        tcp_pair(sv);
        spawn(reader, &t);
        usleep(10000); /* let the reader block in read() */
        if (send(sv[0], "ping", 4, 0) != 4) die("send");
        while (!flag) {
            poll(NULL, 0, 0);
            check_limit(t0, mode);
        }
        printf("the reader got %d bytes\n", flag);
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    pthread_join(t, NULL);
    fprintf(stderr, "%s: %ld ms\n", mode, now_ms() - t0); /* the sleeper alone: 60 ms */
    printf("%s: the spinning thread saw the other one finish\n", mode);
    return 0;
}
