/*
 * peer_closed.c - a unix stream socket whose peer has closed, as Linux has
 * it: the first write fails with EPIPE (no write is accepted first, unlike
 * TCP; on a socketpair right after the close), and reads still return the
 * data the peer sent before it closed, then 0 (EOF), never an error.
 *
 *   peer_closed pair      a socketpair
 *   peer_closed unix DIR  a named socket DIR/peer.sock, connected and accepted
 *
 * SIGPIPE is ignored: this is about the errno.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void show(const char *what, long r) {
    if (r < 0)
        printf("%s -> %s\n", what, errno == EPIPE ? "EPIPE" : strerror(errno));
    else
        printf("%s -> %ld\n", what, r);
}

static int must(const char *what, int r) {
    if (r < 0) {
        printf("%s failed: %s\n", what, strerror(errno));
        _exit(1);
    }
    return r;
}

int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_IGN);
    int sv[2];
    char path[200] = "";
    if (argc == 2 && strcmp(argv[1], "pair") == 0) {
        must("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    } else if (argc == 3 && strcmp(argv[1], "unix") == 0) {
        struct sockaddr_un a;
        memset(&a, 0, sizeof a);
        a.sun_family = AF_UNIX;
        snprintf(path, sizeof path, "%s/peer.sock", argv[2]);
        snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
        int l = must("socket", socket(AF_UNIX, SOCK_STREAM, 0));
        must("bind", bind(l, (struct sockaddr *)&a, sizeof a));
        must("listen", listen(l, 1));
        sv[0] = must("socket", socket(AF_UNIX, SOCK_STREAM, 0));
        must("connect", connect(sv[0], (struct sockaddr *)&a, sizeof a));
        sv[1] = must("accept", accept(l, NULL, NULL));
        close(l);
    } else {
        fprintf(stderr, "usage: peer_closed pair | unix DIR\n");
        return 2;
    }
    show("peer: write 5 bytes", write(sv[1], "hello", 5));
    show("peer: close", close(sv[1]));
    /* A pair's close is seen at once. A named peer's close reaches the sandbox through its host:
     * until then Deno takes writes (Linux knows at once), so this waits for it to be seen. No
     * wait at all, and the data still comes before EOF: tests/libc/c/peer_gone_read.c. */
    if (path[0]) {
        struct pollfd p = {sv[0], POLLIN, 0};
        show("poll (POLLIN) until the close is seen", poll(&p, 1, 5000));
    }
    show("write", write(sv[0], "x", 1));
    show("write again", write(sv[0], "x", 1));
    show("send", send(sv[0], "x", 1, 0));
    char buf[16];
    show("read (the data sent before the close)", read(sv[0], buf, sizeof buf));
    show("read (EOF)", read(sv[0], buf, sizeof buf));
    show("recv (EOF)", recv(sv[0], buf, sizeof buf, 0));
    show("write after EOF", write(sv[0], "x", 1));
    close(sv[0]);
    if (path[0])
        unlink(path);
    return 0;
}
