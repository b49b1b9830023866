#!/usr/bin/env bash
# Runs the Windows build of the CLI under Wine as if it were the native one (tests/cli.sh takes it as
# the binary): same arguments, stdin and exit status; stdout and stderr with Unix line ends, because
# Windows writes CRLF. SEISMIC_WIN_EXE names the .exe [build/win/seismic.exe].
exe=${SEISMIC_WIN_EXE:-build/win/seismic.exe}
out=$(mktemp)
err=$(mktemp)
wine "$exe" "$@" >"$out" 2>"$err"
code=$?
tr -d '\r' <"$out"
tr -d '\r' <"$err" >&2
rm -f "$out" "$err"
exit $code
