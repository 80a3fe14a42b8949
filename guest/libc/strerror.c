/*
 * strerror(): glibc's texts, so that a program printing strerror(errno) (or
 * perror(), which uses it) prints on stdout what it prints on Linux; wasi-libc
 * carries musl's texts, 30 of which differ ("Address in use" for "Address
 * already in use", ...). The numbers are WASI's, the texts are glibc's for
 * the same names; ENOTCAPABLE, which Linux lacks, keeps musl's text.
 *
 * wasi-libc defines strerror, strerror_l and __strerror_l in one object
 * file, so all three are defined here (or the linker would pull that object
 * in next to this one).
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static const char *const messages[] = {
    [E2BIG] = "Argument list too long",
    [EACCES] = "Permission denied",
    [EADDRINUSE] = "Address already in use",
    [EADDRNOTAVAIL] = "Cannot assign requested address",
    [EAFNOSUPPORT] = "Address family not supported by protocol",
    [EAGAIN] = "Resource temporarily unavailable",
    [EALREADY] = "Operation already in progress",
    [EBADF] = "Bad file descriptor",
    [EBADMSG] = "Bad message",
    [EBUSY] = "Device or resource busy",
    [ECANCELED] = "Operation canceled",
    [ECHILD] = "No child processes",
    [ECONNABORTED] = "Software caused connection abort",
    [ECONNREFUSED] = "Connection refused",
    [ECONNRESET] = "Connection reset by peer",
    [EDEADLK] = "Resource deadlock avoided",
    [EDESTADDRREQ] = "Destination address required",
    [EDOM] = "Numerical argument out of domain",
    [EDQUOT] = "Disk quota exceeded",
    [EEXIST] = "File exists",
    [EFAULT] = "Bad address",
    [EFBIG] = "File too large",
    [EHOSTUNREACH] = "No route to host",
    [EIDRM] = "Identifier removed",
    [EILSEQ] = "Invalid or incomplete multibyte or wide character",
    [EINPROGRESS] = "Operation now in progress",
    [EINTR] = "Interrupted system call",
    [EINVAL] = "Invalid argument",
    [EIO] = "Input/output error",
    [EISCONN] = "Transport endpoint is already connected",
    [EISDIR] = "Is a directory",
    [ELOOP] = "Too many levels of symbolic links",
    [EMFILE] = "Too many open files",
    [EMLINK] = "Too many links",
    [EMSGSIZE] = "Message too long",
    [EMULTIHOP] = "Multihop attempted",
    [ENAMETOOLONG] = "File name too long",
    [ENETDOWN] = "Network is down",
    [ENETRESET] = "Network dropped connection on reset",
    [ENETUNREACH] = "Network is unreachable",
    [ENFILE] = "Too many open files in system",
    [ENOBUFS] = "No buffer space available",
    [ENODEV] = "No such device",
    [ENOENT] = "No such file or directory",
    [ENOEXEC] = "Exec format error",
    [ENOLCK] = "No locks available",
    [ENOLINK] = "Link has been severed",
    [ENOMEM] = "Cannot allocate memory",
    [ENOMSG] = "No message of desired type",
    [ENOPROTOOPT] = "Protocol not available",
    [ENOSPC] = "No space left on device",
    [ENOSYS] = "Function not implemented",
    [ENOTCONN] = "Transport endpoint is not connected",
    [ENOTDIR] = "Not a directory",
    [ENOTEMPTY] = "Directory not empty",
    [ENOTRECOVERABLE] = "State not recoverable",
    [ENOTSOCK] = "Socket operation on non-socket",
    [ENOTSUP] = "Operation not supported",
    [ENOTTY] = "Inappropriate ioctl for device",
    [ENXIO] = "No such device or address",
    [EOVERFLOW] = "Value too large for defined data type",
    [EOWNERDEAD] = "Owner died",
    [EPERM] = "Operation not permitted",
    [EPIPE] = "Broken pipe",
    [EPROTO] = "Protocol error",
    [EPROTONOSUPPORT] = "Protocol not supported",
    [EPROTOTYPE] = "Protocol wrong type for socket",
    [ERANGE] = "Numerical result out of range",
    [EROFS] = "Read-only file system",
    [ESPIPE] = "Illegal seek",
    [ESRCH] = "No such process",
    [ESTALE] = "Stale file handle",
    [ETIMEDOUT] = "Connection timed out",
    [ETXTBSY] = "Text file busy",
    [EXDEV] = "Invalid cross-device link",
    [ENOTCAPABLE] = "Capabilities insufficient",
};

#define SBX_NMESSAGES (sizeof messages / sizeof messages[0])

char *__strerror_l(int err, locale_t loc) {
    (void)loc;
    static char unknown[sizeof "Unknown error -2147483648"];
    if (err == 0)
        return (char *)"Success";
    if (err > 0 && (size_t)err < SBX_NMESSAGES && messages[err] != NULL)
        return (char *)messages[err];
    snprintf(unknown, sizeof unknown, "Unknown error %d", err);
    return unknown;
}

char *strerror_l(int err, locale_t loc) {
    return __strerror_l(err, loc);
}

char *strerror(int err) {
    return __strerror_l(err, (locale_t)0);
}
