/*
 * abi_probe.c: drives libsockbox against a fake host (tests/guest/lib/
 * abi_mock_host.ts) that logs every import call with its decoded arguments
 * and answers with fixed values. The combined output (abi_probe.expected)
 * pins down what the library puts on the wire (byte order, enum numbers,
 * flags, option numbers) and how it turns the host's answers back into
 * Linux results. Run by tests/guest/abi_test.ts.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>

static void result(const char *what, long r) {
    if (r < 0)
        printf("%s -> -1 errno=%d\n", what, errno);
    else
        printf("%s -> %ld\n", what, r);
}

static void show_addr(const char *what, const struct sockaddr *sa, socklen_t len) {
    char host[INET6_ADDRSTRLEN] = "?";
    const unsigned char *b = (const unsigned char *)sa;
    if (len == 0) {
        printf("%s: no address (len 0)\n", what);
    } else if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
        printf("%s: inet %s port %u len %u (port bytes %02x %02x)\n", what, host,
               ntohs(in->sin_port), (unsigned)len, b[2], b[3]);
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
        printf("%s: inet6 %s port %u flow %#x scope %u len %u\n", what, host,
               ntohs(in6->sin6_port), ntohl(in6->sin6_flowinfo), in6->sin6_scope_id,
               (unsigned)len);
    } else if (sa->sa_family == AF_UNIX) {
        const struct sockaddr_un *un = (const struct sockaddr_un *)sa;
        printf("%s: unix \"%.*s\" len %u\n", what, len > 2 ? (int)(len - 2) : 0, un->sun_path,
               (unsigned)len);
    } else {
        printf("%s: family %d len %u\n", what, sa->sa_family, (unsigned)len);
    }
}

static void probe_create_bind_connect(void) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    result("socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC)", fd);
    result("socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP)", socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP));
    result("socket(AF_UNIX, SOCK_STREAM)", socket(AF_UNIX, SOCK_STREAM, 0));
    result("socket(12345, SOCK_STREAM)", socket(12345, SOCK_STREAM, 0));
    result("socket(AF_INET, 99)", socket(AF_INET, 99, 0));

    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(8080);
    a.sin_addr.s_addr = inet_addr("127.0.0.1");
    result("bind(127.0.0.1:8080)", bind(fd, (struct sockaddr *)&a, sizeof a));
    result("bind(short length)", bind(fd, (struct sockaddr *)&a, 8));
    result("listen(-1)", listen(fd, -1));
    result("listen(5)", listen(fd, 5));

    struct sockaddr_in6 b;
    memset(&b, 0, sizeof b);
    b.sin6_family = AF_INET6;
    b.sin6_port = htons(443);
    b.sin6_flowinfo = htonl(0x12345);
    b.sin6_addr = in6addr_loopback;
    b.sin6_scope_id = 7;
    result("connect([::1]:443 flow 0x12345 scope 7)", connect(fd, (struct sockaddr *)&b, sizeof b));

    struct sockaddr_un u;
    memset(&u, 0, sizeof u);
    u.sun_family = AF_UNIX;
    strcpy(u.sun_path, "/tmp/probe.sock");
    result("connect(unix /tmp/probe.sock, SUN_LEN)",
           connect(fd, (struct sockaddr *)&u, (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
                                                          strlen(u.sun_path))));
    u.sun_path[0] = '\0';
    result("bind(unix abstract)", bind(fd, (struct sockaddr *)&u, sizeof u));
    struct sockaddr unspec = {AF_UNSPEC, {0}};
    result("connect(AF_UNSPEC)", connect(fd, &unspec, sizeof unspec));
    result("bind(AF_UNSPEC)", bind(fd, &unspec, sizeof unspec));
}

static void probe_accept_names(void) {
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    int c = accept4(3, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK);
    result("accept4(3, SOCK_NONBLOCK)", c);
    show_addr("  peer", (struct sockaddr *)&ss, len);
    struct sockaddr_in small;
    len = 4;
    memset(&small, 0xee, sizeof small);
    result("accept(3) with addrlen 4", accept(3, (struct sockaddr *)&small, &len));
    printf("  addrlen now %u, bytes %02x %02x %02x %02x %02x\n", (unsigned)len,
           ((unsigned char *)&small)[0], ((unsigned char *)&small)[1],
           ((unsigned char *)&small)[2], ((unsigned char *)&small)[3],
           ((unsigned char *)&small)[4]);
    result("accept(3, NULL, NULL)", accept(3, NULL, NULL));
    len = sizeof ss;
    result("getsockname(5)", getsockname(5, (struct sockaddr *)&ss, &len));
    show_addr("  local", (struct sockaddr *)&ss, len);
    len = sizeof ss;
    result("getpeername(6)", getpeername(6, (struct sockaddr *)&ss, &len));
    show_addr("  peer", (struct sockaddr *)&ss, len);
}

static void probe_send_recv(void) {
    char buf[32];
    result("send(3, abc, MSG_NOSIGNAL|MSG_DONTWAIT)", send(3, "abc", 3, MSG_NOSIGNAL | MSG_DONTWAIT));
    result("send(3, MSG_OOB)", send(3, "abc", 3, MSG_OOB));
    memset(buf, 0, sizeof buf);
    result("recv(3, MSG_PEEK|MSG_WAITALL)", recv(3, buf, sizeof buf, MSG_PEEK | MSG_WAITALL));
    printf("  data \"%s\"\n", buf);
    result("recv(3, MSG_DONTWAIT|MSG_TRUNC)", recv(3, buf, 4, MSG_DONTWAIT | MSG_TRUNC));

    struct sockaddr_in to;
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = htons(53);
    to.sin_addr.s_addr = htonl(0x0a000001);
    result("sendto(4, 10.0.0.1:53)", sendto(4, "q", 1, 0, (struct sockaddr *)&to, sizeof to));

    struct sockaddr_in from;
    socklen_t fromlen = sizeof from;
    memset(buf, 0, sizeof buf);
    result("recvfrom(4) udp", recvfrom(4, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen));
    show_addr("  from", (struct sockaddr *)&from, fromlen);
    fromlen = sizeof from;
    result("recvfrom(3) tcp", recvfrom(3, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen));
    printf("  fromlen %u (Linux: 0 for TCP)\n", (unsigned)fromlen);

    char p1[] = "one|", p2[] = "two|", p3[] = "three";
    struct iovec out[3] = {{p1, 4}, {p2, 4}, {p3, 5}};
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_name = &to;
    m.msg_namelen = sizeof to;
    m.msg_iov = out;
    m.msg_iovlen = 3;
    result("sendmsg(4, 3 iovecs, to 10.0.0.1:53)", sendmsg(4, &m, 0));

    char a[4], b[4];
    struct iovec in[2] = {{a, sizeof a}, {b, sizeof b}};
    memset(&m, 0, sizeof m);
    m.msg_name = &from;
    m.msg_namelen = sizeof from;
    m.msg_iov = in;
    m.msg_iovlen = 2;
    m.msg_controllen = 99;
    result("recvmsg(4, 2 iovecs of 4)", recvmsg(4, &m, 0));
    printf("  [%.4s][%.4s] msg_flags %s controllen %u\n", a, b,
           (m.msg_flags & MSG_TRUNC) ? "MSG_TRUNC" : "0", (unsigned)m.msg_controllen);
    show_addr("  from", (struct sockaddr *)&from, m.msg_namelen);
    result("shutdown(3, SHUT_WR)", shutdown(3, SHUT_WR));
    result("shutdown(3, SHUT_RDWR)", shutdown(3, SHUT_RDWR));
    result("shutdown(3, 7)", shutdown(3, 7));
    int sv[2] = {-1, -1};
    result("socketpair(AF_UNIX, SOCK_DGRAM|SOCK_NONBLOCK)",
           socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, sv));
    printf("  sv %d %d\n", sv[0], sv[1]);
}

static void probe_options(void) {
    int off = 0, on = 1, size = 1000, v = -1;
    socklen_t len;
    result("setsockopt(SO_REUSEADDR, 0)", setsockopt(3, SOL_SOCKET, SO_REUSEADDR, &off, sizeof off));
    result("setsockopt(SO_KEEPALIVE, 1)", setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on));
    result("setsockopt(TCP_NODELAY, 1)", setsockopt(3, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on));
    result("setsockopt(IPV6_V6ONLY, 1)", setsockopt(3, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on));
    result("setsockopt(SO_RCVBUF, 1000)", setsockopt(3, SOL_SOCKET, SO_RCVBUF, &size, sizeof size));
    struct timeval tv = {1, 500000};
    result("setsockopt(SO_RCVTIMEO, 1.5s)", setsockopt(3, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    struct timeval zero = {0, 0};
    result("setsockopt(SO_SNDTIMEO, 0)", setsockopt(3, SOL_SOCKET, SO_SNDTIMEO, &zero, sizeof zero));
    struct linger l = {1, 5};
    result("setsockopt(SO_LINGER, on 5s)", setsockopt(3, SOL_SOCKET, SO_LINGER, &l, sizeof l));
    result("setsockopt(SO_REUSEADDR, short)", setsockopt(3, SOL_SOCKET, SO_REUSEADDR, &on, 2));
    result("setsockopt(SO_TYPE)", setsockopt(3, SOL_SOCKET, SO_TYPE, &on, sizeof on));
    result("setsockopt(unknown)", setsockopt(3, SOL_SOCKET, 9999, &on, sizeof on));

    len = sizeof v;
    result("getsockopt(SO_ERROR)", getsockopt(3, SOL_SOCKET, SO_ERROR, &v, &len));
    printf("  value %d (ECONNREFUSED is %d) len %u\n", v, ECONNREFUSED, (unsigned)len);
    len = sizeof v;
    result("getsockopt(SO_TYPE)", getsockopt(3, SOL_SOCKET, SO_TYPE, &v, &len));
    printf("  value %s\n", v == SOCK_STREAM ? "SOCK_STREAM" : v == SOCK_DGRAM ? "SOCK_DGRAM" : "?");
    len = sizeof v;
    result("getsockopt(SO_REUSEADDR)", getsockopt(3, SOL_SOCKET, SO_REUSEADDR, &v, &len));
    printf("  value %d\n", v);
    len = sizeof tv;
    result("getsockopt(SO_RCVTIMEO)", getsockopt(3, SOL_SOCKET, SO_RCVTIMEO, &tv, &len));
    printf("  value %ld.%06ld\n", (long)tv.tv_sec, (long)tv.tv_usec);
    len = sizeof l;
    result("getsockopt(SO_LINGER)", getsockopt(3, SOL_SOCKET, SO_LINGER, &l, &len));
    printf("  value onoff %d linger %d\n", l.l_onoff, l.l_linger);
}

static void probe_names(void) {
    struct addrinfo hints, *res, *p;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    int rv = getaddrinfo("example.com", "http", &hints, &res);
    printf("getaddrinfo(example.com, http) -> %d\n", rv);
    if (rv == 0) {
        for (p = res; p != NULL; p = p->ai_next)
            show_addr("  ai", p->ai_addr, p->ai_addrlen);
        freeaddrinfo(res);
    }
    rv = getaddrinfo("denied.example", "80", &hints, &res);
    printf("getaddrinfo(denied.example) -> %s, errno %d\n", gai_strerror(rv), errno);
    rv = getaddrinfo("localhost", "8080", &hints, &res);
    printf("getaddrinfo(localhost, 8080) -> %d (no host call)\n", rv);
    if (rv == 0) {
        show_addr("  ai", res->ai_addr, res->ai_addrlen);
        freeaddrinfo(res);
    }
    struct hostent *h = gethostbyname("example.com");
    printf("gethostbyname(example.com) -> %s %s\n", h ? h->h_name : "NULL",
           h ? inet_ntoa(*(struct in_addr *)h->h_addr_list[0]) : "");
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    probe_create_bind_connect();
    probe_accept_names();
    probe_send_recv();
    probe_options();
    probe_names();
    /* glibc's texts (libc/strerror.c), not musl's */
    printf("strerror: %s | %s | %s | %s\n", strerror(0), strerror(EADDRINUSE),
           strerror(ECONNREFUSED), strerror(9999));
    return 0;
}
