/*
 * nonblock_client.c - connect with a timeout, the classic way: a non-blocking
 * connect() that says EINPROGRESS, poll() for POLLOUT with the timeout, then
 * getsockopt(SO_ERROR) for the outcome. Then it sends one line and prints
 * what comes back until the server closes, still never blocking for longer
 * than the timeout.
 *
 * usage: nonblock_client [ADDR [PORT [TIMEOUT_MS [MESSAGE...]]]]
 *   ADDR        numeric IPv4 or IPv6 address; default 127.0.0.1
 *   PORT        default 8080
 *   TIMEOUT_MS  for the connect and for each wait for the reply; default 3000
 *   MESSAGE     words sent as one line; default "hello"
 *
 * Prints "connecting to A port P", then "connected", "sent: M",
 * "reply: LINE" for each line received and "server closed the connection".
 * Exit status: 0 done, 1 usage or system error, 2 connection failed
 * ("connect failed: REASON"), 3 timed out ("connect timed out after N ms",
 * "no reply within N ms").
 */
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

#define EXIT_FAILED 2
#define EXIT_TIMEOUT 3

static void die(const char *what) {
    perror(what);
    exit(1);
}

/* Fills `ss` from a numeric IPv4 or IPv6 address. */
static socklen_t parse_addr(const char *text, int port, struct sockaddr_storage *ss) {
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, text, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((unsigned short)port);
        return sizeof *in4;
    }
    if (inet_pton(AF_INET6, text, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((unsigned short)port);
        return sizeof *in6;
    }
    fprintf(stderr, "not a numeric address: %s\n", text);
    exit(1);
}

/* Connects `fd` (non-blocking) within `timeout_ms`, or exits saying why not. */
static void connect_timeout(int fd, const struct sockaddr *sa, socklen_t len, int timeout_ms) {
    if (connect(fd, sa, len) == 0)
        return; /* at once (a unix socket, say) */
    if (errno != EINPROGRESS) {
        printf("connect failed: %s\n", strerror(errno));
        exit(EXIT_FAILED);
    }
    struct pollfd p = {fd, POLLOUT, 0};
    int n;
    do
        n = poll(&p, 1, timeout_ms);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        die("poll");
    if (n == 0) {
        printf("connect timed out after %d ms\n", timeout_ms);
        exit(EXIT_TIMEOUT);
    }
    int err = 0;
    socklen_t elen = sizeof err;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0)
        die("getsockopt");
    if (err != 0) {
        printf("connect failed: %s\n", strerror(err));
        exit(EXIT_FAILED);
    }
}

static void send_all(int fd, const char *buf, size_t len, int timeout_ms) {
    while (len > 0) {
        ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EAGAIN) {
            struct pollfd p = {fd, POLLOUT, 0};
            if (poll(&p, 1, timeout_ms) == 0) {
                printf("send timed out after %d ms\n", timeout_ms);
                exit(EXIT_TIMEOUT);
            }
            continue;
        }
        if (n < 0)
            die("send");
        buf += n;
        len -= (size_t)n;
    }
}

int main(int argc, char **argv) {
    const char *host = argc > 1 ? argv[1] : "127.0.0.1";
    int port = argc > 2 ? atoi(argv[2]) : 8080;
    int timeout_ms = argc > 3 ? atoi(argv[3]) : 3000;
    setvbuf(stdout, NULL, _IOLBF, 0);

    char msg[1024] = "";
    for (int i = 4; i < argc; i++) {
        if (i > 4)
            strncat(msg, " ", sizeof msg - strlen(msg) - 1);
        strncat(msg, argv[i], sizeof msg - strlen(msg) - 1);
    }
    if (argc <= 4)
        strcpy(msg, "hello");

    struct sockaddr_storage ss;
    socklen_t len = parse_addr(host, port, &ss);
    int fd = socket(ss.ss_family, SOCK_STREAM, 0);
    if (fd < 0)
        die("socket");
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        die("fcntl");

    printf("connecting to %s port %d\n", host, port);
    connect_timeout(fd, (struct sockaddr *)&ss, len, timeout_ms);
    printf("connected\n");

    char line[1100];
    int n = snprintf(line, sizeof line, "%s\n", msg);
    send_all(fd, line, (size_t)n, timeout_ms);
    printf("sent: %s\n", msg);

    char buf[4096];
    size_t used = 0;
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, timeout_ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            die("poll");
        if (r == 0) {
            printf("no reply within %d ms\n", timeout_ms);
            return EXIT_TIMEOUT;
        }
        ssize_t got = recv(fd, buf + used, sizeof buf - 1 - used, 0);
        if (got < 0 && errno == EAGAIN)
            continue;
        if (got < 0)
            die("recv");
        if (got == 0)
            break;
        used += (size_t)got;
        buf[used] = '\0';
        char *start = buf, *nl;
        while ((nl = strchr(start, '\n')) != NULL) {
            *nl = '\0';
            printf("reply: %s\n", start);
            start = nl + 1;
        }
        used = strlen(start);
        memmove(buf, start, used);
        if (used == sizeof buf - 1) { /* a line longer than the buffer */
            printf("reply: %s\n", buf);
            used = 0;
        }
    }
    if (used > 0) {
        buf[used] = '\0';
        printf("reply: %s\n", buf);
    }
    printf("server closed the connection\n");
    close(fd);
    return 0;
}
