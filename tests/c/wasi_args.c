/* Arguments and environment: argc/argv (empty, spaces, UTF-8), getenv of
 * variables the test grants (empty values, '=' in values, missing ones),
 * setenv/unsetenv, and exit statuses.
 * Usage: wasi_args DIR ARGS... (run with SOCKBOX_T_* variables set). */
#include <unistd.h>

#include "wasi_check.h"

static void env(const char *name) {
  const char *v = getenv(name);
  if (v) printf("%s=[%s]\n", name, v);
  else printf("%s unset\n", name);
}

int main(int argc, char **argv) {
  start(argc, argv);
  printf("argc: %d\n", argc);
  for (int i = 2; i < argc; i++) printf("argv[%d]: [%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
  printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
  env("SOCKBOX_T_PLAIN");
  env("SOCKBOX_T_EMPTY");
  env("SOCKBOX_T_EQUALS");
  env("SOCKBOX_T_UTF8");
  env("SOCKBOX_T_MISSING");
  setenv("SOCKBOX_T_SET", "later", 1);
  env("SOCKBOX_T_SET");
  setenv("SOCKBOX_T_PLAIN", "not replaced", 0);
  env("SOCKBOX_T_PLAIN");
  unsetenv("SOCKBOX_T_PLAIN");
  env("SOCKBOX_T_PLAIN");
  int status = argc > 2 ? atoi(argv[argc - 1]) : 0;
  printf("exit %d\n", status);
  return status;
}
