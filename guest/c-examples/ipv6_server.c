/*
 * ipv6_server.c - the TCP server over IPv6: AF_INET6, sockaddr_in6,
 * in6addr_any (::), inet_ntop for the client's address.
 *
 * usage: ipv6_server [PORT [NCLIENTS]]
 *   PORT      default 8080; 0 lets the system choose (the port is printed)
 *   NCLIENTS  exit after serving this many clients; default 1, 0 = forever
 *
 * Same line protocol as tcp_server: "received: LINE", answer "echo: LINE".
 * The socket is dual-stack (Linux's default): an IPv4 client shows as
 * ::ffff:a.b.c.d.
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

static void answer(int fd, char *line) {
    size_t len = strlen(line);
    if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
    printf("received: %s\n", line);
    char reply[LINE_MAX_LEN + 16];
    int n = snprintf(reply, sizeof reply, "echo: %s\n", line);
    if (write_all(fd, reply, (size_t)n) < 0)
        perror("write");
}

static void serve(int fd) {
    char buf[LINE_MAX_LEN + 1];
    size_t used = 0;
    for (;;) {
        ssize_t n = recv(fd, buf + used, LINE_MAX_LEN - used, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            perror("recv");
            return;
        }
        if (n == 0)
            break;
        used += (size_t)n;
        char *start = buf, *nl;
        while ((nl = memchr(start, '\n', used - (size_t)(start - buf))) != NULL) {
            *nl = '\0';
            answer(fd, start);
            start = nl + 1;
        }
        used -= (size_t)(start - buf);
        memmove(buf, start, used);
        if (used == LINE_MAX_LEN) {
            buf[used] = '\0';
            answer(fd, buf);
            used = 0;
        }
    }
    if (used > 0) {
        buf[used] = '\0';
        answer(fd, buf);
    }
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int port = argc > 1 ? atoi(argv[1]) : 8080;
    int nclients = argc > 2 ? atoi(argv[2]) : 1;

    int server_sockfd = socket(AF_INET6, SOCK_STREAM, 0);
    if (server_sockfd < 0)
        die("socket");
    int on = 1;
    if (setsockopt(server_sockfd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0)
        die("setsockopt");

    struct sockaddr_in6 server_add;
    memset(&server_add, 0, sizeof server_add);
    server_add.sin6_family = AF_INET6;
    server_add.sin6_addr = in6addr_any;
    server_add.sin6_port = htons((unsigned short)port);
    if (bind(server_sockfd, (struct sockaddr *)&server_add, sizeof server_add) < 0)
        die("bind");
    if (listen(server_sockfd, 5) < 0)
        die("listen");
    socklen_t server_len = sizeof server_add;
    if (getsockname(server_sockfd, (struct sockaddr *)&server_add, &server_len) < 0)
        die("getsockname");
    printf("listening on [::]:%d\n", ntohs(server_add.sin6_port));

    for (int served = 0; nclients == 0 || served < nclients; served++) {
        struct sockaddr_in6 client_add;
        socklen_t client_len = sizeof client_add;
        int client_sockfd = accept(server_sockfd, (struct sockaddr *)&client_add, &client_len);
        if (client_sockfd < 0) {
            if (errno == EINTR) {
                served--;
                continue;
            }
            die("accept");
        }
        char client_ip[INET6_ADDRSTRLEN];
        if (inet_ntop(AF_INET6, &client_add.sin6_addr, client_ip, sizeof client_ip) == NULL)
            die("inet_ntop");
        printf("client %s connected\n", client_ip);
        serve(client_sockfd);
        close(client_sockfd);
        printf("client %s disconnected\n", client_ip);
    }
    close(server_sockfd);
    printf("server done\n");
    return 0;
}
