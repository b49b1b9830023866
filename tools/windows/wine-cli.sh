#!/usr/bin/env bash
# Runs the Windows build of the CLI under Wine as if it were the native one (tests/cli.sh takes it as
# the binary): same arguments, stdin and exit status; stdout and stderr with Unix line ends, because
# Windows writes CRLF. Both streams pass through as they are written (a test waiting for a line on the
# stderr of a command still running sees it at once). SEISMIC_WIN_EXE names the .exe [build/win/seismic.exe].
# Wine's server and services outlive the command: when none runs for WINEPREFIX, they are started here
# first with stdio detached (holding our pipes, they would keep the caller waiting); `wineserver -k` ends them.
set -o pipefail
exe=${SEISMIC_WIN_EXE:-build/win/seismic.exe}
if wineserver -p </dev/null >/dev/null 2>&1; then wine cmd /c exit </dev/null >/dev/null 2>&1; fi
{ wine "$exe" "$@" 2>&1 1>&3 3>&- | sed -u 's/\r$//' >&2; } 3>&1 | sed -u 's/\r$//'
