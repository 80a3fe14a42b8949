/* Prints one environment variable (argv[1]), or "(unset)". */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  const char *name = argc > 1 ? argv[1] : "";
  const char *value = getenv(name);
  printf("%s=%s\n", name, value ? value : "(unset)");
  return 0;
}
