# Sourced (POSIX sh) by ./mvnw, ./starling and .ci/run: makes JAVA_HOME point at a JDK 21+.
# Keeps JAVA_HOME when it already is one; otherwise picks the newest JDK 21+ found on PATH or in the
# usual install folders (Debian/Ubuntu /usr/lib/jvm, SDKMAN, /opt, macOS). Finds nothing: changes
# nothing, and the Maven enforcer then stops the build with a clear message.
starling_java_major() {
  # A JDK's "release" file names its version: reading it costs nothing, starting a JVM to ask costs
  # a few hundred milliseconds per candidate. The JVM is asked only when the file is missing.
  _sj_rel="${1%/bin/java}/release"
  if [ -r "$_sj_rel" ]; then
    _sj_rv=$(sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$_sj_rel" | head -n 1)
    if [ -n "$_sj_rv" ]; then echo "$_sj_rv"; return 0; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}\([0-9]*\).*/\2/p' | head -n 1
}

starling_find_jdk() {
  _sj_min=21
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    _sj_v=$(starling_java_major "$JAVA_HOME/bin/java")
    if [ "${_sj_v:-0}" -ge "$_sj_min" ]; then return 0; fi
    _sj_old="JAVA_HOME=$JAVA_HOME (JDK ${_sj_v:-?})"
  fi
  _sj_best=; _sj_best_v=0
  _sj_restore_f=; case $- in *f*) _sj_restore_f=1; set +f ;; esac
  _sj_path_java=$(command -v java 2>/dev/null || true)
  if [ -n "$_sj_path_java" ]; then
    _sj_path_java=$(readlink -f "$_sj_path_java" 2>/dev/null || echo "$_sj_path_java")
    _sj_path_home=${_sj_path_java%/bin/java}
  else
    _sj_path_home=
  fi
  for _sj_home in $_sj_path_home /usr/lib/jvm/* /usr/java/* /opt/*jdk* /opt/java/* \
      "${HOME:-/nonexistent}"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$_sj_home/bin/java" ] && [ -x "$_sj_home/bin/javac" ] || continue
    _sj_v=$(starling_java_major "$_sj_home/bin/java")
    if [ "${_sj_v:-0}" -gt "$_sj_best_v" ]; then _sj_best=$_sj_home; _sj_best_v=$_sj_v; fi
  done
  [ -z "$_sj_restore_f" ] || set -f
  if [ -n "$_sj_best" ] && [ "$_sj_best_v" -ge "$_sj_min" ]; then
    [ -z "${_sj_old-}" ] || echo "starling: $_sj_old is too old; using JDK $_sj_best_v at $_sj_best" >&2
    JAVA_HOME=$_sj_best
    export JAVA_HOME
    return 0
  fi
  return 1
}
