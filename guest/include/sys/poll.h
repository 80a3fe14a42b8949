/* sockbox overlay: <sys/poll.h> is <poll.h>. */
#include <poll.h>
