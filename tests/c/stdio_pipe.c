/* Output to pipes (tests/wasi/stdio_pipe_test.ts): writes N bytes (argv[1])
 * to stdout in 1 MiB write() calls, with a line on stderr and on stdout
 * after every second one, then a summary on stderr. A reader that starts
 * late makes the writes block on a full pipe; with 2>&1 the lines show the
 * order of the two streams. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (1 << 20)

static char buf[CHUNK];

int main(int argc, char **argv) {
  size_t total = argc > 1 ? strtoul(argv[1], 0, 10) : (size_t)4 * CHUNK;
  for (size_t i = 0; i < sizeof buf; i++) buf[i] = (char)('a' + (i * 7 + i / 251) % 26);
  size_t done = 0;
  int calls = 0;
  while (done < total) {
    size_t n = total - done < sizeof buf ? total - done : sizeof buf;
    ssize_t w = write(1, buf, n);
    if (w < 0) {
      fprintf(stderr, "write: %s\n", strerror(errno));
      return 3;
    }
    done += (size_t)w;
    if (++calls % 2 == 0) {
      fprintf(stderr, "\nstderr after write %d\n", calls);
      printf("\nstdout after write %d\n", calls);
      fflush(stdout);
    }
  }
  fprintf(stderr, "wrote %zu bytes\n", done);
  return 0;
}
