/*
 * sockbox overlay of wasi-libc's internal <__struct_rusage.h>: wasi-libc's
 * struct rusage has only ru_utime and ru_stime, so code that prints
 * ru_maxrss (as benchmarks do) would not compile. This is Linux's (and
 * musl's) layout. libsockbox's getrusage() fills ru_utime and ru_maxrss
 * (libc/process_clocks.c), and wait3()/wait4() clear it; wasi-libc's own
 * code never uses the structure.
 */
#ifndef __wasilibc___struct_rusage_h
#define __wasilibc___struct_rusage_h

#include <__struct_timeval.h>

struct rusage {
    struct timeval ru_utime;
    struct timeval ru_stime;
    long ru_maxrss;
    long ru_ixrss;
    long ru_idrss;
    long ru_isrss;
    long ru_minflt;
    long ru_majflt;
    long ru_nswap;
    long ru_inblock;
    long ru_oublock;
    long ru_msgsnd;
    long ru_msgrcv;
    long ru_nsignals;
    long ru_nvcsw;
    long ru_nivcsw;
    long __reserved[16];
};

#endif
