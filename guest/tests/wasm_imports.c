/*
 * wasm_imports: print the imports of a WebAssembly module, one per line, as
 * "module.name kind". Built natively (gcc) by check.sh, so the check needs
 * neither wabt nor a JS runtime.
 *
 * usage: wasm_imports FILE.wasm
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
    const unsigned char *p, *end;
};

static void fail(const char *what) {
    fprintf(stderr, "wasm_imports: %s\n", what);
    exit(2);
}

static uint32_t leb_u32(struct reader *r) {
    uint32_t v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (r->p >= r->end)
            fail("truncated LEB128");
        unsigned char b = *r->p++;
        v |= (uint32_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
    fail("bad LEB128");
    return 0;
}

static unsigned char byte(struct reader *r) {
    if (r->p >= r->end)
        fail("truncated module");
    return *r->p++;
}

static void name(struct reader *r, const unsigned char **s, uint32_t *n) {
    *n = leb_u32(r);
    if ((size_t)(r->end - r->p) < *n)
        fail("truncated name");
    *s = r->p;
    r->p += *n;
}

static void skip_limits(struct reader *r) {
    unsigned char flags = byte(r);
    leb_u32(r);
    if (flags & 1)
        leb_u32(r);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: wasm_imports FILE.wasm\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    static unsigned char buf[64 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    if (len < 8 || memcmp(buf, "\0asm", 4) != 0)
        fail("not a wasm module");

    struct reader r = {buf + 8, buf + len};
    while (r.p < r.end) {
        unsigned char id = byte(&r);
        uint32_t size = leb_u32(&r);
        if ((size_t)(r.end - r.p) < size)
            fail("truncated section");
        struct reader s = {r.p, r.p + size};
        r.p += size;
        if (id != 2) /* import section */
            continue;
        uint32_t count = leb_u32(&s);
        for (uint32_t i = 0; i < count; i++) {
            const unsigned char *mod, *nm;
            uint32_t modlen, nmlen;
            name(&s, &mod, &modlen);
            name(&s, &nm, &nmlen);
            unsigned char kind = byte(&s);
            const char *kinds[] = {"func", "table", "memory", "global"};
            switch (kind) {
            case 0: leb_u32(&s); break;                    /* type index */
            case 1: byte(&s); skip_limits(&s); break;      /* reftype, limits */
            case 2: skip_limits(&s); break;                /* limits */
            case 3: byte(&s); byte(&s); break;             /* valtype, mut */
            default: fail("unknown import kind");
            }
            printf("%.*s.%.*s %s\n", (int)modlen, (const char *)mod, (int)nmlen,
                   (const char *)nm, kinds[kind]);
        }
    }
    return 0;
}
