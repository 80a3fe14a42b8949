/*
 * peer_gone_read.c - the peer writes N bytes and closes; this side (after a
 * pause of MS milliseconds) writes twice, then reads everything. As Linux has
 * it: the writes fail (a unix stream: EPIPE at once; TCP: the first is taken,
 * the peer's RST comes back, the second is EPIPE) and the reads still return
 * all N bytes the peer sent before it closed, then 0 (EOF). A write failing
 * must not cost the bytes already received.
 *
 *   peer_gone_read unix DIR MS   a named socket DIR/gone.sock
 *   peer_gone_read tcp MS        loopback TCP
 *
 * SIGPIPE is ignored: this is about the errno and the data.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define N 20000 /* below both socket buffers: the peer's write never blocks */

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

/* A listener, a connected socket and the accepted end, over unix (path) or TCP (path NULL). */
static void connected(const char *path, int *ours, int *peer) {
    struct sockaddr_storage ss;
    socklen_t len;
    memset(&ss, 0, sizeof ss);
    int family = path ? AF_UNIX : AF_INET;
    if (path) {
        struct sockaddr_un *a = (struct sockaddr_un *)&ss;
        a->sun_family = AF_UNIX;
        snprintf(a->sun_path, sizeof a->sun_path, "%s", path);
        len = sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        len = sizeof *a;
    }
    int l = must("socket", socket(family, SOCK_STREAM, 0));
    must("bind", bind(l, (struct sockaddr *)&ss, len));
    must("listen", listen(l, 1));
    must("getsockname", getsockname(l, (struct sockaddr *)&ss, &len)); /* TCP: the port */
    *ours = must("socket", socket(family, SOCK_STREAM, 0));
    must("connect", connect(*ours, (struct sockaddr *)&ss, len));
    *peer = must("accept", accept(l, NULL, NULL));
    close(l);
}

int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_IGN);
    char path[200] = "";
    const char *ms;
    if (argc == 4 && strcmp(argv[1], "unix") == 0) {
        snprintf(path, sizeof path, "%s/gone.sock", argv[2]);
        ms = argv[3];
    } else if (argc == 3 && strcmp(argv[1], "tcp") == 0) {
        ms = argv[2];
    } else {
        fprintf(stderr, "usage: peer_gone_read unix DIR MS | tcp MS\n");
        return 2;
    }
    int ours, peer;
    connected(path[0] ? path : NULL, &ours, &peer);

    static char sent[N], got[N + 1];
    for (int i = 0; i < N; i++)
        sent[i] = (char)('a' + i % 26);
    show("peer: write", write(peer, sent, N));
    show("peer: close", close(peer));
    long pause = atol(ms);
    struct timespec t = {pause / 1000, (pause % 1000) * 1000000L};
    nanosleep(&t, NULL);

    show("write", write(ours, "x", 1));
    show("write again", write(ours, "x", 1));
    long total = 0, r;
    while (total <= N && (r = read(ours, got + total, sizeof got - total)) > 0)
        total += r;
    printf("read: %ld bytes, %s\n", total, total == N && memcmp(got, sent, N) == 0 ? "as sent" : "NOT as sent");
    show("read (EOF)", r);
    show("read again (EOF)", read(ours, got, sizeof got));
    close(ours);
    if (path[0])
        unlink(path);
    return 0;
}
