# shellcheck shell=sh
# Sourced by ./mvnw, .ci/run and ./run-local: points JAVA_HOME at a JDK 25 or newer.
# Keeps JAVA_HOME when it already is one; otherwise looks in the usual JDK folders (or in the folders
# whose JDKs INVADERS_JDK_DIRS lists, space-separated, e.g. "/opt/jdks/*").
# On failure it prints one line and returns 2 (the caller exits).

invaders_jdk_feature() { # prints the feature release (17, 25, ...) of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}

invaders_select_jdk() {
  case $- in *f*) set +f; invaders_select_jdk_search; invaders_rc=$?; set -f; return $invaders_rc ;; esac
  invaders_select_jdk_search
}

invaders_select_jdk_search() {
  invaders_required=25
  invaders_found=""
  if [ -n "${JAVA_HOME-}" ]; then
    invaders_v=$(invaders_jdk_feature "$JAVA_HOME")
    if [ -n "$invaders_v" ] && [ "$invaders_v" -ge "$invaders_required" ]; then return 0; fi
    invaders_found="JAVA_HOME=$JAVA_HOME is ${invaders_v:-not a JDK}"
  fi
  invaders_dirs=${INVADERS_JDK_DIRS:-/usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* ${HOME:-/nonexistent}/.jdks/* ${HOME:-/nonexistent}/.sdkman/candidates/java/*}
  # shellcheck disable=SC2086 # the list is split and its globs expanded on purpose
  for invaders_dir in $invaders_dirs; do
    [ -d "$invaders_dir" ] || continue
    invaders_v=$(invaders_jdk_feature "$invaders_dir")
    if [ -n "$invaders_v" ] && [ "$invaders_v" -ge "$invaders_required" ]; then
      JAVA_HOME=$(cd "$invaders_dir" && pwd -P)
      export JAVA_HOME
      return 0
    fi
  done
  [ -n "$invaders_found" ] || invaders_found="java on PATH is $(java -version 2>&1 | head -n 1)"
  echo "error: this project needs JDK $invaders_required or newer and none was found ($invaders_found); install one or set JAVA_HOME to it" >&2
  return 2
}
