/* seismic CLI: devnet, a local Seismic dev node with the example contracts deployed: the same as `make devnet`
   (tools/testenv/devnet.sh of the checkout the CLI was built from, or of $SEISMIC_SOURCE_DIR). */
#include "cli.h"

#include <errno.h>

#ifndef SEISMIC_CLI_SOURCE_DIR
#define SEISMIC_CLI_SOURCE_DIR "" /* the Makefile passes the checkout's directory */
#endif

static int cmd_devnet(int argc, char **argv) {
    bool bad = false;
    const char *port = take_option(&argc, argv, "--port", &bad);
    if (bad || reject_options(argc, argv)) return 1;
    const char *action = argc ? argv[0] : "start";
    if (argc > 1 || (strcmp(action, "start") != 0 && strcmp(action, "stop") != 0))
        return failf("expected start or stop (see --help)");
    uint64_t port_number = 0;
    if (port && parse_u64(port, &port_number, "--port")) return 1;
    if (port && (port_number == 0 || port_number > 65535)) return failf("--port %s: expected 1..65535", port);
#if defined(_WIN32)
    return failf("the dev node needs bash and node: run it on Linux or macOS (or in WSL) and point --rpc-url at it");
#else
    const char *dir = getenv("SEISMIC_SOURCE_DIR");
    if (!dir || !dir[0]) dir = SEISMIC_CLI_SOURCE_DIR;
    char script[4096];
    snprintf(script, sizeof script, "%s/tools/testenv/devnet.sh", dir);
    if (!dir[0] || access(script, R_OK) != 0)
        return failf("no %s: the dev node lives in the seismic.h checkout; set SEISMIC_SOURCE_DIR to it", script);
    if (port) setenv("DEVNET_PORT", port, 1);
    fflush(stdout);
    execlp("bash", "bash", script, action, (char *)NULL);
    return failf("could not run bash %s: %s", script, strerror(errno));
#endif
}

const command cli_devnet_commands[] = {
    {"devnet", "devnet [start|stop] [--port PORT]",
     "start: runs a local Seismic dev node (with Anvil behind it) in the background on http://127.0.0.1:8545\n"
     "(--port: another port) with the example contracts deployed, and prints the URL, the funded key and the\n"
     "contract addresses (also as shell exports in build/devnet/env.sh); stop: stops it. The same as make devnet\n"
     "in the checkout the CLI was built from (or $SEISMIC_SOURCE_DIR): it needs node and a built checkout.",
     cmd_devnet},
};
const size_t cli_devnet_command_count = sizeof cli_devnet_commands / sizeof *cli_devnet_commands;
