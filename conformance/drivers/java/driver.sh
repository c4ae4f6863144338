#!/bin/sh
# ghost conformance driver for Java (protocol v1, docs/driver-protocol.md).
# Compiles GhostDriver.java once (keyed by a checksum of the driver source and the javac in
# use; cached in ~/.cache/ghost/ or the implementation's .ghost-build/), then runs it;
# GhostDriver compiles and loads the implementation itself. Usage (cwd = implementation dir): sh conformance/drivers/java/driver.sh
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
impl=${GHOST_IMPL_DIR:-$(pwd)}

fail() {
  msg=$(printf '%s' "$2" | tr '\n\r\t' '   ' | sed 's/\\/\\\\/g; s/"/\\"/g' | cut -c1-4000)
  printf '{"ghost":"driver","protocol":1,"language":"java","error":{"kind":"%s","message":"%s"}}\n' "$1" "$msg"
  exit 1
}

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
  javac="$JAVA_HOME/bin/javac"
else
  java=$(command -v java) || fail JavaUnavailable "java not found on PATH"
  javac=$(command -v javac) || fail JavacUnavailable "javac not found on PATH (a JDK is needed, not just a JRE)"
fi
[ -x "$javac" ] || fail JavacUnavailable "javac not found (a JDK is needed, not just a JRE)"

# Java 17-23 need -Djava.security.manager=allow for the System.exit guard; 24+ refuse it.
home=$(dirname "$(dirname "$(readlink -f "$java" 2>/dev/null || echo "$java")")")
major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
sm=""
if [ -n "$major" ] && [ "$major" -ge 12 ] && [ "$major" -le 23 ]; then sm="-Djava.security.manager=allow --add-opens=java.base/java.lang=ALL-UNNAMED"; fi

sum=$( (cat "$here/GhostDriver.java"; echo "$javac $major") | cksum | cut -d ' ' -f 1)

# GhostDriver.class is shared: the user cache when writable (or already built there), else the
# implementation's .ghost-build/ (the sandbox makes everything else read-only), else $TMPDIR.
set -- "${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/ghost" "$impl/.ghost-build" "${TMPDIR:-/tmp}/ghost-build-$(id -u)"
dir=""
for root in "$@"; do
  if [ -f "$root/java-driver-$sum/GhostDriver.class" ]; then dir="$root/java-driver-$sum"; break; fi
done
if [ -z "$dir" ]; then
  build=""
  for root in "$@"; do
    if mkdir -p "$root" 2>/dev/null && [ -w "$root" ]; then build=$root; break; fi
  done
  [ -n "$build" ] || fail DriverConfigError "no writable directory for the driver build"
  dir="$build/java-driver-$sum"
  # One compile at a time (parallel drivers start together); the others wait, then reuse it.
  if command -v flock >/dev/null 2>&1 && exec 9>"$build/java-driver.lock"; then flock 9; fi
  if [ ! -f "$dir/GhostDriver.class" ]; then
    tmp="$build/java-driver-tmp-$$"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    if ! out=$("$javac" -encoding UTF-8 -nowarn -Xlint:none -d "$tmp" "$here/GhostDriver.java" 2>&1); then
      rm -rf "$tmp"
      fail CompileError "GhostDriver.java: $out"
    fi
    if [ -d "$dir" ]; then rm -rf "$tmp"; else mv "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"; fi
  fi
  exec 9>&-
fi

exec "$java" -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Dfile.encoding=UTF-8 $sm -cp "$dir" GhostDriver
