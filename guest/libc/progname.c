/*
 * The program's name, as glibc sets program_invocation_name (argv[0]) and
 * program_invocation_short_name (its last component) before main():
 * wasi-libc declares them but its start-up code leaves them NULL. err(),
 * warn() and syslog() call this, which fills them from the host's argv once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#include "sockbox_internal.h"

const char *__sbx_progname(void) {
    if (program_invocation_short_name) return program_invocation_short_name;
    size_t argc = 0, size = 0;
    char *name = "";
    if (__wasi_args_sizes_get(&argc, &size) == 0 && argc > 0) {
        char **argv = malloc(argc * sizeof *argv);
        char *buf = malloc(size);
        if (argv && buf && __wasi_args_get((uint8_t **)argv, (uint8_t *)buf) == 0) name = argv[0];
        free(argv); /* the strings stay: the names point into buf */
    }
    program_invocation_name = name;
    char *slash = strrchr(name, '/');
    program_invocation_short_name = slash ? slash + 1 : name;
    return program_invocation_short_name;
}
