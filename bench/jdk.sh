# Sourced by the bench scripts: picks a JDK >= 21 (JAVA_HOME when it is new enough, else the
# newest under /usr/lib/jvm) and exports JAVA_HOME.
java_major() {
  [ -x "$1/bin/java" ] || { echo 0; return; }
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
}
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
  best=0
  for d in /usr/lib/jvm/*/; do
    d=${d%/}; m=$(java_major "$d"); m=${m:-0}
    if [ "$m" -ge 21 ] && [ "$m" -gt "$best" ]; then JAVA_HOME=$d; best=$m; fi
  done
fi
export JAVA_HOME
