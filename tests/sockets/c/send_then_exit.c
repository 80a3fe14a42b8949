/* A server that sends a lot to its one client and ends at once, the way
 * "send the file, close, exit" programs do. Linux hands what the kernel
 * still holds to the peer after the process is gone; every byte arrives.
 *
 * Usage: send_then_exit BYTES MODE
 *   MODE close: blocking sends of BYTES, close(), return from main
 *   MODE exit:  blocking sends of BYTES, _exit(0) with the socket open
 *   MODE stall: non-blocking sends until the socket stays unwritable for
 *               STALL_MS (BYTES is a cap), exit(0) with the socket open
 * Prints "listening on port P", then "sent N" before it ends.
 * Byte i of the stream is (i * 31 + 7) & 0xff. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define CHUNK 65536
#define STALL_MS 500

static void die(const char *what) {
    perror(what);
    exit(1);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s BYTES close|exit|stall\n", argv[0]);
        return 2;
    }
    long total = atol(argv[1]);
    const char *mode = argv[2];
    setvbuf(stdout, NULL, _IOLBF, 0);

    int ls = socket(AF_INET, SOCK_STREAM, 0);
    if (ls < 0) die("socket");
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(ls, (struct sockaddr *)&a, sizeof a) < 0) die("bind");
    if (listen(ls, 1) < 0) die("listen");
    socklen_t len = sizeof a;
    if (getsockname(ls, (struct sockaddr *)&a, &len) < 0) die("getsockname");
    printf("listening on port %d\n", ntohs(a.sin_port));

    int c = accept(ls, NULL, NULL);
    if (c < 0) die("accept");
    close(ls);
    if (strcmp(mode, "stall") == 0 && fcntl(c, F_SETFL, O_NONBLOCK) < 0) die("fcntl");

    static unsigned char buf[CHUNK];
    long sent = 0;
    while (sent < total) {
        size_t n = total - sent < CHUNK ? (size_t)(total - sent) : CHUNK;
        for (size_t i = 0; i < n; i++) buf[i] = (unsigned char)((sent + (long)i) * 31 + 7);
        ssize_t w = send(c, buf, n, 0);
        if (w < 0 && errno == EAGAIN && strcmp(mode, "stall") == 0) {
            struct pollfd p = {.fd = c, .events = POLLOUT};
            int r = poll(&p, 1, STALL_MS);
            if (r < 0) die("poll");
            if (r == 0) break; /* the peer's buffers and ours are full */
            continue;
        }
        if (w < 0) die("send");
        sent += w;
    }
    printf("sent %ld\n", sent);
    if (strcmp(mode, "exit") == 0) _exit(0);
    if (strcmp(mode, "close") == 0 && close(c) < 0) die("close");
    return 0;
}
