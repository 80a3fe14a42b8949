/* TCP scenarios against an echo server: ping-pong, bulk, churn. */
#include "lg_tcp.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lg_util.h"

/* One request/reply on fd; returns 0 when the reply matches. */
static int exchange(int fd, uint32_t stream, uint32_t seq) {
  unsigned char req[MSG_SIZE], rep[MSG_SIZE];
  fill_message(req, stream, seq);
  if (write_all(fd, req, MSG_SIZE) < 0) die("write");
  if (read_exact(fd, rep, MSG_SIZE) < 0) fail("server closed the connection mid-exchange");
  return memcmp(req, rep, MSG_SIZE) == 0 ? 0 : -1;
}

void run_pingpong(const char *ip, int port, long n, long warmup) {
  int fd = tcp_connect(ip, port);
  long errors = 0;
  for (long i = 0; i < warmup; i++) errors += exchange(fd, 0, (uint32_t)i) != 0;
  double t0 = now_s();
  for (long i = 0; i < n; i++) errors += exchange(fd, 1, (uint32_t)i) != 0;
  double t = now_s() - t0;
  close(fd);
  print_result("pingpong", (double)n, t, "round trips/s", errors, NULL);
}

/* Sends and receives `total` bytes at once through the echo server, checking
 * every byte against the pattern; returns the number of mismatching chunks. */
static long bulk_transfer(int fd, long long total) {
  const unsigned char *pat = bulk_pattern();
  unsigned char *buf = malloc(IO_CHUNK);
  if (!buf) fail("out of memory");
  long long sent = 0, got = 0;
  long errors = 0;
  while (got < total) {
    int progress = 0;
    if (sent < total) {
      long long left = total - sent;
      size_t len = left < IO_CHUNK ? (size_t)left : IO_CHUNK;
      ssize_t w = send(fd, pat + sent % PATTERN_PERIOD, len, 0);
      if (w > 0) {
        sent += w;
        progress = 1;
      } else if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        die("send");
      }
    }
    ssize_t r = recv(fd, buf, IO_CHUNK, 0);
    if (r > 0) {
      if (memcmp(buf, pat + got % PATTERN_PERIOD, (size_t)r) != 0) errors++;
      got += r;
      progress = 1;
    } else if (r == 0) {
      fail("server closed the connection during the bulk transfer");
    } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      die("recv");
    }
    if (!progress) {
      struct pollfd p = {fd, (short)(POLLIN | (sent < total ? POLLOUT : 0)), 0};
      int k = poll(&p, 1, 30000);
      if (k < 0 && errno != EINTR) die("poll");
      if (k == 0) fail("bulk transfer stalled for 30 s");
    }
  }
  free(buf);
  return errors;
}

void run_bulk(const char *ip, int port, long long bytes, long long warmup) {
  int fd = tcp_connect(ip, port);
  set_nonblocking(fd);
  long errors = warmup > 0 ? bulk_transfer(fd, warmup) : 0;
  double t0 = now_s();
  errors += bulk_transfer(fd, bytes);
  double t = now_s() - t0;
  close(fd);
  print_result("bulk", (double)bytes / 1e6, t, "MB/s", errors, NULL);
}

void run_churn(const char *ip, int port, long n, long warmup) {
  long errors = 0;
  double t0 = 0;
  for (long i = 0; i < warmup + n; i++) {
    if (i == warmup) t0 = now_s();
    int fd = tcp_connect(ip, port);
    errors += exchange(fd, 2, (uint32_t)i) != 0;
    close(fd);
  }
  double t = now_s() - t0;
  print_result("churn", (double)n, t, "connections/s", errors, NULL);
}
