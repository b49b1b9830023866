/* A monotonic clock and a sleep for the examples, on POSIX and Windows. */
#ifndef SEISMIC_EXAMPLE_CLOCK_H
#define SEISMIC_EXAMPLE_CLOCK_H
#if defined(_WIN32)
#include <windows.h>
#else
#include <time.h>
#endif

static inline double now_ms(void) {
#if defined(_WIN32)
    LARGE_INTEGER f, t;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&t);
    return (double)t.QuadPart * 1000.0 / (double)f.QuadPart;
#else
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
#endif
}

static inline void sleep_ms(unsigned ms) {
#if defined(_WIN32)
    Sleep(ms);
#else
    struct timespec t;
    t.tv_sec = ms / 1000;
    t.tv_nsec = (long)(ms % 1000) * 1000000L;
    nanosleep(&t, NULL);
#endif
}
#endif
