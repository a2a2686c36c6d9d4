# shellcheck shell=bash
# Shared by the stand-in installers of tests/setup/fresh-machine.test.js.
# The test sets:
#   STANDIN_LOG      every install request is appended here, one a line
#   STANDIN_STATE    a folder: a file per tool the stand-ins "installed"
#   STANDIN_BIN      the simulated machine's only PATH entry
#   STANDIN_MISSING  what the simulated machine lacks at first (space-separated
#                    names: rust targets and components, toolchains, cargo
#                    packages, Debian packages)
#   STANDIN_REAL_*   the real programs the stand-ins hand over to
set -euo pipefail

asked() {
  echo "$*" >>"$STANDIN_LOG"
}

# Whether `name` is still missing on the simulated machine.
missing() {
  case " $STANDIN_MISSING " in
    *" $1 "*) [ ! -e "$STANDIN_STATE/$1" ] ;;
    *) return 1 ;;
  esac
}

installed() {
  touch "$STANDIN_STATE/$1"
}

# The real program's output without the lines naming what is still missing.
without_missing() {
  local line name
  while IFS= read -r line; do
    name=${line%% *}
    name=${name%-x86_64-unknown-linux-gnu}
    if missing "$name"; then continue; fi
    echo "$line"
  done
}
