/*
 * compat_probe.c - one socket feature per argument, each printing what the
 * program sees ("CASE: STEP -> ok" / "-> ENAME" / a value), so a native run
 * and a sandboxed run on Deno or Bun can be compared line by line. The rows
 * of docs/compatibility.md come from running these.
 *
 *   unix-dgram DIR     two named unix datagram sockets in DIR exchange a datagram
 *   unix-unread DIR    a named unix stream closed with unread data: the peer's recv
 *   unix-unlink DIR    a named unix listener closed: does its file stay?
 *   backlog PORT       listen(1) on 127.0.0.1:PORT, 4 non-blocking connects, none accepted
 *   bind-connect PORT  bind 127.0.0.1:PORT+1 then connect to a listener on PORT:
 *                      is the source port the bound one?
 *   broadcast PORT     sendto 127.255.255.255:PORT (lo's broadcast address) without, then with SO_BROADCAST
 *   half-close PORT    shutdown(SHUT_WR): the peer reads EOF and still answers
 *   v6only PORT        a [::]:PORT listener with IPV6_V6ONLY: an IPv4 connect, an IPv4 bind
 *   reuseport PORT     two listeners on 127.0.0.1:PORT with SO_REUSEPORT, a third without
 *   oob PORT           send(MSG_OOB) on a connection, recv(MSG_OOB) at the peer
 *   scm-rights         sendmsg SCM_RIGHTS (a descriptor) over a socketpair, recvmsg it
 *   sigpipe PORT       write (no MSG_NOSIGNAL, SIGPIPE not ignored) to a peer that closed
 *   udp-refused PORT   connected UDP to a closed port: send, then recv
 *   peercred           getsockopt(SO_PEERCRED) on a socketpair
 *   rcvbuf             SO_RCVBUF set to 4096, read back
 *   abstract           bind an abstract unix name ("\0...")
 *   nodelay PORT       TCP_NODELAY and SO_KEEPALIVE set on a connection, read back
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static const char *errname(int e) {
    switch (e) {
#define E(x) case x: return #x;
        E(EPERM) E(ENOENT) E(EBADF) E(EAGAIN) E(EACCES) E(EINVAL) E(EPIPE) E(ENOSYS)
        E(EADDRINUSE) E(EADDRNOTAVAIL) E(ECONNRESET) E(ECONNREFUSED) E(EISCONN) E(ENOTCONN)
        E(EINPROGRESS) E(EAFNOSUPPORT) E(EOPNOTSUPP) E(ENOPROTOOPT) E(ENETUNREACH) E(EMSGSIZE)
        E(EPROTONOSUPPORT) E(ENODEV) E(ETIMEDOUT)
#undef E
    default: {
        static char buf[32];
        snprintf(buf, sizeof buf, "errno %d", e);
        return buf;
    }
    }
}

static const char *current;

static long show(const char *step, long r) {
    if (r < 0) printf("%s: %s -> %s\n", current, step, errname(errno));
    else printf("%s: %s -> ok\n", current, step);
    return r;
}

#define SA(x) ((struct sockaddr *)&(x))

static struct sockaddr_in v4(const char *addr, int port) {
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr(addr);
    a.sin_port = htons((unsigned short)port);
    return a;
}

static struct sockaddr_un un(const char *dir, const char *name) {
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    snprintf(a.sun_path, sizeof a.sun_path, "%s/%s", dir, name);
    return a;
}

/* A listener on 127.0.0.1:port, or -1 (printed). */
static int listener(int port, int backlog) {
    int l = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = v4("127.0.0.1", port);
    if (show("listener bind", bind(l, SA(a), sizeof a)) < 0) return -1;
    show("listener listen", listen(l, backlog));
    return l;
}

/* A connected pair over loopback: *c the client end, return the accepted end. */
static int tcp_pair(int port, int *c) {
    int l = listener(port, 4);
    if (l < 0) exit(1);
    *c = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = v4("127.0.0.1", port);
    show("connect", connect(*c, SA(a), sizeof a));
    int s = accept(l, NULL, NULL);
    show("accept", s);
    close(l);
    return s;
}

static void unix_dgram(const char *dir) {
    struct sockaddr_un a = un(dir, "a.sock"), b = un(dir, "b.sock");
    unlink(a.sun_path);
    unlink(b.sun_path);
    int sa = socket(AF_UNIX, SOCK_DGRAM, 0);
    if (show("socket", sa) < 0) return;
    int sb = socket(AF_UNIX, SOCK_DGRAM, 0);
    show("bind a", bind(sa, SA(a), sizeof a));
    show("bind b", bind(sb, SA(b), sizeof b));
    show("sendto a", sendto(sb, "hi", 2, 0, SA(a), sizeof a));
    char buf[8];
    struct sockaddr_un from;
    socklen_t len = sizeof from;
    ssize_t n = recvfrom(sa, buf, sizeof buf, 0, SA(from), &len);
    if (show("recvfrom", n) >= 0) {
        const char *slash = strrchr(from.sun_path, '/');
        printf("%s: got %d bytes from %s\n", current, (int)n, slash ? slash + 1 : from.sun_path);
    }
    close(sa);
    close(sb);
    unlink(a.sun_path);
    unlink(b.sun_path);
}

static void unix_unread(const char *dir) {
    struct sockaddr_un a = un(dir, "unread.sock");
    unlink(a.sun_path);
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    show("bind", bind(l, SA(a), sizeof a));
    show("listen", listen(l, 4));
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    show("connect", connect(c, SA(a), sizeof a));
    int s = accept(l, NULL, NULL);
    show("accept", s);
    show("send", send(c, "x", 1, 0));
    struct pollfd p = {s, POLLIN, 0};
    poll(&p, 1, 2000);
    close(s); /* with the byte unread */
    char ch;
    struct pollfd q = {c, POLLIN, 0};
    poll(&q, 1, 2000);
    show("recv", recv(c, &ch, 1, MSG_DONTWAIT));
    show("recv again", recv(c, &ch, 1, MSG_DONTWAIT));
    show("send", send(c, "x", 1, MSG_NOSIGNAL));
    close(c);
    close(l);
    unlink(a.sun_path);
}

static void unix_unlink(const char *dir) {
    struct sockaddr_un a = un(dir, "listener.sock");
    unlink(a.sun_path);
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    show("bind", bind(l, SA(a), sizeof a));
    show("listen", listen(l, 4));
    close(l);
    printf("%s: the file is %s after close\n", current, access(a.sun_path, F_OK) == 0 ? "still there" : "gone");
    unlink(a.sun_path);
}

static void backlog(int port) {
    enum { N = 4 };
    int l = listener(port, 1);
    if (l < 0) return;
    int c[N], connected = 0;
    struct sockaddr_in a = v4("127.0.0.1", port);
    for (int i = 0; i < N; i++) {
        c[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        connect(c[i], SA(a), sizeof a);
    }
    for (int i = 0; i < N; i++) {
        struct pollfd p = {c[i], POLLOUT, 0};
        int err = 0;
        socklen_t len = sizeof err;
        if (poll(&p, 1, 500) == 1 && getsockopt(c[i], SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)
            connected++;
    }
    printf("%s: %d of %d connects completed before any accept\n", current, connected, N);
    for (int i = 0; i < N; i++) close(c[i]);
    close(l);
}

static void bind_connect(int port) {
    int l = listener(port, 4);
    if (l < 0) return;
    int c = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(c, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in src = v4("127.0.0.1", port + 1), dst = v4("127.0.0.1", port);
    show("bind the client", bind(c, SA(src), sizeof src));
    show("connect", connect(c, SA(dst), sizeof dst));
    struct sockaddr_in me, peer;
    socklen_t len = sizeof me;
    getsockname(c, SA(me), &len);
    int s = accept(l, SA(peer), &(socklen_t){sizeof peer});
    printf("%s: getsockname gives the bound port: %s\n", current, ntohs(me.sin_port) == port + 1 ? "yes" : "no");
    printf("%s: the server sees the bound port: %s\n", current, ntohs(peer.sin_port) == port + 1 ? "yes" : "no");
    close(s);
    close(c);
    close(l);
}

static void broadcast(int port) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = v4("127.255.255.255", port); /* the broadcast address of lo: nothing leaves the host */
    show("sendto without SO_BROADCAST", sendto(s, "x", 1, 0, SA(a), sizeof a));
    int one = 1, v = 0;
    socklen_t len = sizeof v;
    show("set SO_BROADCAST", setsockopt(s, SOL_SOCKET, SO_BROADCAST, &one, sizeof one));
    getsockopt(s, SOL_SOCKET, SO_BROADCAST, &v, &len);
    printf("%s: SO_BROADCAST reads %d\n", current, v);
    show("sendto with SO_BROADCAST", sendto(s, "x", 1, 0, SA(a), sizeof a));
    close(s);
}

static void half_close(int port) {
    int c, s = tcp_pair(port, &c);
    char buf[16];
    show("client shutdown(SHUT_WR)", shutdown(c, SHUT_WR));
    printf("%s: server read %d (EOF)\n", current, (int)read(s, buf, sizeof buf));
    show("server answers", write(s, "answer", 6));
    ssize_t n = read(c, buf, sizeof buf);
    printf("%s: client read %d bytes: %.*s\n", current, (int)n, n > 0 ? (int)n : 0, buf);
    close(s);
    close(c);
}

static void v6only(int port) {
    int l = socket(AF_INET6, SOCK_STREAM, 0), one = 1;
    show("set IPV6_V6ONLY", setsockopt(l, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one));
    struct sockaddr_in6 a6;
    memset(&a6, 0, sizeof a6);
    a6.sin6_family = AF_INET6;
    a6.sin6_addr = in6addr_any;
    a6.sin6_port = htons((unsigned short)port);
    if (show("bind [::]", bind(l, SA(a6), sizeof a6)) < 0) return;
    show("listen", listen(l, 4));
    int c = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = v4("127.0.0.1", port);
    show("IPv4 connect", connect(c, SA(a), sizeof a));
    close(c);
    int b = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(b, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in any = v4("0.0.0.0", port);
    show("IPv4 bind of the same port", bind(b, SA(any), sizeof any));
    close(b);
    close(l);
}

static void reuseport(int port) {
    int s[3], one = 1;
    struct sockaddr_in a = v4("127.0.0.1", port);
    for (int i = 0; i < 3; i++) {
        s[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (i < 2) show("set SO_REUSEPORT", setsockopt(s[i], SOL_SOCKET, SO_REUSEPORT, &one, sizeof one));
        show(i < 2 ? "bind with SO_REUSEPORT" : "bind without", bind(s[i], SA(a), sizeof a));
        if (i < 2) show("listen", listen(s[i], 4));
    }
    for (int i = 0; i < 3; i++) close(s[i]);
}

static void oob(int port) {
    int c, s = tcp_pair(port, &c);
    show("send(MSG_OOB)", send(c, "!", 1, MSG_OOB));
    char ch = 0;
    struct pollfd p = {s, POLLPRI, 0};
    poll(&p, 1, 500);
    show("recv(MSG_OOB)", recv(s, &ch, 1, MSG_OOB));
    close(s);
    close(c);
}

static void scm_rights(void) {
    int sv[2];
    if (show("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) < 0) return;
    char data = 'x';
    struct iovec iov = {&data, 1};
    union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } ctl;
    memset(&ctl, 0, sizeof ctl);
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctl.b;
    m.msg_controllen = sizeof ctl.b;
    struct cmsghdr *h = CMSG_FIRSTHDR(&m);
    h->cmsg_level = SOL_SOCKET;
    h->cmsg_type = SCM_RIGHTS;
    h->cmsg_len = CMSG_LEN(sizeof(int));
    int fd = 1;
    memcpy(CMSG_DATA(h), &fd, sizeof fd);
    show("sendmsg with SCM_RIGHTS", sendmsg(sv[0], &m, 0));
    memset(&ctl, 0, sizeof ctl);
    struct msghdr r = {0};
    r.msg_iov = &iov;
    r.msg_iovlen = 1;
    r.msg_control = ctl.b;
    r.msg_controllen = sizeof ctl.b;
    if (show("recvmsg", recvmsg(sv[1], &r, MSG_DONTWAIT)) >= 0) {
        struct cmsghdr *g = CMSG_FIRSTHDR(&r);
        printf("%s: control data received: %s\n", current,
               g && g->cmsg_level == SOL_SOCKET && g->cmsg_type == SCM_RIGHTS ? "a descriptor" : "none");
    }
    close(sv[0]);
    close(sv[1]);
}

static void sigpipe(int port) {
    int c, s = tcp_pair(port, &c);
    close(s);
    char buf[4];
    read(c, buf, sizeof buf); /* EOF */
    write(c, "x", 1);         /* the peer answers with a RST */
    struct timespec t = {0, 200 * 1000000L};
    nanosleep(&t, NULL);
    show("write after the peer's RST", write(c, "x", 1)); /* Linux: SIGPIPE ends the program here */
    close(c);
}

static void udp_refused(int port) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct timeval tv = {1, 0};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    struct sockaddr_in a = v4("127.0.0.1", port);
    show("connect", connect(s, SA(a), sizeof a));
    show("send", send(s, "x", 1, 0));
    char ch;
    show("recv", recv(s, &ch, 1, 0));
    close(s);
}

static void peercred(void) {
#ifdef SO_PEERCRED
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    struct ucred cr;
    socklen_t len = sizeof cr;
    show("getsockopt(SO_PEERCRED)", getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &len));
    close(sv[0]);
    close(sv[1]);
#else
    printf("%s: SO_PEERCRED is not defined\n", current);
#endif
}

static void rcvbuf(void) {
    int s = socket(AF_INET, SOCK_STREAM, 0), v = 4096;
    socklen_t len = sizeof v;
    show("set SO_RCVBUF 4096", setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof v));
    getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &len);
    printf("%s: SO_RCVBUF reads %d\n", current, v);
    close(s);
}

static void abstract_name(void) {
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    memcpy(a.sun_path, "\0sockbox-probe", 14);
    show("bind", bind(s, SA(a), (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 14)));
    close(s);
}

static void nodelay(int port) {
    int c, s = tcp_pair(port, &c), one = 1, v = 0;
    socklen_t len = sizeof v;
    show("set TCP_NODELAY", setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
    getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &len);
    printf("%s: TCP_NODELAY reads %d\n", current, v != 0);
    show("set SO_KEEPALIVE", setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one));
    len = sizeof v;
    getsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, &len);
    printf("%s: SO_KEEPALIVE reads %d\n", current, v != 0);
    close(s);
    close(c);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = 1; i < argc; i++) {
        current = argv[i];
        const char *arg = i + 1 < argc ? argv[i + 1] : "0";
        int port = atoi(arg);
        if (strcmp(current, "unix-dgram") == 0) unix_dgram(argv[++i]);
        else if (strcmp(current, "unix-unread") == 0) unix_unread(argv[++i]);
        else if (strcmp(current, "unix-unlink") == 0) unix_unlink(argv[++i]);
        else if (strcmp(current, "backlog") == 0) backlog(port), i++;
        else if (strcmp(current, "bind-connect") == 0) bind_connect(port), i++;
        else if (strcmp(current, "broadcast") == 0) broadcast(port), i++;
        else if (strcmp(current, "half-close") == 0) half_close(port), i++;
        else if (strcmp(current, "v6only") == 0) v6only(port), i++;
        else if (strcmp(current, "reuseport") == 0) reuseport(port), i++;
        else if (strcmp(current, "oob") == 0) oob(port), i++;
        else if (strcmp(current, "scm-rights") == 0) scm_rights();
        else if (strcmp(current, "sigpipe") == 0) sigpipe(port), i++;
        else if (strcmp(current, "udp-refused") == 0) udp_refused(port), i++;
        else if (strcmp(current, "peercred") == 0) peercred();
        else if (strcmp(current, "rcvbuf") == 0) rcvbuf();
        else if (strcmp(current, "abstract") == 0) abstract_name();
        else if (strcmp(current, "nodelay") == 0) nodelay(port), i++;
        else {
            printf("unknown case %s\n", current);
            return 2;
        }
    }
    return 0;
}
