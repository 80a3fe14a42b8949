/*
 * inet_edges.c - what glibc prints for the edge cases of inet_pton,
 * inet_ntop (zero runs, IPv4-compatible and -mapped forms, ENOSPC,
 * EAFNOSUPPORT), inet_aton/inet_addr (C-style numbers, short forms,
 * trailing white space), gai_strerror and hstrerror; the sandboxed run must
 * print the same.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
int main(void) {
  /* IPv6 texts: valid ones, read back; invalid ones refused. */
  const char *v6[] = {"::", "::1", "::ffff:1.2.3.4", "1:0:2:3:4:5:6:7", "1:0:0:2:0:0:0:3", "fe80::1:2", "2001:db8::", "::1.2.3.4", "1::", "0:0:1::", "::ffff:0:1.2.3.4", "64:ff9b::1.2.3.4", "1:2:3:4:5:6:7::", ":::", "1:2:3:4:5:6:7:8:9", "::ffff:1.2.3", "FE80::ABCD", "1::2::3", "", "::g"};
  for (unsigned i = 0; i < sizeof v6 / sizeof *v6; i++) {
    unsigned char b[16]; char out[64];
    int r = inet_pton(AF_INET6, v6[i], b);
    printf("pton6(%s)=%d", v6[i], r);
    if (r == 1) printf(" -> %s", inet_ntop(AF_INET6, b, out, sizeof out));
    printf("\n");
  }
  const char *v4[] = {"1.2.3.4", "01.2.3.4", "1.2.3", "256.1.1.1", "1.2.3.4 ", "0x7f.0.0.1", "127.1", "0.0.0.0", "255.255.255.255", " 1.2.3.4", "1.2.3.04"};
  for (unsigned i = 0; i < sizeof v4 / sizeof *v4; i++) {
    struct in_addr a; char out[32];
    int r = inet_pton(AF_INET, v4[i], &a);
    printf("pton4(%s)=%d", v4[i], r);
    if (r == 1) printf(" -> %s", inet_ntop(AF_INET, &a, out, sizeof out));
    r = inet_aton(v4[i], &a);
    printf(" aton=%d", r);
    if (r) printf(" -> %s", inet_ntoa(a));
    printf(" addr=%08x", (unsigned)ntohl(inet_addr(v4[i])));
    printf("\n");
  }
  unsigned char b[16] = {0}; char small[4];
  errno = 0;
  const char *p = inet_ntop(AF_INET6, b, small, sizeof small);
  printf("ntop small: %s %s\n", p ? p : "NULL", strerror(errno));
  struct in_addr a = {0}; char s4[7];
  errno = 0; p = inet_ntop(AF_INET, &a, s4, sizeof s4);
  printf("ntop4 small: %s %s\n", p ? p : "NULL", strerror(errno));
  errno = 0; p = inet_ntop(12345, &a, s4, sizeof s4);
  printf("ntop bad af: %s %s\n", p ? p : "NULL", strerror(errno));
  errno = 0; int r = inet_pton(12345, "1.2.3.4", b);
  printf("pton bad af: %d %s\n", r, strerror(errno));
  for (int e = -12; e <= 0; e++) printf("gai %d: %s\n", e, gai_strerror(e));
  for (int e = -106; e <= -100; e++) printf("gai %d: %s\n", e, gai_strerror(e));
  for (int h = 0; h <= 5; h++) printf("hstrerror %d: %s\n", h, hstrerror(h));
  return 0;
}
