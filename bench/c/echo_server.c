/* Blocking TCP echo server, one connection at a time: what every socket
 * tutorial's first server looks like.  Prints its port, then serves forever,
 * or until it has served `connections` clients (so a profiled run ends cleanly).
 *
 *   echo_server [port [connections]]      (port 0 or none: an ephemeral port) */
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
  fprintf(stderr, "echo_server: %s: %s\n", what, strerror(errno));
  exit(1);
}

/* Echoes everything the client sends until it closes. */
static void serve(int fd) {
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    for (ssize_t off = 0; off < n;) {
      ssize_t w = write(fd, buf + off, (size_t)(n - off));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return;
      off += w;
    }
  }
}

int main(int argc, char **argv) {
  int port = argc > 1 ? atoi(argv[1]) : 0;
  long connections = argc > 2 ? atol(argv[2]) : 0; /* 0: forever */
  int lfd = socket(AF_INET, SOCK_STREAM, 0);
  if (lfd < 0) die("socket");
  int one = 1;
  setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((unsigned short)port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) < 0) die("bind");
  if (listen(lfd, 128) < 0) die("listen");
  socklen_t len = sizeof sa;
  if (getsockname(lfd, (struct sockaddr *)&sa, &len) < 0) die("getsockname");
  printf("%d\n", ntohs(sa.sin_port));
  fflush(stdout);
  for (long served = 0; connections == 0 || served < connections; served++) {
    int fd = accept(lfd, NULL, NULL);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      die("accept");
    }
    serve(fd);
    close(fd);
  }
  return 0;
}
