/*
 * ipv6_client.c - the TCP client over IPv6: inet_pton(AF_INET6), connect to
 * [ADDR]:PORT, send lines with send(), read answers with recv().
 *
 * usage: ipv6_client [ADDR [PORT [MESSAGE...]]]
 *   ADDR     IPv6 address of the server; default ::1
 *   PORT     default 8080
 *   MESSAGE  lines to send, each answered before the next; default "hello"
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define LINE_MAX_LEN 1024

static void die(const char *what) {
    perror(what);
    exit(1);
}

/* Read one line (without its newline). Returns its length, or -1 at EOF. */
static int recv_line(int fd, char *line, size_t size) {
    size_t len = 0;
    for (;;) {
        char c;
        ssize_t n = recv(fd, &c, 1, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            die("recv");
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
    const char *addr = argc > 1 ? argv[1] : "::1";
    int port = argc > 2 ? atoi(argv[2]) : 8080;

    struct sockaddr_in6 server_add;
    memset(&server_add, 0, sizeof server_add);
    server_add.sin6_family = AF_INET6;
    server_add.sin6_port = htons((unsigned short)port);
    if (inet_pton(AF_INET6, addr, &server_add.sin6_addr) != 1) {
        fprintf(stderr, "ipv6_client: bad IPv6 address %s\n", addr);
        return 2;
    }

    int sockfd = socket(AF_INET6, SOCK_STREAM, 0);
    if (sockfd < 0)
        die("socket");
    if (connect(sockfd, (struct sockaddr *)&server_add, sizeof server_add) < 0)
        die("connect");
    printf("connected to [%s]:%d\n", addr, port);

    static const char *const default_messages[] = {"hello"};
    const char *const *messages = argc > 3 ? (const char *const *)argv + 3 : default_messages;
    int count = argc > 3 ? argc - 3 : 1;
    for (int i = 0; i < count; i++) {
        char out[LINE_MAX_LEN + 2];
        int n = snprintf(out, sizeof out, "%s\n", messages[i]);
        if (send(sockfd, out, (size_t)n, 0) != n)
            die("send");
        printf("sent: %s\n", messages[i]);
        char reply[LINE_MAX_LEN + 16];
        if (recv_line(sockfd, reply, sizeof reply) < 0) {
            printf("server closed the connection early\n");
            return 1;
        }
        printf("reply: %s\n", reply);
    }
    close(sockfd);
    printf("closed\n");
    return 0;
}
