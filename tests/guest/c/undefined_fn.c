/* tests/guest/driver_test.ts: a call to a function nobody defines must fail to link. */
int sockbox_no_such_function(int);

int main(void) {
    return sockbox_no_such_function(1);
}
