/* UDP echo server: every datagram goes back to its sender.  Prints its port,
 * then serves forever.
 *
 *   udp_echo_server [port]      (port 0 or none: an ephemeral port) */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 65536

static char buf[BUF_SIZE];

static void die(const char *what) {
  fprintf(stderr, "udp_echo_server: %s: %s\n", what, strerror(errno));
  exit(1);
}

int main(int argc, char **argv) {
  int port = argc > 1 ? atoi(argv[1]) : 0;
  long datagrams = argc > 2 ? atol(argv[2]) : 0; /* 0: forever */
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) die("socket");
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((unsigned short)port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) die("bind");
  socklen_t len = sizeof sa;
  if (getsockname(fd, (struct sockaddr *)&sa, &len) < 0) die("getsockname");
  printf("%d\n", ntohs(sa.sin_port));
  fflush(stdout);
  for (long echoed = 0; datagrams == 0 || echoed < datagrams; echoed++) {
    struct sockaddr_in from;
    socklen_t flen = sizeof from;
    ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen);
    if (n < 0) {
      if (errno == EINTR) continue;
      die("recvfrom");
    }
    if (sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, flen) < 0) {
      perror("udp_echo_server: sendto"); /* the client counts it as lost */
    }
  }
  return 0;
}
