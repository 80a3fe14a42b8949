/*
 * Thread-specific data. A deleted key's slot can be reused: each slot has a
 * generation, and a thread's value counts only while its recorded generation
 * matches, so a new key never sees an old key's values.
 */
#include <errno.h>

#include "pthread_internal.h"

static struct {
    int used;
    unsigned gen;
    void (*dtor)(void *);
} keys[SBX_KEYS_MAX];

int pthread_key_create(pthread_key_t *k, void (*dtor)(void *)) {
    for (unsigned i = 0; i < SBX_KEYS_MAX; i++) {
        if (keys[i].used) continue;
        keys[i].used = 1;
        keys[i].gen++;
        keys[i].dtor = dtor;
        *k = i;
        return 0;
    }
    return EAGAIN;
}

int pthread_key_delete(pthread_key_t k) {
    if (k >= SBX_KEYS_MAX || !keys[k].used) return EINVAL;
    keys[k].used = 0;
    keys[k].dtor = 0;
    return 0;
}

void *pthread_getspecific(pthread_key_t k) {
    struct __pthread *self = __sbx_self;
    if (k >= SBX_KEYS_MAX || !keys[k].used || self->tsd_gen[k] != keys[k].gen) return 0;
    return self->tsd[k];
}

int pthread_setspecific(pthread_key_t k, const void *v) {
    if (k >= SBX_KEYS_MAX || !keys[k].used) return EINVAL;
    struct __pthread *self = __sbx_self;
    self->tsd[k] = (void *)v;
    self->tsd_gen[k] = keys[k].gen;
    return 0;
}

/* Called by pthread_exit (overrides its weak no-op). */
void __sbx_run_key_destructors(struct __pthread *self) {
    for (int round = 0; round < SBX_DESTRUCTOR_ITERATIONS; round++) {
        int ran = 0;
        for (unsigned i = 0; i < SBX_KEYS_MAX; i++) {
            void *v = self->tsd[i];
            if (!v || !keys[i].used || self->tsd_gen[i] != keys[i].gen || !keys[i].dtor) continue;
            self->tsd[i] = 0;
            keys[i].dtor(v);
            ran = 1;
        }
        if (!ran) break;
    }
}
