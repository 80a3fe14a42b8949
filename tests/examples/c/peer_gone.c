/*
 * peer_gone.c - what a TCP program sees when its peer goes away, printed by
 * errno name so that native and sandboxed runs compare line by line.
 *
 *   peer_gone server PORT HOW   listen on 127.0.0.1:PORT, accept one client, then
 *     close      read its line and close (FIN)
 *     unread     wait for its line, close without reading it (Linux sends RST)
 *     linger0    read its line, set SO_LINGER {1, 0} and close (RST)
 *   peer_gone client PORT HOW   connect, send a line, then
 *     close      recv (EOF), send (accepted: the peer's RST comes back),
 *                wait 300 ms, send twice (EPIPE), recv (EOF)
 *     reset      recv (ECONNRESET), recv again (EOF), send (EPIPE)
 *
 * Every wait is bounded (SO_RCVTIMEO, poll timeouts): nothing hangs.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define WAIT_MS 5000

static const char *errname(int e) {
    switch (e) {
#define E(x) case x: return #x;
        E(EAGAIN) E(EBADF) E(EINVAL) E(EPIPE) E(ECONNRESET) E(ECONNREFUSED) E(ENOTCONN)
        E(ETIMEDOUT) E(ECONNABORTED) E(EADDRINUSE) E(EACCES)
#undef E
    default: {
        static char buf[32];
        snprintf(buf, sizeof buf, "errno %d", e);
        return buf;
    }
    }
}

static const char *role;

/* "ROLE: STEP -> N" for a count, "ROLE: STEP -> EOF" for 0 from a read, or the errno's name. */
static long show(const char *step, long r, int is_read) {
    if (r < 0) printf("%s: %s -> %s\n", role, step, errname(errno));
    else if (r == 0 && is_read) printf("%s: %s -> EOF\n", role, step);
    else printf("%s: %s -> %ld\n", role, step, r);
    return r;
}

static void must(const char *what, int r) {
    if (r < 0) {
        printf("%s: %s failed: %s\n", role, what, errname(errno));
        fprintf(stderr, "%s: %s: %s\n", role, what, strerror(errno));
        exit(1);
    }
}

static struct sockaddr_in loopback(int port) {
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((unsigned short)port);
    return a;
}

static void sleep_ms(int ms) {
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static int server(int port, const char *how) {
    int l = socket(AF_INET, SOCK_STREAM, 0);
    must("socket", l);
    int one = 1;
    must("setsockopt", setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    struct sockaddr_in a = loopback(port);
    must("bind", bind(l, (struct sockaddr *)&a, sizeof a));
    must("listen", listen(l, 1));
    printf("server: listening\n");
    int c = accept(l, NULL, NULL);
    must("accept", c);
    close(l);
    printf("server: accepted\n");
    char buf[64];
    if (strcmp(how, "unread") == 0) {
        struct pollfd p = {c, POLLIN, 0};
        show("poll for the client's line", poll(&p, 1, WAIT_MS), 0);
        printf("server: closing without reading it\n");
    } else {
        show("read", read(c, buf, sizeof buf), 1);
        if (strcmp(how, "linger0") == 0) {
            struct linger lg = {1, 0};
            show("SO_LINGER {1, 0}", setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg), 0);
        }
    }
    show("close", close(c), 0);
    return 0;
}

static int client(int port, const char *how) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    must("socket", s);
    struct timeval tv = {WAIT_MS / 1000, 0};
    must("SO_RCVTIMEO", setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    struct sockaddr_in a = loopback(port);
    must("connect", connect(s, (struct sockaddr *)&a, sizeof a));
    printf("client: connected\n");
    show("send a line", send(s, "hello\n", 6, MSG_NOSIGNAL), 0);
    char buf[64];
    if (strcmp(how, "close") == 0) {
        show("recv", recv(s, buf, sizeof buf, 0), 1);
        show("send after the peer closed", send(s, "more\n", 5, MSG_NOSIGNAL), 0);
        sleep_ms(300); /* the peer's RST arrives */
        show("send after its RST", send(s, "more\n", 5, MSG_NOSIGNAL), 0);
        show("send again", send(s, "more\n", 5, MSG_NOSIGNAL), 0);
        show("recv", recv(s, buf, sizeof buf, 0), 1);
    } else {
        show("recv", recv(s, buf, sizeof buf, 0), 1);
        show("recv again", recv(s, buf, sizeof buf, 0), 1);
        show("send", send(s, "more\n", 5, MSG_NOSIGNAL), 0);
    }
    int err = 0;
    socklen_t len = sizeof err;
    must("SO_ERROR", getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len));
    printf("client: SO_ERROR %s\n", err ? errname(err) : "0");
    close(s);
    return 0;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc != 4) {
        fprintf(stderr, "usage: peer_gone server|client PORT HOW\n");
        return 2;
    }
    role = argv[1];
    int port = atoi(argv[2]);
    if (strcmp(role, "server") == 0) return server(port, argv[3]);
    if (strcmp(role, "client") == 0) return client(port, argv[3]);
    fprintf(stderr, "peer_gone: unknown role %s\n", role);
    return 2;
}
