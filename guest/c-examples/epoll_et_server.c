/*
 * epoll_et_server.c - an edge-triggered (EPOLLET) epoll echo server: epoll
 * says "something happened" once, so every event is followed by reading
 * (or accepting) until EAGAIN; every byte a client sends comes back to it.
 *
 * usage: epoll_et_server [PORT [NCLIENTS]]
 *   PORT      port to listen on, on every address (INADDR_ANY); default 9037;
 *             0 lets the system choose, and the port chosen is printed
 *   NCLIENTS  exit once this many clients have come and gone; default 0 = never
 *
 * Prints "listening on port P", "client N connected", "client N left after
 * B bytes", "server done".
 *
 * Each client is registered once, for EPOLLIN | EPOLLOUT | EPOLLRDHUP |
 * EPOLLET, and never modified: on any event the server first sends what
 * is still waiting, then reads until EAGAIN, echoing as it goes. When the
 * socket cannot take more, it stops reading (the unread data waits in the
 * kernel) and goes on at the next EPOLLOUT edge, which comes when the client
 * has read enough. A read of 0 ends the client once its echo is sent.
 */
#define _GNU_SOURCE /* accept4 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define MAX_EVENTS 64
#define BUF_SIZE 16384

struct client {
    int fd;
    int id;
    int eof;     /* the client sent everything (read returned 0) */
    long echoed;
    char buf[BUF_SIZE]; /* bytes read and not yet sent back */
    size_t off, len;
};

static int ep;
static int next_id = 1;

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void accept_all(int listener) {
    for (;;) {
        int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
        if (fd < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return; /* edge-triggered: only now is the backlog known to be empty */
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            die("accept4");
        }
        struct client *c = calloc(1, sizeof *c);
        if (c == NULL)
            die("calloc");
        c->fd = fd;
        c->id = next_id++;
        struct epoll_event ev;
        memset(&ev, 0, sizeof ev);
        ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
        ev.data.ptr = c;
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0)
            die("epoll_ctl(ADD)");
        printf("client %d connected\n", c->id);
    }
}

/* Sends what c->buf holds. Returns 1 when all of it went, 0 when the socket
 * is full, -1 when the connection is broken. */
static int send_pending(struct client *c) {
    while (c->off < c->len) {
        ssize_t n = send(c->fd, c->buf + c->off, c->len - c->off, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            return -1;
        }
        c->off += (size_t)n;
        c->echoed += n;
    }
    c->off = c->len = 0;
    return 1;
}

/* Does everything an edge allows; returns 0 when the client is gone. */
static int serve(struct client *c) {
    for (;;) {
        int r = send_pending(c);
        if (r < 0)
            return 0;
        if (r == 0)
            return 1; /* the next EPOLLOUT edge continues */
        if (c->eof)
            return 0; /* everything echoed */
        ssize_t n = recv(c->fd, c->buf, sizeof c->buf, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 1; /* drained: the next EPOLLIN edge brings more */
            return 0;
        }
        if (n == 0)
            c->eof = 1;
        c->len = (size_t)n;
    }
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 9037;
    int nclients = argc > 2 ? atoi(argv[2]) : 0;
    setvbuf(stdout, NULL, _IOLBF, 0);

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (listener < 0)
        die("socket");
    int yes = 1;
    if (setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes) < 0)
        die("setsockopt");
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((unsigned short)port);
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0)
        die("bind");
    if (listen(listener, SOMAXCONN) < 0)
        die("listen");
    socklen_t len = sizeof addr;
    if (getsockname(listener, (struct sockaddr *)&addr, &len) < 0)
        die("getsockname");
    printf("listening on port %d\n", ntohs(addr.sin_port));

    ep = epoll_create1(0);
    if (ep < 0)
        die("epoll_create1");
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = EPOLLIN | EPOLLET;
    ev.data.ptr = NULL; /* NULL marks the listener */
    if (epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev) < 0)
        die("epoll_ctl(ADD listener)");

    int left = 0;
    struct epoll_event events[MAX_EVENTS];
    while (nclients == 0 || left < nclients) {
        int n = epoll_wait(ep, events, MAX_EVENTS, -1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            die("epoll_wait");
        }
        for (int i = 0; i < n; i++) {
            struct client *c = events[i].data.ptr;
            if (c == NULL) {
                accept_all(listener);
            } else if (!serve(c)) {
                printf("client %d left after %ld bytes\n", c->id, c->echoed);
                close(c->fd); /* closing removes it from the epoll set */
                free(c);
                left++;
            }
        }
    }
    close(ep);
    close(listener);
    printf("server done\n");
    return 0;
}
