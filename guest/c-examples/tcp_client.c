/*
 * tcp_client.c - the article's TCP client flow:
 *   socket() -> connect() -> write()/read() -> close()
 *
 * usage: tcp_client [ADDR [PORT [MESSAGE...]]]
 *   ADDR     dotted IPv4 address of the server (inet_addr); default 127.0.0.1
 *   PORT     default 8080
 *   MESSAGE  lines to send, one at a time, each answered before the next;
 *            default "hello"
 *
 * Speaks tcp_server's line protocol; prints each reply. Then it half-closes
 * (shutdown SHUT_WR) and waits for the server to close its side.
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

static int write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Read one line (without its newline) into line. Returns its length, or -1 at EOF. */
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
    const char *addr = argc > 1 ? argv[1] : "127.0.0.1";
    int port = argc > 2 ? atoi(argv[2]) : 8080;

    int sockfd = socket(AF_INET, SOCK_STREAM, 0);
    if (sockfd < 0)
        die("socket");

    struct sockaddr_in server_add;
    memset(&server_add, 0, sizeof server_add);
    server_add.sin_family = AF_INET;
    server_add.sin_addr.s_addr = inet_addr(addr); /* already network order */
    server_add.sin_port = htons((unsigned short)port);
    if (server_add.sin_addr.s_addr == INADDR_NONE) {
        fprintf(stderr, "tcp_client: bad address %s\n", addr);
        return 2;
    }
    if (connect(sockfd, (struct sockaddr *)&server_add, sizeof server_add) < 0)
        die("connect");
    printf("connected to %s:%d\n", addr, port);

    static const char *const default_messages[] = {"hello"};
    const char *const *messages = argc > 3 ? (const char *const *)argv + 3 : default_messages;
    int count = argc > 3 ? argc - 3 : 1;
    for (int i = 0; i < count; i++) {
        char out[LINE_MAX_LEN + 2];
        int n = snprintf(out, sizeof out, "%s\n", messages[i]);
        if (write_all(sockfd, out, (size_t)n) < 0)
            die("write");
        printf("sent: %s\n", messages[i]);
        char reply[LINE_MAX_LEN + 16];
        if (read_line(sockfd, reply, sizeof reply) < 0) {
            printf("server closed the connection early\n");
            return 1;
        }
        printf("reply: %s\n", reply);
    }

    if (shutdown(sockfd, SHUT_WR) < 0)
        die("shutdown");
    char rest[64];
    if (read_line(sockfd, rest, sizeof rest) < 0)
        printf("server closed the connection\n");
    close(sockfd);
    printf("closed\n");
    return 0;
}
