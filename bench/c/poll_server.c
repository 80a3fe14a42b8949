/* poll() echo server for many connections: one thread, non-blocking sockets,
 * one pollfd per client; a reply the kernel cannot take at once waits in a
 * per-connection buffer (and that connection is not read meanwhile).
 * Prints its port, then serves forever, or until `connections` clients have
 * come and gone.
 *
 *   poll_server [port [connections]]      (port 0 or none: an ephemeral port) */
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

#define MAX_CLIENTS 4096
#define BUF_SIZE 16384

struct pending {
  char *data; /* unsent tail of a reply, or NULL */
  size_t off, len;
};

static struct pollfd pfds[MAX_CLIENTS + 1]; /* [0] is the listener */
static struct pending pend[MAX_CLIENTS + 1];
static int nfds = 1;
static long accepted; /* clients accepted so far */
static char buf[BUF_SIZE];

static void die(const char *what) {
  fprintf(stderr, "poll_server: %s: %s\n", what, strerror(errno));
  exit(1);
}

static void nonblocking(int fd) {
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) die("fcntl");
}

static void drop(int i) {
  close(pfds[i].fd);
  free(pend[i].data);
  nfds--;
  pfds[i] = pfds[nfds];
  pend[i] = pend[nfds];
  pend[nfds].data = NULL;
}

static void accept_all(int lfd) {
  for (;;) {
    int fd = accept(lfd, NULL, NULL);
    if (fd < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE) return; /* retried on the next wake-up */
      die("accept");
    }
    if (nfds > MAX_CLIENTS) {
      close(fd);
      continue;
    }
    nonblocking(fd);
    accepted++;
    pfds[nfds].fd = fd;
    pfds[nfds].events = POLLIN;
    pfds[nfds].revents = 0;
    pend[nfds].data = NULL;
    nfds++;
  }
}

/* Sends what it can of data[0..len); keeps the rest. Returns -1 on error. */
static int reply(int i, const char *data, size_t len) {
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(pfds[i].fd, data + off, len - off);
    if (w > 0) {
      off += (size_t)w;
    } else if (w < 0 && errno == EINTR) {
      continue;
    } else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      char *copy = malloc(len - off);
      if (!copy) return -1;
      memcpy(copy, data + off, len - off);
      pend[i] = (struct pending){copy, 0, len - off};
      pfds[i].events = POLLOUT;
      return 0;
    } else {
      return -1;
    }
  }
  return 0;
}

/* Handles one ready client; returns -1 when it should be dropped. */
static int serve(int i) {
  struct pending *p = &pend[i];
  if (p->data) {
    ssize_t w = write(pfds[i].fd, p->data + p->off, p->len - p->off);
    if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return 0;
    if (w <= 0) return -1;
    p->off += (size_t)w;
    if (p->off == p->len) {
      free(p->data);
      p->data = NULL;
      pfds[i].events = POLLIN;
    }
    return 0;
  }
  ssize_t n = read(pfds[i].fd, buf, sizeof buf);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return 0;
  if (n <= 0) return -1;
  return reply(i, buf, (size_t)n);
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
  if (listen(lfd, 1024) < 0) die("listen");
  nonblocking(lfd);
  socklen_t len = sizeof sa;
  if (getsockname(lfd, (struct sockaddr *)&sa, &len) < 0) die("getsockname");
  printf("%d\n", ntohs(sa.sin_port));
  fflush(stdout);
  pfds[0].fd = lfd;
  pfds[0].events = POLLIN;
  while (connections == 0 || accepted < connections || nfds > 1) {
    int k = poll(pfds, (nfds_t)nfds, -1);
    if (k < 0) {
      if (errno == EINTR) continue;
      die("poll");
    }
    if (pfds[0].revents & POLLIN) accept_all(lfd);
    for (int i = nfds - 1; i >= 1; i--) {
      if (pfds[i].revents == 0) continue;
      if (serve(i) < 0) drop(i);
    }
  }
  return 0;
}
