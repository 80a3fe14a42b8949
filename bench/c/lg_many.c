/* The many-connections scenario: every connection keeps one 64-byte request
 * outstanding; one poll() loop drives them all. */
#include "lg_many.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lg_util.h"

/* How long the connections stay idle before the server's RSS is read. */
#define IDLE_SETTLE_MS 500

struct conn {
  int fd;
  uint32_t seq;     /* requests completed */
  size_t sent;      /* bytes of the current request written */
  size_t got;       /* bytes of the current reply read */
  unsigned char req[MSG_SIZE];
  unsigned char rep[MSG_SIZE];
};

/* Resident set size of `pid` in KiB, from /proc; -1 when unknown. */
static long rss_kib(int pid) {
  char path[64], line[256];
  snprintf(path, sizeof path, "/proc/%d/status", pid);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  long kib = -1;
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, "VmRSS:", 6) == 0) {
      kib = strtol(line + 6, NULL, 10);
      break;
    }
  }
  fclose(f);
  return kib;
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

static void start_request(struct conn *c, uint32_t stream) {
  fill_message(c->req, stream, c->seq);
  c->sent = 0;
  c->got = 0;
}

/* Advances one connection; returns 1 when its current exchange completed. */
static int step(struct conn *c, short revents, long *errors) {
  if (c->sent < MSG_SIZE && (revents & (POLLOUT | POLLERR | POLLHUP))) {
    ssize_t n = write(c->fd, c->req + c->sent, MSG_SIZE - c->sent);
    if (n > 0) c->sent += (size_t)n;
    else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) die("write");
  }
  if (c->sent == MSG_SIZE && (revents & (POLLIN | POLLERR | POLLHUP))) {
    ssize_t n = read(c->fd, c->rep + c->got, MSG_SIZE - c->got);
    if (n == 0) fail("server closed a connection mid-exchange");
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) die("read");
    if (n > 0) c->got += (size_t)n;
    if (c->got == MSG_SIZE) {
      if (memcmp(c->req, c->rep, MSG_SIZE) != 0) (*errors)++;
      c->seq++;
      return 1;
    }
  }
  return 0;
}

/* Runs `rounds` exchanges on every connection, all in flight at once, or
 * until `deadline` (seconds on now_s(); 0: none) passes; returns the exchanges
 * completed. */
static long drive(struct conn *cs, struct pollfd *pfds, int n, long rounds, double deadline, long *errors) {
  long done = 0, active = 0;
  long *left = calloc((size_t)n, sizeof *left);
  if (!left) fail("out of memory");
  for (int i = 0; i < n; i++) {
    left[i] = rounds;
    start_request(&cs[i], (uint32_t)i);
    active++;
  }
  while (active > 0) {
    if (deadline > 0 && now_s() > deadline) break;
    for (int i = 0; i < n; i++) {
      pfds[i].fd = left[i] > 0 ? cs[i].fd : -1;
      pfds[i].events = cs[i].sent < MSG_SIZE ? POLLOUT : POLLIN;
      pfds[i].revents = 0;
    }
    int k = poll(pfds, (nfds_t)n, 30000);
    if (k < 0 && errno != EINTR) die("poll");
    if (k == 0) fail("no progress for 30 s with many connections");
    for (int i = 0; i < n && k > 0; i++) {
      if (pfds[i].revents == 0) continue;
      k--;
      if (step(&cs[i], pfds[i].revents, errors)) {
        done++;
        if (--left[i] == 0) active--;
        else start_request(&cs[i], (uint32_t)i);
      }
    }
  }
  free(left);
  return done;
}

void run_many(const char *ip, int port, int conns, long per_conn, int server_pid, double max_seconds) {
  struct conn *cs = calloc((size_t)conns, sizeof *cs);
  struct pollfd *pfds = calloc((size_t)conns, sizeof *pfds);
  if (!cs || !pfds) fail("out of memory");
  long errors = 0;
  long before = server_pid > 0 ? rss_kib(server_pid) : -1;
  for (int i = 0; i < conns; i++) {
    cs[i].fd = tcp_connect(ip, port);
    set_nonblocking(cs[i].fd);
  }
  drive(cs, pfds, conns, 1, 0, &errors); /* every connection accepted and served once */
  sleep_ms(IDLE_SETTLE_MS);
  long idle = server_pid > 0 ? rss_kib(server_pid) : -1;
  double t0 = now_s();
  long done = drive(cs, pfds, conns, per_conn, max_seconds > 0 ? t0 + max_seconds : 0, &errors);
  double t = now_s() - t0;
  for (int i = 0; i < conns; i++) close(cs[i].fd);
  char extra[200];
  double per = before >= 0 && idle >= 0 ? (double)(idle - before) / conns : -1;
  snprintf(extra, sizeof extra,
           ",\"connections\":%d,\"rss_before_kib\":%ld,\"rss_idle_kib\":%ld,\"kib_per_conn\":%.3f,\"capped\":%s",
           conns, before, idle, per, done < (long)conns * per_conn ? "true" : "false");
  print_result("many", (double)done, t, "exchanges/s", errors, extra);
  free(cs);
  free(pfds);
}
