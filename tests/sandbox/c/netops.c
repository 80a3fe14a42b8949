/*
 * netops.c - tries the network operations named on its command line, one
 * fresh socket each, with the classic socket API, and prints what each gave:
 *
 *   tcp-bind ADDR PORT     socket, bind
 *   tcp-listen ADDR PORT   socket, bind, listen
 *   tcp-listen0            socket, listen (Linux binds an ephemeral port)
 *   tcp-connect ADDR PORT  socket, connect
 *   udp-bind ADDR PORT     socket, bind
 *   udp-send ADDR PORT     socket, sendto
 *   udp-connect ADDR PORT  socket, connect
 *   resolve NAME           getaddrinfo
 *   unix-bind PATH         socket, bind
 *   unix-connect PATH      socket, connect
 *   unix-send PATH         datagram socket, sendto
 *
 * ADDR is IPv4 or IPv6 text. Each line reads "OP ARGS: OK" or "OP ARGS: ENAME"
 * ("OP ARGS: socket ENAME" when the socket itself could not be made).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static const char *errname(int e) {
    switch (e) {
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EADDRINUSE: return "EADDRINUSE";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case ECONNREFUSED: return "ECONNREFUSED";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EINVAL: return "EINVAL";
    case ENOENT: return "ENOENT";
    case ENOBUFS: return "ENOBUFS";
    case EMFILE: return "EMFILE";
    case ENETUNREACH: return "ENETUNREACH";
    default: return strerror(e);
    }
}

/* Fills a sockaddr for ADDR PORT; returns its length, 0 if ADDR is not an address. */
static socklen_t inet(const char *addr, const char *port, struct sockaddr_storage *ss) {
    memset(ss, 0, sizeof *ss);
    if (strchr(addr, ':')) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((unsigned short)atoi(port));
        return inet_pton(AF_INET6, addr, &a->sin6_addr) == 1 ? sizeof *a : 0;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    a->sin_family = AF_INET;
    a->sin_port = htons((unsigned short)atoi(port));
    return inet_pton(AF_INET, addr, &a->sin_addr) == 1 ? sizeof *a : 0;
}

static socklen_t unixaddr(const char *path, struct sockaddr_un *a) {
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    strncpy(a->sun_path, path, sizeof a->sun_path - 1);
    return sizeof *a;
}

static void report(const char *what, int rc) {
    if (rc == -2) printf("%s: socket %s\n", what, errname(errno));
    else if (rc == 0) printf("%s: OK\n", what);
    else printf("%s: %s\n", what, errname(errno));
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc;) {
        const char *op = argv[i];
        char what[256];
        struct sockaddr_storage ss;
        struct sockaddr_un su;
        int rc = -1, fd = -1;
        if (strcmp(op, "tcp-listen0") == 0) {
            fd = socket(AF_INET, SOCK_STREAM, 0);
            rc = listen(fd, 4);
            report(op, rc);
            i += 1;
        } else if (strcmp(op, "resolve") == 0 && i + 1 < argc) {
            struct addrinfo hints, *res = NULL;
            memset(&hints, 0, sizeof hints);
            hints.ai_socktype = SOCK_STREAM;
            errno = 0;
            int g = getaddrinfo(argv[i + 1], "80", &hints, &res);
            snprintf(what, sizeof what, "%s %s", op, argv[i + 1]);
            if (g == 0) printf("%s: OK\n", what);
            else if (g == EAI_SYSTEM) printf("%s: EAI_SYSTEM %s\n", what, errname(errno));
            else printf("%s: %s\n", what, gai_strerror(g));
            if (res) freeaddrinfo(res);
            i += 2;
        } else if (strncmp(op, "unix-", 5) == 0 && i + 1 < argc) {
            socklen_t len = unixaddr(argv[i + 1], &su);
            snprintf(what, sizeof what, "%s %s", op, argv[i + 1]);
            if (strcmp(op, "unix-send") == 0) {
                fd = socket(AF_UNIX, SOCK_DGRAM, 0);
                rc = fd < 0 ? -2 : sendto(fd, "x", 1, 0, (struct sockaddr *)&su, len) == 1 ? 0 : -1;
            } else {
                fd = socket(AF_UNIX, SOCK_STREAM, 0);
                if (strcmp(op, "unix-bind") == 0) rc = bind(fd, (struct sockaddr *)&su, len);
                else rc = connect(fd, (struct sockaddr *)&su, len);
            }
            report(what, rc);
            i += 2;
        } else if (i + 2 < argc) {
            socklen_t len = inet(argv[i + 1], argv[i + 2], &ss);
            snprintf(what, sizeof what, "%s %s %s", op, argv[i + 1], argv[i + 2]);
            if (len == 0) {
                printf("%s: bad address\n", what);
                return 2;
            }
            int udp = strncmp(op, "udp-", 4) == 0;
            fd = socket(ss.ss_family, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
            if (strcmp(op, "tcp-bind") == 0 || strcmp(op, "udp-bind") == 0) {
                rc = bind(fd, (struct sockaddr *)&ss, len);
            } else if (strcmp(op, "tcp-listen") == 0) {
                rc = bind(fd, (struct sockaddr *)&ss, len);
                if (rc == 0) rc = listen(fd, 4);
            } else if (strcmp(op, "tcp-connect") == 0 || strcmp(op, "udp-connect") == 0) {
                rc = connect(fd, (struct sockaddr *)&ss, len);
            } else if (strcmp(op, "udp-send") == 0) {
                rc = sendto(fd, "x", 1, 0, (struct sockaddr *)&ss, len) == 1 ? 0 : -1;
            } else {
                printf("%s: unknown operation\n", op);
                return 2;
            }
            report(what, rc);
            i += 3;
        } else {
            printf("%s: missing arguments\n", op);
            return 2;
        }
        if (fd >= 0) close(fd);
    }
    return 0;
}
