/*
 * select_chat_server.c - a chat server in one process, multiplexed with select():
 * every line one client sends is sent to every other connected client.
 *
 * usage: select_chat_server [PORT [NCLIENTS]]
 *   PORT      port to listen on, on every address (INADDR_ANY); default 9034;
 *             0 lets the system choose, and the port chosen is printed
 *   NCLIENTS  exit once this many clients have come and gone; default 0 = never
 *
 * A client that sends the line "/shutdown" stops the server. Each line is
 * relayed as "client N: LINE", N being the client's number (1, 2, ... in
 * order of arrival). The server prints "listening on port P",
 * "client N connected", "client N left" and, when it stops, "server done".
 *
 * The classic shape (Beej's selectserver): one fd_set of every descriptor,
 * a copy handed to select() each time round, the listener's readability
 * meaning a connection to accept, a client's meaning data or EOF.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define LINE_MAX_LEN 1024

struct client {
    int id;                       /* 0: this slot is free */
    size_t used;                  /* bytes of an unfinished line in buf */
    char buf[LINE_MAX_LEN + 1];
};

static struct client clients[FD_SETSIZE]; /* indexed by descriptor */
static fd_set all_fds;
static int max_fd;

static void die(const char *what) {
    perror(what);
    exit(1);
}

static int write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static void drop(int fd) {
    printf("client %d left\n", clients[fd].id);
    close(fd);
    FD_CLR(fd, &all_fds);
    clients[fd].id = 0;
}

/* Sends "client N: LINE\n" to every client but the sender. */
static void broadcast(int from, const char *line) {
    char msg[LINE_MAX_LEN + 32];
    int len = snprintf(msg, sizeof msg, "client %d: %s\n", clients[from].id, line);
    for (int fd = 0; fd <= max_fd; fd++) {
        if (fd != from && clients[fd].id != 0 && write_all(fd, msg, (size_t)len) < 0)
            perror("send"); /* that client is gone; its EOF will come through select() */
    }
}

/* Reads what a client sent and relays each complete line. Returns 1 on "/shutdown". */
static int serve(int fd, int *left) {
    struct client *c = &clients[fd];
    ssize_t n = recv(fd, c->buf + c->used, LINE_MAX_LEN - c->used, 0);
    if (n <= 0) {
        if (n < 0)
            perror("recv");
        drop(fd);
        (*left)++;
        return 0;
    }
    c->used += (size_t)n;
    char *start = c->buf, *nl;
    while ((nl = memchr(start, '\n', c->used - (size_t)(start - c->buf))) != NULL) {
        *nl = '\0';
        if (nl > start && nl[-1] == '\r')
            nl[-1] = '\0';
        if (strcmp(start, "/shutdown") == 0)
            return 1;
        broadcast(fd, start);
        start = nl + 1;
    }
    c->used -= (size_t)(start - c->buf);
    memmove(c->buf, start, c->used);
    if (c->used == LINE_MAX_LEN) { /* a line too long for the buffer: relay it in pieces */
        c->buf[c->used] = '\0';
        broadcast(fd, c->buf);
        c->used = 0;
    }
    return 0;
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 9034;
    int nclients = argc > 2 ? atoi(argv[2]) : 0;
    setvbuf(stdout, NULL, _IOLBF, 0);

    int listener = socket(AF_INET, SOCK_STREAM, 0);
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

    FD_ZERO(&all_fds);
    FD_SET(listener, &all_fds);
    max_fd = listener;
    int arrived = 0, left = 0, stop = 0;

    while (!stop && (nclients == 0 || left < nclients)) {
        fd_set readable = all_fds;
        if (select(max_fd + 1, &readable, NULL, NULL, NULL) < 0) {
            if (errno == EINTR)
                continue;
            die("select");
        }
        for (int fd = 0; fd <= max_fd && !stop; fd++) {
            if (!FD_ISSET(fd, &readable))
                continue;
            if (fd != listener) {
                stop = serve(fd, &left);
                continue;
            }
            struct sockaddr_in peer;
            socklen_t plen = sizeof peer;
            int conn = accept(listener, (struct sockaddr *)&peer, &plen);
            if (conn < 0) {
                perror("accept");
                continue;
            }
            if (conn >= FD_SETSIZE) {
                fprintf(stderr, "too many clients\n");
                close(conn);
                continue;
            }
            clients[conn].id = ++arrived;
            clients[conn].used = 0;
            FD_SET(conn, &all_fds);
            if (conn > max_fd)
                max_fd = conn;
            printf("client %d connected\n", arrived);
        }
    }
    for (int fd = 0; fd <= max_fd; fd++) {
        if (clients[fd].id != 0)
            close(fd);
    }
    close(listener);
    printf("server done\n");
    return 0;
}
