/**
 * The bash functions every lab script starts with: cleanup on exit (Ctrl+C included), the watchdog
 * that bounds the run, the kernel probe, listeners and probes, the route comparison and the verdict.
 * Output is one JSON object per line; exit codes are documented in lab-script.ts.
 */
import { q } from "./shell.ts";
import { JQ_ROUTE_KEY } from "./route-key.ts";

/** The runtime part of the script; `timeoutSeconds` bounds the whole lab unless TOPOLAB_LAB_TIMEOUT says otherwise. */
export function runtime(timeoutSeconds: number): string {
  return `${RUNTIME.replace("@TIMEOUT@", String(timeoutSeconds))}JQ_ROUTE=${q(JQ_ROUTE_KEY)}\n`;
}

const RUNTIME = `set -u
export LC_ALL=C
P="tl-$$-"
LAB_TIMEOUT="\${TOPOLAB_LAB_TIMEOUT:-@TIMEOUT@}"
PIDS=()
SETUP_ERRORS=0
SKIPPED=0
FLOW_COUNT=0
FLOW_DIFFERENCES=0
ROUTE_TABLES=0
ROUTE_DIFFERENCES=0
TMPD=""
WATCHDOG=""
LISTENER=""
declare -A KERNEL=()

# A JSON string, escaped in bash (no tool needed before the checks pass).
jstr() {
  local s=$1
  s=\${s//\\\\/\\\\\\\\}
  s=\${s//\\"/\\\\\\"}
  s=\${s//$'\\n'/\\\\n}
  s=\${s//$'\\t'/\\\\t}
  s=\${s//$'\\r'/\\\\r}
  printf '"%s"' "$s"
}
emit_note() { printf '{"note":%s}\\n' "$(jstr "$1")"; }
skip() { SKIPPED=$((SKIPPED + 1)); printf '{"skip":%s,"reason":%s}\\n' "$(jstr "$1")" "$(jstr "$2")"; }
fail_setup() { printf '{"setup_error":%s}\\n' "$(jstr "$1")"; printf '{"result":"setup-failure"}\\n'; exit 2; }
finish_if_skipped() {
  if [ "$SKIPPED" -gt 0 ]; then printf '{"result":"skipped","skipped":%d}\\n' "$SKIPPED"; exit 3; fi
}

# A setup command: a failure is printed as {"setup_error": command, "error": its message}; the lab goes on and exits 2.
run() {
  local out
  if ! out=$("$@" 2>&1); then
    SETUP_ERRORS=$((SETUP_ERRORS + 1))
    printf '{"setup_error":%s,"error":%s}\\n' "$(jstr "$*")" "$(jstr "$out")"
    return 1
  fi
}
# A sysctl inside a namespace (written through /proc: device names may hold dots).
nsysctl() { ip netns exec "$1" sh -c 'echo "$2" > "/proc/sys/$1"' _ "$2" "$3" 2>/dev/null; }

# Removes everything this run made: its processes, then every namespace named with its prefix.
cleanup() {
  local pid n
  trap - EXIT INT TERM USR1
  if [ -n "$WATCHDOG" ]; then kill "$WATCHDOG" 2>/dev/null; fi
  for pid in "\${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for n in $(ip netns list 2>/dev/null | awk '{print $1}'); do
    case $n in "$P"*) ;; *) continue ;; esac
    for pid in $(ip netns pids "$n" 2>/dev/null); do kill "$pid" 2>/dev/null; done
    ip netns del "$n" 2>/dev/null
  done
  if [ -n "$TMPD" ]; then rm -rf "$TMPD"; fi
}

# The whole lab is bounded: after LAB_TIMEOUT seconds the watchdog stops it (exit 2). It holds no
# output descriptor, so whoever reads the lab's output sees its end when the lab ends.
start_watchdog() {
  local main=$$ i
  (
    for ((i = 0; i < LAB_TIMEOUT; i++)); do
      sleep 1
      kill -0 "$main" 2>/dev/null || exit 0
    done
    kill -USR1 "$main" 2>/dev/null
  ) </dev/null >/dev/null 2>&1 &
  WATCHDOG=$!
}

require_root() {
  if [ "$(id -u)" != 0 ]; then
    fail_setup "the lab needs root: it creates network namespaces (run it as root, e.g. with sudo)"
  fi
}
require_tools() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || fail_setup "missing tool: $t"
  done
}

# A namespace of this run: loopback up, forwarding on or off, no reverse-path filter, no IPv6 DAD delay.
mkns() {
  local n="$P$1"
  run ip netns add "$n" || return 1
  ip -n "$n" link set lo up
  ip netns exec "$n" sh -c '
    cd /proc/sys/net || exit 0
    echo 0 > ipv4/conf/all/rp_filter; echo 0 > ipv4/conf/default/rp_filter; echo "$1" > ipv4/ip_forward
    if [ -d ipv6 ]; then echo "$1" > ipv6/conf/all/forwarding; echo 0 > ipv6/conf/all/accept_dad; echo 0 > ipv6/conf/default/accept_dad; fi
  ' _ "$2" 2>/dev/null
}

# Which encapsulations this kernel can create, each tried once in a scratch namespace.
probe_kernel() {
  local n="\${P}probe" kind list=""
  run ip netns add "$n" || return 1
  ip -n "$n" link add tlp0 type veth peer name tlp1 >/dev/null 2>&1
  for kind in vxlan gre gretap ipip geneve wireguard ipvlan macvlan; do
    case $kind in
      vxlan) set -- type vxlan id 42 dstport 4789 ;;
      gre | gretap) set -- type "$kind" remote 192.0.2.1 local 192.0.2.2 ;;
      geneve) set -- type geneve id 42 remote 192.0.2.1 ;;
      ipvlan | macvlan) set -- link tlp0 type "$kind" ;;
      *) set -- type "$kind" ;;
    esac
    if ip -n "$n" link add tlprobe "$@" >/dev/null 2>&1; then
      KERNEL[$kind]=true
      ip -n "$n" link del tlprobe >/dev/null 2>&1
    else
      KERNEL[$kind]=false
    fi
    list="$list\${list:+,}\\"$kind\\":\${KERNEL[$kind]}"
  done
  ip netns del "$n" 2>/dev/null
  printf '{"kernel":{%s}}\\n' "$list"
}
need_kind() {
  if [ "\${KERNEL[$1]:-false}" != true ]; then
    skip "$2" "this kernel cannot create $1 devices (ip link add … type $1 failed in a scratch namespace)"
  fi
}

# Probe listeners: each answers with a token naming the container, so a probe that lands on another
# container holding the same address (docker0 ranges repeat across hosts) does not count.
PY_LISTENER='
import socket, sys, signal
proto, port, fam, token, limit = sys.argv[1:6]
signal.alarm(int(limit))
af = socket.AF_INET6 if fam == "6" else socket.AF_INET
s = socket.socket(af, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
if af == socket.AF_INET6:
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
s.bind(("::" if af == socket.AF_INET6 else "0.0.0.0", int(port)))
reply = (token + "\\n").encode()
if proto == "tcp":
    s.listen(64)
    while True:
        c, _ = s.accept()
        c.sendall(reply)
        c.close()
else:
    while True:
        _, a = s.recvfrom(2048)
        s.sendto(reply, a)
'
JS_LISTENER='
const [proto, port, fam, token, limit] = process.argv.slice(1);
setTimeout(() => process.exit(0), Number(limit) * 1000);
const host = fam === "6" ? "::" : "0.0.0.0";
if (proto === "tcp") {
  require("net").createServer((c) => c.end(token + "\\n")).listen({ port: Number(port), host, ipv6Only: fam === "6" });
} else {
  const s = require("dgram").createSocket({ type: fam === "6" ? "udp6" : "udp4", ipv6Only: fam === "6" });
  s.on("message", (m, r) => s.send(token + "\\n", r.port, r.address));
  s.bind(Number(port), host);
}
'
pick_listener() {
  if command -v python3 >/dev/null 2>&1 && python3 -c 'import socket' >/dev/null 2>&1; then LISTENER=python3
  elif command -v node >/dev/null 2>&1; then LISTENER=node
  elif command -v socat >/dev/null 2>&1; then LISTENER=socat
  else fail_setup "no program to answer probes: the lab needs python3, node or socat"
  fi
}
# listen NS PROTO PORT FAMILY TOKEN: a listener in namespace NS that lives at most LAB_TIMEOUT seconds.
listen() {
  local n="$P$1" v=""
  [ "$4" = 6 ] && v=6 || v=4
  case $LISTENER in
    python3) ip netns exec "$n" python3 -c "$PY_LISTENER" "$2" "$3" "$4" "$5" "$LAB_TIMEOUT" </dev/null >/dev/null 2>&1 & ;;
    node) ip netns exec "$n" node -e "$JS_LISTENER" "$2" "$3" "$4" "$5" "$LAB_TIMEOUT" </dev/null >/dev/null 2>&1 & ;;
    socat)
      if [ "$2" = tcp ]; then
        ip netns exec "$n" timeout "$LAB_TIMEOUT" socat "TCP$v-LISTEN:$3,reuseaddr,fork" "SYSTEM:echo $5" </dev/null >/dev/null 2>&1 &
      else
        ip netns exec "$n" timeout "$LAB_TIMEOUT" socat "UDP$v-RECVFROM:$3,reuseaddr,fork" "SYSTEM:echo $5" </dev/null >/dev/null 2>&1 &
      fi ;;
  esac
  PIDS+=("$!")
}
# wait_listening NS PROTO PORT: up to 5 s for the listener to bind.
wait_listening() {
  local n="$P$1" flag=t i
  [ "$2" = udp ] && flag=u
  for ((i = 0; i < 50; i++)); do
    if [ -n "$(ip netns exec "$n" ss -Hln"$flag" "sport = :$3" 2>/dev/null)" ]; then return 0; fi
    sleep 0.1
  done
  SETUP_ERRORS=$((SETUP_ERRORS + 1))
  printf '{"setup_error":%s}\\n' "$(jstr "no listener on $2 port $3 in $n after 5 s")"
}
# probe FILE NS PROTO ADDRESS PORT: a connect and answer from NS, 2 s in all; FILE gets what the listener answered.
probe() {
  local n="$P$2"
  case $3 in
    tcp | udp)
      ip netns exec "$n" timeout 2 bash -c '
        exec 3<>"/dev/$1/$2/$3" || exit 1
        if [ "$1" = udp ]; then
          # One datagram in one read (bash read takes a byte at a time, which truncates datagrams);
          # $(…) drops the newline.
          printf "probe\\n" >&3
          line=$(dd bs=2048 count=1 <&3 2>/dev/null) || exit 1
        else
          IFS= read -r line <&3 || exit 1
        fi
        printf "%s" "$line"' _ "$3" "$4" "$5" >"$1" 2>/dev/null ;;
    icmp)
      if ip netns exec "$n" ping -c 1 -W 1 "$4" >/dev/null 2>&1; then printf '%s' icmp >"$1"; fi ;;
  esac
  return 0
}
# report_flow ID FROM TO PORT PROTOCOL PREDICTED FILE EXPECTED TARGET PROBE
report_flow() {
  local got="" measured=false agree=true
  if [ -f "$7" ]; then got=$(cat "$7"); fi
  if [ "$got" = "$8" ]; then measured=true; fi
  FLOW_COUNT=$((FLOW_COUNT + 1))
  if [ "$6" != "$measured" ]; then agree=false; FLOW_DIFFERENCES=$((FLOW_DIFFERENCES + 1)); fi
  printf '{"flow":%s,"from":%s,"to":%s,"port":%s,"protocol":%s,"predicted":%s,"measured":%s,"agree":%s,"target":%s,"probe":%s}\\n' \\
    "$(jstr "$1")" "$(jstr "$2")" "$(jstr "$3")" "$4" "$(jstr "$5")" "$6" "$measured" "$agree" "$(jstr "$9")" "$(jstr "\${10}")"
}

# check_routes NODE NS V6 EXPECTED: the kernel's main table against the report's, line by line (route-key.ts).
check_routes() {
  local n="$P$2" actual line
  actual=$({
    ip -n "$n" -4 -j route show table main | jq -r "$JQ_ROUTE"
    if [ "$3" = 1 ]; then ip -n "$n" -6 -j route show table main | jq -r "$JQ_ROUTE"; fi
  } | sort -u)
  ROUTE_TABLES=$((ROUTE_TABLES + 1))
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    ROUTE_DIFFERENCES=$((ROUTE_DIFFERENCES + 1))
    printf '{"routes":%s,"only_in":"model","route":%s}\\n' "$(jstr "$1")" "$(jstr "$line")"
  done < <(comm -23 <(printf '%s\\n' "$4" | sort -u) <(printf '%s\\n' "$actual"))
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    ROUTE_DIFFERENCES=$((ROUTE_DIFFERENCES + 1))
    printf '{"routes":%s,"only_in":"kernel","route":%s}\\n' "$(jstr "$1")" "$(jstr "$line")"
  done < <(comm -13 <(printf '%s\\n' "$4" | sort -u) <(printf '%s\\n' "$actual"))
}

finish() {
  local result=agree code=0
  if [ "$SETUP_ERRORS" -gt 0 ]; then result=setup-failure; code=2
  elif [ $((FLOW_DIFFERENCES + ROUTE_DIFFERENCES)) -gt 0 ]; then result=disagree; code=1
  fi
  printf '{"summary":{"flows":%d,"flow_differences":%d,"route_tables":%d,"route_differences":%d,"setup_errors":%d},"result":"%s"}\\n' \\
    "$FLOW_COUNT" "$FLOW_DIFFERENCES" "$ROUTE_TABLES" "$ROUTE_DIFFERENCES" "$SETUP_ERRORS" "$result"
  exit "$code"
}

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'printf "{\\"setup_error\\":\\"the lab ran longer than %s s and was stopped\\"}\\n" "$LAB_TIMEOUT"; exit 2' USR1
`;
