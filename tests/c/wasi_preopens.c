/* Preopened directories (sandbox only): lists what fd_prestat_get reports
 * from fd 3 up, then prints the first line of each file named on the command
 * line, found through whichever preopen matches its path.
 * Usage: wasi_preopens FILE... */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

int main(int argc, char **argv) {
  for (__wasi_fd_t fd = 3;; fd++) {
    __wasi_prestat_t ps;
    __wasi_errno_t e = __wasi_fd_prestat_get(fd, &ps);
    if (e == __WASI_ERRNO_BADF) break;
    if (e != 0) {
      printf("fd %u: error %u\n", fd, e);
      return 1;
    }
    char name[256] = {0};
    size_t len = ps.u.dir.pr_name_len < sizeof name - 1 ? ps.u.dir.pr_name_len : sizeof name - 1;
    if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)name, len) != 0) return 1;
    printf("fd %u: preopen [%s]\n", fd, name);
  }
  for (int i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "r");
    char line[128] = "";
    if (f && fgets(line, sizeof line, f)) line[strcspn(line, "\n")] = 0;
    printf("%s: %s\n", argv[i], f ? line : "cannot open");
    if (f) fclose(f);
  }
  return 0;
}
