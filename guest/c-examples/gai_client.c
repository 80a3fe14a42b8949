/*
 * gai_client.c - a protocol-independent TCP client, the way Beej's guide
 * and UNP write them: getaddrinfo() for the host and port, then try each
 * address in turn until connect() succeeds; getnameinfo() to print it.
 *
 * usage: gai_client [HOST [PORT [MESSAGE...]]]
 *   HOST     a name or a numeric IPv4/IPv6 address; default localhost
 *   PORT     a number or a service name; default 8080
 *   MESSAGE  lines to send, each answered before the next; default "hello"
 *
 * Speaks tcp_server's line protocol. Failed attempts go to stderr, so that
 * stdout shows only the address that worked.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netdb.h>

#define LINE_MAX_LEN 1024

static void die(const char *what) {
    perror(what);
    exit(1);
}

static int read_line(int fd, char *line, size_t size) {
    size_t len = 0;
    for (;;) {
        char c;
        ssize_t n = read(fd, &c, 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            die("read");
        }
        if (n == 0)
            return len > 0 ? (int)len : -1;
        if (c == '\n')
            break;
        if (len + 1 < size)
            line[len++] = c;
    }
    line[len] = '\0';
    return (int)len;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *host = argc > 1 ? argv[1] : "localhost";
    const char *port = argc > 2 ? argv[2] : "8080";

    struct addrinfo hints, *res, *p;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rv = getaddrinfo(host, port, &hints, &res);
    if (rv != 0) {
        printf("getaddrinfo %s %s: %s\n", host, port, gai_strerror(rv));
        return 2;
    }

    int sockfd = -1;
    char addr_text[NI_MAXHOST], port_text[NI_MAXSERV];
    for (p = res; p != NULL; p = p->ai_next) {
        if (getnameinfo(p->ai_addr, p->ai_addrlen, addr_text, sizeof addr_text, port_text,
                        sizeof port_text, NI_NUMERICHOST | NI_NUMERICSERV) != 0)
            strcpy(addr_text, "?");
        sockfd = socket(p->ai_family, p->ai_socktype, p->ai_protocol);
        if (sockfd < 0) {
            perror("socket");
            continue;
        }
        if (connect(sockfd, p->ai_addr, p->ai_addrlen) < 0) {
            fprintf(stderr, "connect %s: %s\n", addr_text, strerror(errno));
            close(sockfd);
            sockfd = -1;
            continue;
        }
        break;
    }
    if (sockfd < 0) {
        printf("could not connect to %s port %s\n", host, port);
        freeaddrinfo(res);
        return 1;
    }
    printf("connected to %s port %s (%s)\n", addr_text, port_text,
           p->ai_family == AF_INET6 ? "IPv6" : "IPv4");
    freeaddrinfo(res);

    static const char *const default_messages[] = {"hello"};
    const char *const *messages = argc > 3 ? (const char *const *)argv + 3 : default_messages;
    int count = argc > 3 ? argc - 3 : 1;
    for (int i = 0; i < count; i++) {
        char out[LINE_MAX_LEN + 2];
        int n = snprintf(out, sizeof out, "%s\n", messages[i]);
        if (write(sockfd, out, (size_t)n) != n)
            die("write");
        printf("sent: %s\n", messages[i]);
        char reply[LINE_MAX_LEN + 16];
        if (read_line(sockfd, reply, sizeof reply) < 0) {
            printf("server closed the connection early\n");
            return 1;
        }
        printf("reply: %s\n", reply);
    }
    close(sockfd);
    printf("closed\n");
    return 0;
}
