/* libFuzzer target for the URL parser: a parsed URL must be well formed, must give a request with no
   stray line breaks, and must parse to the same thing when rebuilt from its parts. */
#define SEISMIC_IMPLEMENTATION /* the HTTP codec is internal */
#include "seismic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char text[2048], rebuilt[2048];
    seismic_url url, again;
    seismic_error err;
    if (size >= sizeof text) return 0;
    memcpy(text, data, size);
    text[size] = 0;
    seismic_result result = seismic_url_parse(text, &url, &err);
    if (result) {
        FUZZ_ASSERT(err.result == result && err.message[0]);
        return 0;
    }
    FUZZ_ASSERT(url.scheme != SEISMIC_URL_INVALID && url.port != 0 && url.host[0] && url.path[0] == '/');
    FUZZ_ASSERT(memchr(url.host, 0, sizeof url.host) && memchr(url.path, 0, sizeof url.path));
    FUZZ_ASSERT(url.tls == (url.scheme == SEISMIC_URL_HTTPS || url.scheme == SEISMIC_URL_WSS));
    FUZZ_ASSERT(url.websocket == (url.scheme == SEISMIC_URL_WS || url.scheme == SEISMIC_URL_WSS));
    FUZZ_ASSERT(!strchr(url.path, '#'));
    bool ipv6 = strchr(url.host, ':') != NULL;
    if (ipv6) FUZZ_ASSERT(url.ip_literal);

    seismic_buf request;
    memset(&request, 0, sizeof request);
    _seismic_http_write_request(&request, "GET", &url, NULL, NULL, 0, NULL);
    FUZZ_ASSERT(!request.failed && request.len >= 4);
    size_t line_breaks = 0;
    for (size_t i = 0; i < request.len; i++) line_breaks += request.data[i] == '\n';
    FUZZ_ASSERT(line_breaks == 4); /* request line, Host, User-Agent, blank line */
    seismic_buf_free(&request);

    static const char *const schemes[] = {"", "http", "https", "ws", "wss"};
    snprintf(rebuilt, sizeof rebuilt, "%s://%s%s%s:%u%s", schemes[url.scheme], ipv6 ? "[" : "", url.host, ipv6 ? "]" : "",
             (unsigned)url.port, url.path);
    FUZZ_ASSERT(seismic_url_parse(rebuilt, &again, &err) == SEISMIC_OK);
    FUZZ_ASSERT(memcmp(&url, &again, sizeof url) == 0);
    return 0;
}
