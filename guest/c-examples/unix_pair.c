/*
 * unix_pair.c - AF_UNIX sockets, both ways the article mentions them:
 *   1. socketpair(AF_UNIX, SOCK_STREAM): ping/pong between two ends
 *   2. socketpair(AF_UNIX, SOCK_DGRAM): datagram boundaries are kept
 *   3. a named stream socket: bind() a path, listen(), connect(), accept()
 *      in one process (connect on a unix socket completes from the backlog)
 *
 * usage: unix_pair [PATH]
 *   PATH  file name for part 3; default /tmp/sockbox_unix_pair.sock
 *         (removed before and after)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void send_text(int fd, const char *text) {
    if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        die("write");
}

static void recv_text(int fd, const char *who) {
    char buf[128];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    if (n < 0)
        die("read");
    buf[n] = '\0';
    printf("%s got %d bytes: %s\n", who, (int)n, buf);
}

static void stream_pair(void) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
        die("socketpair");
    send_text(sv[0], "ping");
    recv_text(sv[1], "stream pair: end 1");
    send_text(sv[1], "pong");
    recv_text(sv[0], "stream pair: end 0");
    close(sv[0]);
    char c;
    ssize_t n = read(sv[1], &c, 1);
    printf("stream pair: end 1 read %d after end 0 closed\n", (int)n);
    close(sv[1]);
}

static void dgram_pair(void) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0)
        die("socketpair");
    send_text(sv[0], "one");
    send_text(sv[0], "two!");
    recv_text(sv[1], "dgram pair: end 1");
    recv_text(sv[1], "dgram pair: end 1");
    close(sv[0]);
    close(sv[1]);
}

static void named(const char *path) {
    struct sockaddr_un addr;
    if (strlen(path) >= sizeof addr.sun_path) {
        fprintf(stderr, "unix_pair: path too long\n");
        exit(2);
    }
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    strcpy(addr.sun_path, path);
    unlink(path);

    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    if (listener < 0)
        die("socket");
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0)
        die("bind");
    if (listen(listener, 5) < 0)
        die("listen");
    struct sockaddr_un bound;
    socklen_t bound_len = sizeof bound;
    if (getsockname(listener, (struct sockaddr *)&bound, &bound_len) < 0)
        die("getsockname");
    printf("server bound to %s\n", bound.sun_path);

    int client = socket(AF_UNIX, SOCK_STREAM, 0);
    if (client < 0)
        die("socket");
    if (connect(client, (struct sockaddr *)&addr, sizeof addr) < 0)
        die("connect");
    printf("client connected\n");

    struct sockaddr_un peer;
    socklen_t peer_len = sizeof peer;
    int conn = accept(listener, (struct sockaddr *)&peer, &peer_len);
    if (conn < 0)
        die("accept");
    /* The client never bound a name: Linux reports just the family. */
    printf("server accepted a client (address length %u)\n", (unsigned)peer_len);

    send_text(client, "hello over a unix socket");
    recv_text(conn, "server");
    send_text(conn, "hello back");
    recv_text(client, "client");

    close(client);
    close(conn);
    close(listener);
    unlink(path);
    printf("named socket closed\n");
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *path = argc > 1 ? argv[1] : "/tmp/sockbox_unix_pair.sock";
    stream_pair();
    dgram_pair();
    named(path);
    return 0;
}
