/* sockbox benchmark load generator: drives one server over loopback for one
 * scenario and prints one JSON result line.
 *
 *   loadgen pingpong IP PORT [n=N] [warmup=N]
 *   loadgen bulk     IP PORT [bytes=N] [warmup=N]
 *   loadgen churn    IP PORT [n=N] [warmup=N]
 *   loadgen many     IP PORT [conns=N] [n=N] [pid=SERVER_PID] [max_s=SECONDS]
 *   loadgen udp      IP PORT [n=N] [warmup=N] [timeout_ms=N]
 *
 * Built natively with gcc, and (for pingpong and bulk) with sockbox cc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lg_many.h"
#include "lg_tcp.h"
#include "lg_udp.h"
#include "lg_util.h"

/* Value of option `name=` among argv[from..], or `dflt`. */
static long long opt(int argc, char **argv, int from, const char *name, long long dflt) {
  size_t len = strlen(name);
  for (int i = from; i < argc; i++) {
    if (strncmp(argv[i], name, len) == 0 && argv[i][len] == '=') return atoll(argv[i] + len + 1);
  }
  return dflt;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: loadgen pingpong|bulk|churn|many|udp IP PORT [key=value...]\n");
    return 2;
  }
  const char *scenario = argv[1], *ip = argv[2];
  int port = atoi(argv[3]);
  if (strcmp(scenario, "pingpong") == 0) {
    run_pingpong(ip, port, (long)opt(argc, argv, 4, "n", 100000), (long)opt(argc, argv, 4, "warmup", 1000));
  } else if (strcmp(scenario, "bulk") == 0) {
    run_bulk(ip, port, opt(argc, argv, 4, "bytes", 1LL << 30), opt(argc, argv, 4, "warmup", 16LL << 20));
  } else if (strcmp(scenario, "churn") == 0) {
    run_churn(ip, port, (long)opt(argc, argv, 4, "n", 20000), (long)opt(argc, argv, 4, "warmup", 200));
  } else if (strcmp(scenario, "many") == 0) {
    run_many(ip, port, (int)opt(argc, argv, 4, "conns", 1000), (long)opt(argc, argv, 4, "n", 100),
             (int)opt(argc, argv, 4, "pid", 0), (double)opt(argc, argv, 4, "max_s", 0));
  } else if (strcmp(scenario, "udp") == 0) {
    run_udp(ip, port, (long)opt(argc, argv, 4, "n", 100000), (long)opt(argc, argv, 4, "warmup", 1000),
            (int)opt(argc, argv, 4, "timeout_ms", 200));
  } else {
    fprintf(stderr, "loadgen: unknown scenario '%s'\n", scenario);
    return 2;
  }
  return 0;
}
