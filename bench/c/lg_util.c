/* Shared helpers of the load generator. */
#include "lg_util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void die(const char *what) {
  fprintf(stderr, "loadgen: %s: %s\n", what, strerror(errno));
  exit(1);
}

void fail(const char *msg) {
  fprintf(stderr, "loadgen: %s\n", msg);
  exit(1);
}

int tcp_connect(const char *ip, int port) {
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((unsigned short)port);
  if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1) fail("bad IPv4 address");
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) die("socket");
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) die("connect");
  int one = 1;
  if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0) die("setsockopt TCP_NODELAY");
  return fd;
}

int write_all(int fd, const void *buf, size_t len) {
  const unsigned char *p = buf;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

int read_exact(int fd, void *buf, size_t len) {
  unsigned char *p = buf;
  while (len > 0) {
    ssize_t n = read(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

void fill_message(unsigned char *msg, uint32_t stream, uint32_t seq) {
  uint32_t x = stream * 2654435761u ^ (seq + 0x9e3779b9u);
  for (int i = 0; i < MSG_SIZE; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    msg[i] = (unsigned char)x;
  }
  memcpy(msg, &stream, sizeof stream);
  memcpy(msg + sizeof stream, &seq, sizeof seq);
}

const unsigned char *bulk_pattern(void) {
  static unsigned char *pattern;
  if (pattern) return pattern;
  pattern = malloc(PATTERN_PERIOD + IO_CHUNK);
  if (!pattern) fail("out of memory");
  uint32_t x = 12345;
  for (int i = 0; i < PATTERN_PERIOD; i++) {
    x = x * 1103515245u + 12345u;
    pattern[i] = (unsigned char)(x >> 16);
  }
  for (int i = PATTERN_PERIOD; i < PATTERN_PERIOD + IO_CHUNK; i++) pattern[i] = pattern[i - PATTERN_PERIOD];
  return pattern;
}

void set_nonblocking(int fd) {
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) die("fcntl O_NONBLOCK");
}

void print_result(const char *scenario, double count, double seconds, const char *unit,
                  long errors, const char *extra_json) {
  printf("{\"scenario\":\"%s\",\"count\":%.3f,\"seconds\":%.6f,\"rate\":%.3f,\"unit\":\"%s\",\"errors\":%ld%s}\n",
         scenario, count, seconds, seconds > 0 ? count / seconds : 0.0, unit, errors,
         extra_json ? extra_json : "");
  fflush(stdout);
}
