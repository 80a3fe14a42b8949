/* Randomness: getentropy fills buffers (up to its 256-byte limit), two draws
 * differ, and it refuses more than 256 bytes. Usage: wasi_random DIR. */
#include <unistd.h>

#include "wasi_check.h"

int main(int argc, char **argv) {
  start(argc, argv);
  unsigned char a[256], b[256];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  CHECK("getentropy 256", getentropy(a, sizeof a));
  CHECK("getentropy 256 again", getentropy(b, sizeof b));
  printf("draws differ: %d\n", memcmp(a, b, sizeof a) != 0);
  int zeros = 0, seen[256] = {0}, distinct = 0;
  for (int i = 0; i < 256; i++) {
    if (a[i] == 0) zeros++;
    if (!seen[a[i]]++) distinct++;
  }
  printf("not all zero: %d, many distinct bytes: %d\n", zeros < 32, distinct > 64);
  CHECK("getentropy 0", getentropy(a, 0));
  static unsigned char big[300];
  CHECK("getentropy 257", getentropy(big, 257));
  return 0;
}
