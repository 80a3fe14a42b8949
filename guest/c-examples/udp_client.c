/*
 * udp_client.c - the article's UDP client flow:
 *   socket() -> sendto()/recvfrom() -> close()
 *
 * usage: udp_client [ADDR [PORT [MESSAGE...]]]
 *   ADDR     dotted IPv4 address of the server; default 127.0.0.1
 *   PORT     default 8080
 *   MESSAGE  datagrams to send, each answered before the next; default "hello"
 *
 * Waits at most 5 seconds for each answer (SO_RCVTIMEO): UDP may lose one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/time.h>
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
    const char *addr = argc > 1 ? argv[1] : "127.0.0.1";
    int port = argc > 2 ? atoi(argv[2]) : 8080;

    int sockfd = socket(AF_INET, SOCK_DGRAM, 0);
    if (sockfd < 0)
        die("socket");
    struct timeval timeout = {5, 0};
    if (setsockopt(sockfd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) < 0)
        die("setsockopt");

    struct sockaddr_in server_add;
    memset(&server_add, 0, sizeof server_add);
    server_add.sin_family = AF_INET;
    server_add.sin_addr.s_addr = inet_addr(addr);
    server_add.sin_port = htons((unsigned short)port);
    if (server_add.sin_addr.s_addr == INADDR_NONE) {
        fprintf(stderr, "udp_client: bad address %s\n", addr);
        return 2;
    }

    static const char *const default_messages[] = {"hello"};
    const char *const *messages = argc > 3 ? (const char *const *)argv + 3 : default_messages;
    int count = argc > 3 ? argc - 3 : 1;
    for (int i = 0; i < count; i++) {
        size_t len = strlen(messages[i]);
        if (sendto(sockfd, messages[i], len, 0, (struct sockaddr *)&server_add,
                   sizeof server_add) < 0)
            die("sendto");
        printf("sent: %s\n", messages[i]);

        char buf[DATAGRAM_MAX + 1];
        struct sockaddr_in from;
        socklen_t from_len = sizeof from;
        ssize_t n = recvfrom(sockfd, buf, DATAGRAM_MAX, 0, (struct sockaddr *)&from, &from_len);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                printf("no answer within %d seconds\n", (int)timeout.tv_sec);
                return 1;
            }
            die("recvfrom");
        }
        buf[n] = '\0';
        printf("reply from %s:%d: %s\n", inet_ntoa(from.sin_addr), ntohs(from.sin_port), buf);
    }
    close(sockfd);
    printf("closed\n");
    return 0;
}
