/* The start-up benchmark's program: the smallest complete C program. */
#include <stdio.h>

int main(void) {
  printf("hello\n");
  return 0;
}
