/*
 * udp_server.c - the article's UDP server flow:
 *   socket() -> bind() -> recvfrom()/sendto() -> close()
 *
 * usage: udp_server [PORT [NDATAGRAMS]]
 *   PORT        default 8080; 0 lets the system choose (the port is printed)
 *   NDATAGRAMS  exit after answering this many datagrams; default 1, 0 = forever
 *
 * For each datagram it prints its size, the sender's address and its text,
 * and sends back "echo: TEXT" to the sender (the address recvfrom filled).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define DATAGRAM_MAX 1024

static void die(const char *what) {
    perror(what);
    exit(1);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int port = argc > 1 ? atoi(argv[1]) : 8080;
    int count = argc > 2 ? atoi(argv[2]) : 1;

    int sockfd = socket(AF_INET, SOCK_DGRAM, 0);
    if (sockfd < 0)
        die("socket");

    struct sockaddr_in server_add;
    memset(&server_add, 0, sizeof server_add);
    server_add.sin_family = AF_INET;
    server_add.sin_addr.s_addr = htonl(INADDR_ANY);
    server_add.sin_port = htons((unsigned short)port);
    if (bind(sockfd, (struct sockaddr *)&server_add, sizeof server_add) < 0)
        die("bind");
    socklen_t server_len = sizeof server_add;
    if (getsockname(sockfd, (struct sockaddr *)&server_add, &server_len) < 0)
        die("getsockname");
    printf("udp server on port %d\n", ntohs(server_add.sin_port));

    for (int answered = 0; count == 0 || answered < count; answered++) {
        char buf[DATAGRAM_MAX + 1];
        struct sockaddr_in client_add;
        socklen_t client_len = sizeof client_add;
        ssize_t n = recvfrom(sockfd, buf, DATAGRAM_MAX, 0, (struct sockaddr *)&client_add,
                             &client_len);
        if (n < 0)
            die("recvfrom");
        buf[n] = '\0';
        if (client_len != sizeof client_add || client_add.sin_family != AF_INET)
            printf("unexpected sender address (length %u)\n", (unsigned)client_len);
        /* The sender's port is ephemeral: print its address only. */
        printf("received %d bytes from %s: %s\n", (int)n, inet_ntoa(client_add.sin_addr), buf);

        char reply[DATAGRAM_MAX + 8];
        int len = snprintf(reply, sizeof reply, "echo: %s", buf);
        if (sendto(sockfd, reply, (size_t)len, 0, (struct sockaddr *)&client_add, client_len) < 0)
            die("sendto");
    }
    close(sockfd);
    printf("server done\n");
    return 0;
}
