/* gai_strerror(): glibc's texts, so that printed errors match Linux. */
#include <netdb.h>

/* glibc's GNU codes (getaddrinfo_a), which sockbox never returns but a
 * program may print. (glibc has no text for EAI_OVERFLOW: "Unknown error".) */
enum {
    GNU_EAI_INPROGRESS = -100,
    GNU_EAI_CANCELED = -101,
    GNU_EAI_NOTCANCELED = -102,
    GNU_EAI_ALLDONE = -103,
    GNU_EAI_INTR = -104,
    GNU_EAI_IDN_ENCODE = -105,
};

const char *gai_strerror(int code) {
    switch (code) {
    case EAI_BADFLAGS:
        return "Bad value for ai_flags";
    case EAI_NONAME:
        return "Name or service not known";
    case EAI_AGAIN:
        return "Temporary failure in name resolution";
    case EAI_FAIL:
        return "Non-recoverable failure in name resolution";
    case EAI_NODATA:
        return "No address associated with hostname";
    case EAI_FAMILY:
        return "ai_family not supported";
    case EAI_SOCKTYPE:
        return "ai_socktype not supported";
    case EAI_SERVICE:
        return "Servname not supported for ai_socktype";
    case EAI_ADDRFAMILY:
        return "Address family for hostname not supported";
    case EAI_MEMORY:
        return "Memory allocation failure";
    case EAI_SYSTEM:
        return "System error";
    case GNU_EAI_INPROGRESS:
        return "Processing request in progress";
    case GNU_EAI_CANCELED:
        return "Request canceled";
    case GNU_EAI_NOTCANCELED:
        return "Request not canceled";
    case GNU_EAI_ALLDONE:
        return "All requests done";
    case GNU_EAI_INTR:
        return "Interrupted by a signal";
    case GNU_EAI_IDN_ENCODE:
        return "Parameter string not correctly encoded";
    default:
        return "Unknown error";
    }
}
