/*
 * epoll_echo_server.c - the classic non-blocking epoll echo server
 * (level-triggered): one process, one epoll set, every socket non-blocking;
 * every byte a client sends comes back to it.
 *
 * usage: epoll_echo_server [PORT [NCLIENTS]]
 *   PORT      port to listen on, on every address (INADDR_ANY); default 9036;
 *             0 lets the system choose, and the port chosen is printed
 *   NCLIENTS  exit once this many clients have come and gone; default 0 = never
 *
 * Prints "listening on port P", "client N connected", "client N left after
 * B bytes", "server done".
 *
 * The listener and each client are in the epoll set. A readable listener
 * means connections to accept (accept4(SOCK_NONBLOCK) until EAGAIN). A
 * readable client has data: it is echoed at once, and what the socket
 * cannot take waits in the client's buffer while the client is watched for
 * EPOLLOUT instead of EPOLLIN (so a client that does not read its echoes
 * is not read from either); once the buffer is sent, EPOLLIN again. A read
 * of 0 (the client closed or shut its side) ends the client.
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

static void set_events(struct client *c, uint32_t events) {
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = events;
    ev.data.ptr = c;
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0)
        die("epoll_ctl(MOD)");
}

static void drop(struct client *c) {
    printf("client %d left after %ld bytes\n", c->id, c->echoed);
    close(c->fd); /* closing removes it from the epoll set */
    free(c);
}

static void accept_all(int listener) {
    for (;;) {
        int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
        if (fd < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
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
        ev.events = EPOLLIN;
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

/* Handles an event of a client (readable, writable, or an error or hang-up,
 * which the next call reports); returns 0 when the client is gone. */
static int serve(struct client *c) {
    if (c->len > 0) { /* watched for EPOLLOUT: finish the echo first */
        int r = send_pending(c);
        if (r > 0)
            set_events(c, EPOLLIN);
        return r >= 0;
    }
    ssize_t n = recv(c->fd, c->buf, sizeof c->buf, 0);
    if (n < 0)
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
    if (n == 0)
        return 0;
    c->len = (size_t)n;
    int r = send_pending(c);
    if (r == 0)
        set_events(c, EPOLLOUT);
    return r >= 0;
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 9036;
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
    ev.events = EPOLLIN;
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
                drop(c);
                left++;
            }
        }
    }
    close(ep);
    close(listener);
    printf("server done\n");
    return 0;
}
