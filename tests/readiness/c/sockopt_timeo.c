/* SO_RCVTIMEO and SO_SNDTIMEO: accept, recv, recvfrom and send give EAGAIN
 * once the time has passed and not before; the value reads back; 0 means no
 * timeout; data that arrives in time is returned at once. */
#include <sys/time.h>

#include "readiness.h"

#define CHUNK 65536
#define MAX_CHUNKS 4096

static void set_timeo(int fd, int opt, long ms) {
  struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
  MUST(setsockopt(fd, SOL_SOCKET, opt, &tv, sizeof tv));
}

static void show_timeo(const char *what, int fd, int opt) {
  struct timeval tv = {-1, -1};
  socklen_t len = sizeof tv;
  MUST(getsockopt(fd, SOL_SOCKET, opt, &tv, &len));
  printf("%s: %ld.%06ld (len %d)\n", what, (long)tv.tv_sec, (long)tv.tv_usec, (int)len);
}

int main(void) {
  static char big[CHUNK];
  char buf[16];
  struct sockaddr_in addr;
  int l = tcp_listener(&addr, 8);

  show_timeo("SO_RCVTIMEO default", l, SO_RCVTIMEO);
  show_timeo("SO_SNDTIMEO default", l, SO_SNDTIMEO);
  set_timeo(l, SO_RCVTIMEO, 200);
  show_timeo("SO_RCVTIMEO set to 200 ms", l, SO_RCVTIMEO);
  long long t0 = now_ms();
  int r = accept(l, NULL, NULL);
  printf("accept: %s %s\n", r < 0 ? errname(errno) : "a connection", timing(now_ms() - t0, 200));

  int c = tcp_connect(&addr);
  int s = accept(l, NULL, NULL);
  MUST(s);
  set_timeo(s, SO_RCVTIMEO, 250);
  t0 = now_ms();
  r = recv(s, buf, sizeof buf, 0);
  printf("recv, no data: %s %s\n", r < 0 ? errname(errno) : "data", timing(now_ms() - t0, 250));
  t0 = now_ms();
  r = read(s, buf, sizeof buf);
  printf("read, no data: %s %s\n", r < 0 ? errname(errno) : "data", timing(now_ms() - t0, 250));
  MUST(send(c, "abc", 3, 0));
  t0 = now_ms();
  r = recv(s, buf, sizeof buf, 0);
  printf("recv, data sent: %d %s\n", r, timing(now_ms() - t0, 0));
  set_timeo(s, SO_RCVTIMEO, 0);
  show_timeo("SO_RCVTIMEO set to 0 (none)", s, SO_RCVTIMEO);

  set_timeo(c, SO_SNDTIMEO, 200);
  show_timeo("SO_SNDTIMEO set to 200 ms", c, SO_SNDTIMEO);
  long long last = 0;
  int chunks = 0, err = 0;
  for (; chunks < MAX_CHUNKS; chunks++) {
    t0 = now_ms();
    ssize_t n = send(c, big, sizeof big, 0);
    last = now_ms() - t0;
    if (n < 0) {
      err = errno;
      break;
    }
  }
  printf("blocking send into a full buffer: %s %s\n", chunks == MAX_CHUNKS ? "never full" : errname(err),
         timing(last, 200));

  int u = socket(AF_INET, SOCK_DGRAM, 0);
  MUST(u);
  struct sockaddr_in ua = {0};
  ua.sin_family = AF_INET;
  ua.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  MUST(bind(u, (struct sockaddr *)&ua, sizeof ua));
  set_timeo(u, SO_RCVTIMEO, 150);
  t0 = now_ms();
  r = recvfrom(u, buf, sizeof buf, 0, NULL, NULL);
  printf("UDP recvfrom, nothing sent: %s %s\n", r < 0 ? errname(errno) : "data", timing(now_ms() - t0, 150));

  struct timeval bad = {0, -1};
  SHOW("SO_RCVTIMEO with tv_usec -1", setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &bad, sizeof bad));
  SHOW("SO_RCVTIMEO with a short option", setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &bad, 4));
  close(u);
  close(c);
  close(s);
  close(l);
  return 0;
}
