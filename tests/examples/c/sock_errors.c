/*
 * sock_errors.c - the socket error cases of issue 3, one per argument, each
 * on fresh sockets; prints "CASE: STEP NAME" for every step, NAME being "ok"
 * or the errno's name, so that a native run and a sandboxed one can be
 * compared line by line.
 *
 *   refused PORT         connect to 127.0.0.1:PORT, where nothing listens
 *   inuse PORT           TCP bind to 0.0.0.0:PORT (someone listens there), then listen
 *   inuse-udp PORT       UDP bind to 0.0.0.0:PORT (someone is bound there)
 *   notconn              send/recv/getpeername/shutdown on a fresh TCP socket
 *   isconn PORT          listen on 127.0.0.1:PORT, connect, connect again,
 *                        sendto with an address on the connected socket
 *   unix-notconn PATH    send on a fresh unix stream socket, sendto PATH on it,
 *                        and sendto PATH on a connected one (a socketpair end)
 *   unix-reset           a socketpair end closed with unread data: the other
 *                        end's recv says ECONNRESET once, then EOF; send EPIPE
 *   unix-gone PATH       the peer of a unix stream closed (nothing unread): a socketpair
 *                        end, then a named socket at PATH: recv EOF, send EPIPE
 *   einval PATH          listen on an unbound unix socket (PATH unused), accept
 *                        on a fresh TCP socket and on a bound one not listening
 *   afnosupport PORT     bind and connect an AF_INET socket with a sockaddr_in6
 *   denied PORT          connect to 127.0.0.1:PORT and bind 0.0.0.0:PORT
 *                        (the sandbox refuses both without a grant)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static const char *errname(int e) {
    switch (e) {
#define E(x) case x: return #x;
        E(EPERM) E(ENOENT) E(EBADF) E(EAGAIN) E(EACCES) E(EFAULT) E(EINVAL) E(EPIPE)
        E(ENOTSOCK) E(EADDRINUSE) E(EADDRNOTAVAIL) E(ECONNABORTED) E(ECONNRESET)
        E(ECONNREFUSED) E(EISCONN) E(ENOTCONN) E(ETIMEDOUT) E(EALREADY) E(EINPROGRESS)
        E(EAFNOSUPPORT) E(EOPNOTSUPP) E(EDESTADDRREQ) E(EMSGSIZE) E(ENOSYS) E(EPROTOTYPE)
#undef E
    default: {
        static char buf[32];
        snprintf(buf, sizeof buf, "errno %d", e);
        return buf;
    }
    }
}

static const char *current;

/* Prints "CASE: STEP ok" or "CASE: STEP ENAME"; returns r. */
static long show(const char *step, long r) {
    printf("%s: %s %s\n", current, step, r < 0 ? errname(errno) : "ok");
    return r;
}

/* A fresh socket, or the program ends saying why. */
static int sock(int family, int type) {
    int s = socket(family, type, 0);
    if (s < 0) {
        printf("%s: socket %s\n", current, errname(errno));
        exit(1);
    }
    return s;
}

static struct sockaddr_in v4(const char *addr, int port) {
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr(addr);
    a.sin_port = htons((unsigned short)port);
    return a;
}

#define SA(x) ((struct sockaddr *)&(x))

static void refused(int port) {
    int s = sock(AF_INET, SOCK_STREAM);
    struct sockaddr_in a = v4("127.0.0.1", port);
    show("connect", connect(s, SA(a), sizeof a));
    /* Linux: the failed socket is reset; a send now says EPIPE (the error was taken). */
    show("send after the refusal", send(s, "x", 1, MSG_NOSIGNAL));
    close(s);
}

static void inuse(int port, int type) {
    int s = sock(AF_INET, type);
    struct sockaddr_in a = v4("0.0.0.0", port);
    if (show("bind", bind(s, SA(a), sizeof a)) < 0 && type == SOCK_STREAM) {
        /* The failed bind left the socket unbound: listen() binds an ephemeral port. */
        show("listen after the failed bind", listen(s, 1));
    }
    close(s);
}

static void notconn(void) {
    int s = sock(AF_INET, SOCK_STREAM);
    char c;
    struct sockaddr_in peer;
    socklen_t len = sizeof peer;
    show("send", send(s, "x", 1, MSG_NOSIGNAL));
    show("recv", recv(s, &c, 1, MSG_DONTWAIT));
    show("getpeername", getpeername(s, SA(peer), &len));
    show("shutdown", shutdown(s, SHUT_WR));
    close(s);
}

static void isconn(int port) {
    int l = sock(AF_INET, SOCK_STREAM);
    int one = 1;
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = v4("127.0.0.1", port);
    if (show("bind the listener", bind(l, SA(a), sizeof a)) < 0) exit(1);
    show("listen", listen(l, 4));
    int s = sock(AF_INET, SOCK_STREAM);
    show("connect", connect(s, SA(a), sizeof a));
    show("connect again", connect(s, SA(a), sizeof a));
    show("listen on the connected socket", listen(s, 1));
    /* Linux ignores the address of a sendto on a connected TCP socket. */
    show("sendto with an address", sendto(s, "x", 1, MSG_NOSIGNAL, SA(a), sizeof a));
    show("connect the listener", connect(l, SA(a), sizeof a));
    close(s);
    close(l);
}

static void unix_notconn(const char *path) {
    struct sockaddr_un un;
    memset(&un, 0, sizeof un);
    un.sun_family = AF_UNIX;
    strncpy(un.sun_path, path, sizeof un.sun_path - 1);
    int u = sock(AF_UNIX, SOCK_STREAM);
    show("send", send(u, "x", 1, MSG_NOSIGNAL));
    show("sendto", sendto(u, "x", 1, MSG_NOSIGNAL, SA(un), sizeof un));
    close(u);
    int sv[2];
    if (show("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) < 0) return;
    show("sendto on a socketpair end", sendto(sv[0], "x", 1, MSG_NOSIGNAL, SA(un), sizeof un));
    close(sv[0]);
    close(sv[1]);
}

static void unix_reset(void) {
    int sv[2];
    char c;
    if (show("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) < 0) return;
    show("send to the other end", send(sv[0], "x", 1, MSG_NOSIGNAL));
    close(sv[1]); /* with the byte unread */
    show("recv", recv(sv[0], &c, 1, MSG_DONTWAIT));
    show("recv again", recv(sv[0], &c, 1, MSG_DONTWAIT));
    show("send", send(sv[0], "x", 1, MSG_NOSIGNAL));
    close(sv[0]);
}

static void unix_gone(const char *path) {
    int sv[2];
    char c;
    if (show("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) < 0) return;
    close(sv[1]);
    show("pair: send", send(sv[0], "x", 1, MSG_NOSIGNAL));
    show("pair: recv", recv(sv[0], &c, 1, MSG_DONTWAIT));
    close(sv[0]);
    struct sockaddr_un un;
    memset(&un, 0, sizeof un);
    un.sun_family = AF_UNIX;
    strncpy(un.sun_path, path, sizeof un.sun_path - 1);
    unlink(path);
    int l = sock(AF_UNIX, SOCK_STREAM);
    show("bind", bind(l, SA(un), sizeof un));
    show("listen", listen(l, 1));
    int s = sock(AF_UNIX, SOCK_STREAM);
    show("connect", connect(s, SA(un), sizeof un));
    int a = accept(l, NULL, NULL);
    show("accept", a);
    close(a);
    show("named: recv", recv(s, &c, 1, 0)); /* blocks until the close is seen: EOF */
    show("named: send", send(s, "x", 1, MSG_NOSIGNAL));
    show("named: send again", send(s, "x", 1, MSG_NOSIGNAL));
    close(s);
    close(l);
    unlink(path);
}

static void einval(const char *path) {
    int u = sock(AF_UNIX, SOCK_STREAM);
    show("listen on an unbound unix socket", listen(u, 1));
    close(u);
    u = sock(AF_UNIX, SOCK_STREAM);
    struct sockaddr_un un;
    memset(&un, 0, sizeof un);
    un.sun_family = AF_UNIX;
    strncpy(un.sun_path, path, sizeof un.sun_path - 1);
    unlink(path);
    show("bind a unix socket", bind(u, SA(un), sizeof un));
    show("bind it again", bind(u, SA(un), sizeof un));
    show("accept on the bound unix socket", accept(u, NULL, NULL));
    close(u);
    unlink(path);
    int s = sock(AF_INET, SOCK_STREAM);
    show("accept on a fresh TCP socket", accept(s, NULL, NULL));
    close(s);
    s = sock(AF_INET, SOCK_STREAM);
    show("shutdown(42) on a fresh TCP socket", shutdown(s, 42));
    close(s);
}

static void afnosupport(int port) {
    struct sockaddr_in6 a6;
    memset(&a6, 0, sizeof a6);
    a6.sin6_family = AF_INET6;
    a6.sin6_addr = in6addr_loopback;
    a6.sin6_port = htons((unsigned short)port);
    int s = sock(AF_INET, SOCK_STREAM);
    show("bind a sockaddr_in6", bind(s, SA(a6), sizeof a6));
    show("connect a sockaddr_in6", connect(s, SA(a6), sizeof a6));
    close(s);
    s = sock(AF_INET, SOCK_DGRAM);
    show("sendto a sockaddr_in6", sendto(s, "x", 1, 0, SA(a6), sizeof a6));
    close(s);
}

static void denied(int port) {
    int s = sock(AF_INET, SOCK_STREAM);
    struct sockaddr_in a = v4("127.0.0.1", port);
    show("connect", connect(s, SA(a), sizeof a));
    close(s);
    s = sock(AF_INET, SOCK_STREAM);
    a = v4("0.0.0.0", port);
    show("bind", bind(s, SA(a), sizeof a));
    close(s);
    s = sock(AF_INET, SOCK_DGRAM);
    a = v4("127.0.0.1", port);
    show("sendto", sendto(s, "x", 1, 0, SA(a), sizeof a));
    close(s);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = 1; i < argc; i++) {
        current = argv[i];
        if (strcmp(current, "refused") == 0) refused(atoi(argv[++i]));
        else if (strcmp(current, "inuse") == 0) inuse(atoi(argv[++i]), SOCK_STREAM);
        else if (strcmp(current, "inuse-udp") == 0) inuse(atoi(argv[++i]), SOCK_DGRAM);
        else if (strcmp(current, "notconn") == 0) notconn();
        else if (strcmp(current, "isconn") == 0) isconn(atoi(argv[++i]));
        else if (strcmp(current, "unix-notconn") == 0) unix_notconn(argv[++i]);
        else if (strcmp(current, "unix-reset") == 0) unix_reset();
        else if (strcmp(current, "unix-gone") == 0) unix_gone(argv[++i]);
        else if (strcmp(current, "einval") == 0) einval(argv[++i]);
        else if (strcmp(current, "afnosupport") == 0) afnosupport(atoi(argv[++i]));
        else if (strcmp(current, "denied") == 0) denied(atoi(argv[++i]));
        else {
            printf("unknown case %s\n", current);
            return 2;
        }
    }
    return 0;
}
