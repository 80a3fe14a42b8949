/*
 * msg_demo.c - the "most general" I/O calls of the article:
 *   A. writev()/readv() on a stream socketpair: several buffers, one call
 *   B. sendmsg()/recvmsg() on UDP over 127.0.0.1: several iovecs make ONE
 *      datagram; recvmsg fills the sender's address; a datagram bigger than
 *      the buffers comes back cut, with MSG_TRUNC in msg_flags
 *   C. recv(MSG_PEEK) then recvfrom(); recv(MSG_DONTWAIT) on an empty socket
 *
 * usage: msg_demo [PORT]
 *   PORT  the receiver binds 127.0.0.1:PORT and the sender 127.0.0.1:PORT+1,
 *         so that every printed address is fixed; default 9000
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void part_a(void) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
        die("socketpair");

    char p1[] = "header:", p2[] = "body:", p3[] = "trailer";
    struct iovec out[3] = {{p1, strlen(p1)}, {p2, strlen(p2)}, {p3, strlen(p3)}};
    ssize_t total = writev(sv[0], out, 3);
    if (total < 0)
        die("writev");
    printf("A: writev wrote %d bytes from 3 buffers\n", (int)total);

    char first[7], rest[64];
    struct iovec in[2] = {{first, sizeof first}, {rest, sizeof rest}};
    ssize_t got = 0;
    while (got < total) { /* a stream may deliver in pieces: continue where it stopped */
        ssize_t n;
        if ((size_t)got < sizeof first) {
            struct iovec part[2] = {{first + got, sizeof first - (size_t)got}, in[1]};
            n = readv(sv[1], part, 2);
        } else {
            n = read(sv[1], rest + (got - (ssize_t)sizeof first),
                     sizeof rest - (size_t)(got - (ssize_t)sizeof first));
        }
        if (n <= 0)
            die("readv");
        got += n;
    }
    printf("A: readv read %d bytes: [%.*s] [%.*s]\n", (int)got, (int)sizeof first, first,
           (int)(got - (ssize_t)sizeof first), rest);
    close(sv[0]);
    close(sv[1]);
}

static int udp_socket_on(int port, struct sockaddr_in *addr) {
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr->sin_port = htons((unsigned short)port);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        die("socket");
    if (bind(fd, (struct sockaddr *)addr, sizeof *addr) < 0)
        die("bind");
    return fd;
}

static void part_b(int rx, struct sockaddr_in *rx_addr, int tx) {
    char p1[] = "one|", p2[] = "two|", p3[] = "three";
    struct iovec out[3] = {{p1, 4}, {p2, 4}, {p3, 5}};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_name = rx_addr;
    msg.msg_namelen = sizeof *rx_addr;
    msg.msg_iov = out;
    msg.msg_iovlen = 3;
    ssize_t n = sendmsg(tx, &msg, 0);
    if (n < 0)
        die("sendmsg");
    printf("B: sendmsg sent %d bytes from 3 iovecs\n", (int)n);

    char a[6], b[64];
    struct iovec in[2] = {{a, sizeof a}, {b, sizeof b}};
    struct sockaddr_in from;
    memset(&msg, 0, sizeof msg);
    msg.msg_name = &from;
    msg.msg_namelen = sizeof from;
    msg.msg_iov = in;
    msg.msg_iovlen = 2;
    n = recvmsg(rx, &msg, 0);
    if (n < 0)
        die("recvmsg");
    int in_a = n < (ssize_t)sizeof a ? (int)n : (int)sizeof a;
    printf("B: recvmsg got %d bytes: [%.*s] [%.*s] from %s:%d, namelen %u, %s\n", (int)n, in_a,
           a, (int)n - in_a, b, inet_ntoa(from.sin_addr), ntohs(from.sin_port),
           (unsigned)msg.msg_namelen, (msg.msg_flags & MSG_TRUNC) ? "truncated" : "whole");

    const char *big = "0123456789abcdefghij";
    if (sendto(tx, big, strlen(big), 0, (struct sockaddr *)rx_addr, sizeof *rx_addr) < 0)
        die("sendto");
    char small[8];
    struct iovec one = {small, sizeof small};
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &one;
    msg.msg_iovlen = 1;
    n = recvmsg(rx, &msg, 0);
    if (n < 0)
        die("recvmsg");
    printf("B: a %d-byte datagram into %d bytes: got %d [%.*s], %s\n", (int)strlen(big),
           (int)sizeof small, (int)n, (int)n, small,
           (msg.msg_flags & MSG_TRUNC) ? "MSG_TRUNC" : "no MSG_TRUNC");
}

static void part_c(int rx, struct sockaddr_in *rx_addr, int tx) {
    const char *text = "peek-me";
    if (sendto(tx, text, strlen(text), 0, (struct sockaddr *)rx_addr, sizeof *rx_addr) < 0)
        die("sendto");
    char buf[32];
    ssize_t n = recv(rx, buf, sizeof buf, MSG_PEEK);
    if (n < 0)
        die("recv");
    printf("C: peeked %d bytes: %.*s\n", (int)n, (int)n, buf);

    struct sockaddr_in from;
    socklen_t from_len = sizeof from;
    n = recvfrom(rx, buf, sizeof buf, 0, (struct sockaddr *)&from, &from_len);
    if (n < 0)
        die("recvfrom");
    printf("C: then read %d bytes: %.*s from %s:%d\n", (int)n, (int)n, buf,
           inet_ntoa(from.sin_addr), ntohs(from.sin_port));

    n = recv(rx, buf, sizeof buf, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        printf("C: nothing left: recv(MSG_DONTWAIT) fails with EAGAIN\n");
    else
        printf("C: unexpected: recv(MSG_DONTWAIT) returned %d\n", (int)n);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int port = argc > 1 ? atoi(argv[1]) : 9000;

    part_a();

    struct sockaddr_in rx_addr, tx_addr;
    int rx = udp_socket_on(port, &rx_addr);
    int tx = udp_socket_on(port + 1, &tx_addr);
    part_b(rx, &rx_addr, tx);
    part_c(rx, &rx_addr, tx);
    close(rx);
    close(tx);
    printf("done\n");
    return 0;
}
