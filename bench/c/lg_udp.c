/* The UDP scenario: one connected UDP socket, one datagram outstanding at a
 * time, a per-datagram timeout (SO_RCVTIMEO); late replies of earlier datagrams are skipped. */
#include "lg_udp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "lg_util.h"

/* Sends datagram `seq` and waits (SO_RCVTIMEO) for its echo; returns 1 when
 * lost, 0 when back, and counts a mismatching echo in *errors. */
static int round_trip(int fd, uint32_t stream, uint32_t seq, long *errors) {
  unsigned char req[MSG_SIZE], rep[MSG_SIZE + 1];
  fill_message(req, stream, seq);
  if (send(fd, req, MSG_SIZE, 0) != MSG_SIZE) die("send");
  for (;;) {
    ssize_t r = recv(fd, rep, sizeof rep, 0);
    if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 1;
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) die("recv");
    uint32_t got_seq;
    memcpy(&got_seq, rep + sizeof stream, sizeof got_seq);
    if (r >= 8 && got_seq != seq) continue; /* a late echo of an earlier datagram */
    if (r != MSG_SIZE || memcmp(req, rep, MSG_SIZE) != 0) (*errors)++;
    return 0;
  }
}

void run_udp(const char *ip, int port, long n, long warmup, int timeout_ms) {
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((unsigned short)port);
  if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1) fail("bad IPv4 address");
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) die("socket");
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) die("connect");
  struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0) die("setsockopt SO_RCVTIMEO");
  long errors = 0, lost = 0;
  for (long i = 0; i < warmup; i++) round_trip(fd, 3, (uint32_t)i, &errors);
  double t0 = now_s();
  for (long i = 0; i < n; i++) lost += round_trip(fd, 4, (uint32_t)i, &errors);
  double t = now_s() - t0;
  close(fd);
  char extra[64];
  snprintf(extra, sizeof extra, ",\"lost\":%ld", lost);
  print_result("udp", (double)(n - lost), t, "round trips/s", errors, extra);
}
