/* A chat client's loop: poll() on stdin and a socket together, forever
 * (timeout -1). Lines typed on stdin go to the server; what the server sends
 * is printed as "< LINE". At stdin's EOF (a pipe reports POLLHUP, a terminal
 * POLLIN) it shuts down its sending side and waits for the server to close.
 * usage: stdin_client PORT */
#include "readiness.h"

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons((unsigned short)atoi(argv[1]));
  int s = tcp_connect(&addr);
  printf("connected\n");
  fflush(stdout);

  char in[256], net[4096];
  size_t used = 0;
  int stdin_open = 1;
  for (;;) {
    struct pollfd p[2] = {{s, POLLIN, 0}, {stdin_open ? 0 : -1, POLLIN, 0}};
    MUST(poll(p, 2, -1));
    if (p[1].revents) {
      ssize_t n = read(0, in, sizeof in);
      MUST(n);
      if (n == 0) {
        printf("stdin closed (%s)\n", evname(p[1].revents));
        fflush(stdout);
        stdin_open = 0;
        MUST(shutdown(s, SHUT_WR));
      } else {
        MUST(send(s, in, (size_t)n, 0));
      }
    }
    if (p[0].revents) {
      ssize_t n = recv(s, net + used, sizeof net - 1 - used, 0);
      MUST(n);
      if (n == 0) {
        printf("server closed (%s)\n", evname(p[0].revents));
        break;
      }
      used += (size_t)n;
      net[used] = 0;
      char *start = net, *nl;
      while ((nl = strchr(start, '\n')) != NULL) {
        *nl = 0;
        printf("< %s\n", start);
        start = nl + 1;
      }
      used = strlen(start);
      memmove(net, start, used);
      fflush(stdout);
    }
  }
  close(s);
  return 0;
}
