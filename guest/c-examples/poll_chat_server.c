/*
 * poll_chat_server.c - a chat server in one process, multiplexed with poll()
 * over non-blocking sockets: every line one client sends is sent to every
 * other connected client.
 *
 * usage: poll_chat_server [PORT [NCLIENTS]]
 *   PORT      port to listen on, on every address (INADDR_ANY); default 9035;
 *             0 lets the system choose, and the port chosen is printed
 *   NCLIENTS  exit once this many clients have come and gone; default 0 = never
 *
 * Same protocol as select_chat_server.c: lines are relayed as
 * "client N: LINE"; the line "/shutdown" stops the server; it prints
 * "listening on port P", "client N connected", "client N left",
 * "server done".
 *
 * Unlike the select() server, a slow client never stalls the others: every
 * socket is non-blocking (accept4(SOCK_NONBLOCK)), what cannot be sent at
 * once waits in that client's output queue, and the client's pollfd asks
 * for POLLOUT only while its queue is not empty.
 */
#define _GNU_SOURCE /* accept4 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define MAX_CLIENTS 1000
#define LINE_MAX_LEN 1024
#define OUT_MAX (1024 * 1024) /* a client that lets this much pile up is dropped */

struct client {
    int id;
    size_t used;                /* bytes of an unfinished line in in */
    char in[LINE_MAX_LEN + 1];
    char *out;                  /* bytes waiting to be sent */
    size_t out_len, out_cap;
};

/* pfds[0] is the listener; pfds[i] and clients[i] (i >= 1) go together. */
static struct pollfd pfds[MAX_CLIENTS + 1];
static struct client clients[MAX_CLIENTS + 1];
static int npfds = 1;

static void die(const char *what) {
    perror(what);
    exit(1);
}

/* Sends what the client's queue holds, as much as the socket takes now.
 * Returns -1 when the connection is broken. */
static int flush(int i) {
    struct client *c = &clients[i];
    size_t off = 0;
    while (off < c->out_len) {
        ssize_t n = send(pfds[i].fd, c->out + off, c->out_len - off, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            return -1;
        }
        off += (size_t)n;
    }
    memmove(c->out, c->out + off, c->out_len - off);
    c->out_len -= off;
    pfds[i].events = c->out_len > 0 ? (POLLIN | POLLOUT) : POLLIN;
    return 0;
}

static void queue(int i, const char *msg, size_t len) {
    struct client *c = &clients[i];
    if (c->out_len + len > OUT_MAX)
        return; /* hopelessly behind; flush() will fail or it will catch up */
    if (c->out_len + len > c->out_cap) {
        size_t cap = c->out_cap ? c->out_cap * 2 : 4096;
        while (cap < c->out_len + len)
            cap *= 2;
        char *p = realloc(c->out, cap);
        if (p == NULL)
            die("realloc");
        c->out = p;
        c->out_cap = cap;
    }
    memcpy(c->out + c->out_len, msg, len);
    c->out_len += len;
}

/* Queues "client N: LINE\n" for every client but the sender, and sends what it can. */
static void broadcast(int from, const char *line) {
    char msg[LINE_MAX_LEN + 32];
    int len = snprintf(msg, sizeof msg, "client %d: %s\n", clients[from].id, line);
    for (int i = 1; i < npfds; i++) {
        if (i == from)
            continue;
        queue(i, msg, (size_t)len);
        if (flush(i) < 0)
            pfds[i].events = POLLOUT; /* broken: the next poll() reports it, and it is dropped */
    }
}

static void drop(int i) {
    printf("client %d left\n", clients[i].id);
    close(pfds[i].fd);
    free(clients[i].out);
    npfds--;
    if (i != npfds) { /* move the last entry into the hole */
        pfds[i] = pfds[npfds];
        clients[i] = clients[npfds];
    }
    memset(&clients[npfds], 0, sizeof clients[npfds]);
}

/* Reads what client i sent and relays each complete line.
 * Returns 1 on "/shutdown", -1 when the client is gone. */
static int serve(int i) {
    struct client *c = &clients[i];
    ssize_t n = recv(pfds[i].fd, c->in + c->used, LINE_MAX_LEN - c->used, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return 0;
    if (n <= 0)
        return -1;
    c->used += (size_t)n;
    char *start = c->in, *nl;
    while ((nl = memchr(start, '\n', c->used - (size_t)(start - c->in))) != NULL) {
        *nl = '\0';
        if (nl > start && nl[-1] == '\r')
            nl[-1] = '\0';
        if (strcmp(start, "/shutdown") == 0)
            return 1;
        broadcast(i, start);
        start = nl + 1;
    }
    c->used -= (size_t)(start - c->in);
    memmove(c->in, start, c->used);
    if (c->used == LINE_MAX_LEN) {
        c->in[c->used] = '\0';
        broadcast(i, c->in);
        c->used = 0;
    }
    return 0;
}

static void accept_all(int listener, int *arrived) {
    for (;;) {
        int conn = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
        if (conn < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                perror("accept4");
            return;
        }
        if (npfds > MAX_CLIENTS) {
            fprintf(stderr, "too many clients\n");
            close(conn);
            continue;
        }
        memset(&clients[npfds], 0, sizeof clients[npfds]);
        clients[npfds].id = ++*arrived;
        pfds[npfds].fd = conn;
        pfds[npfds].events = POLLIN;
        pfds[npfds].revents = 0;
        npfds++;
        printf("client %d connected\n", *arrived);
    }
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 9035;
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
    if (listen(listener, 128) < 0)
        die("listen");
    socklen_t alen = sizeof addr;
    if (getsockname(listener, (struct sockaddr *)&addr, &alen) < 0)
        die("getsockname");
    printf("listening on port %d\n", ntohs(addr.sin_port));

    pfds[0].fd = listener;
    pfds[0].events = POLLIN;
    int arrived = 0, left = 0, stop = 0;

    while (!stop && (nclients == 0 || left < nclients)) {
        if (poll(pfds, (nfds_t)npfds, -1) < 0) {
            if (errno == EINTR)
                continue;
            die("poll");
        }
        if (pfds[0].revents & POLLIN)
            accept_all(listener, &arrived);
        /* Walk backwards: drop() moves the last entry into the hole. */
        for (int i = npfds - 1; i >= 1 && !stop; i--) {
            short re = pfds[i].revents;
            if (re == 0)
                continue;
            int gone = 0;
            if (re & (POLLIN | POLLHUP | POLLERR)) {
                int r = serve(i);
                if (r > 0)
                    stop = 1;
                gone = r < 0;
            }
            if (!gone && !stop && (re & POLLOUT))
                gone = flush(i) < 0;
            if (gone) {
                drop(i);
                left++;
            }
        }
    }
    for (int i = 1; i < npfds; i++)
        close(pfds[i].fd);
    close(listener);
    printf("server done\n");
    return 0;
}
