/* A tiny test harness: every CHECK counts, and the last line of a test program is
   "N passed, N failed" so the Makefile can add the counts up. */
#ifndef SEISMIC_TEST_HARNESS_H
#define SEISMIC_TEST_HARNESS_H
#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (cond) test_passed++;                                                       \
        else {                                                                         \
            test_failed++;                                                             \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
        }                                                                              \
    } while (0)

/* Compares bytes with an expected hex string (with or without 0x). */
#define CHECK_HEX(data, len, expected_hex) test_check_hex(__FILE__, __LINE__, (const unsigned char *)(data), (len), (expected_hex))

static inline void test_check_hex(const char *file, int line, const unsigned char *data, size_t len, const char *expected) {
    static const char digits[] = "0123456789abcdef";
    if (expected[0] == '0' && expected[1] == 'x') expected += 2;
    size_t elen = strlen(expected);
    int ok = elen == 2 * len;
    for (size_t i = 0; ok && i < len; i++)
        ok = expected[2 * i] == digits[data[i] >> 4] && expected[2 * i + 1] == digits[data[i] & 15];
    if (ok) { test_passed++; return; }
    test_failed++;
    fprintf(stderr, "%s:%d: CHECK_HEX failed\n  expected %s\n  got      ", file, line, expected);
    for (size_t i = 0; i < len; i++) fprintf(stderr, "%02x", data[i]);
    fprintf(stderr, "\n");
}

#define CHECK_STR(got, expected)                                                                        \
    do {                                                                                                \
        const char *got_ = (got), *exp_ = (expected);                                                   \
        if (got_ && strcmp(got_, exp_) == 0) test_passed++;                                             \
        else {                                                                                          \
            test_failed++;                                                                              \
            fprintf(stderr, "%s:%d: CHECK_STR failed\n  expected %s\n  got      %s\n", __FILE__, __LINE__, \
                    exp_, got_ ? got_ : "(null)");                                                      \
        }                                                                                               \
    } while (0)

static inline int test_summary(void) {
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed ? 1 : 0;
}
#endif
