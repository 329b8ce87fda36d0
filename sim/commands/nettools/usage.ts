/**
 * Usage texts of net-tools 2.10 (netstat, route, arp) as printed after a bad option,
 * recorded on the reference system. route prints its address-family list before the usage.
 */

/** netstat: after "unrecognized option" (exit 3). */
export const USAGE_NETSTAT =
  "usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}\n" +
  "       netstat [-vWnNcaeol] [<Socket> ...]\n" +
  "       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }\n" +
  "\n" +
  "        -r, --route              display routing table\n" +
  "        -i, --interfaces         display interface table\n" +
  "        -g, --groups             display multicast group memberships\n" +
  "        -s, --statistics         display networking statistics (like SNMP)\n" +
  "        -M, --masquerade         display masqueraded connections\n" +
  "\n" +
  "        -v, --verbose            be verbose\n" +
  "        -W, --wide               don't truncate IP addresses\n" +
  "        -n, --numeric            don't resolve names\n" +
  "        --numeric-hosts          don't resolve host names\n" +
  "        --numeric-ports          don't resolve port names\n" +
  "        --numeric-users          don't resolve user names\n" +
  "        -N, --symbolic           resolve hardware names\n" +
  "        -e, --extend             display other/more information\n" +
  "        -p, --programs           display PID/Program name for sockets\n" +
  "        -o, --timers             display timers\n" +
  "        -c, --continuous         continuous listing\n" +
  "\n" +
  "        -l, --listening          display listening server sockets\n" +
  "        -a, --all                display all sockets (default: connected)\n" +
  "        -F, --fib                display Forwarding Information Base (default)\n" +
  "        -C, --cache              display routing cache instead of FIB\n" +
  "        -Z, --context            display SELinux security context for sockets\n" +
  "\n" +
  "  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}\n" +
  "           {-x|--unix} --ax25 --ipx --netrom\n" +
  "  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet\n" +
  "  List of possible address families (which support routing):\n" +
  "    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n" +
  "    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) \n" +
  "    ddp (Appletalk DDP) x25 (CCITT X.25) \n";

/** route: the address families it lists on stderr after a bad option (lines end in a space). */
export const ROUTE_AFLIST =
  "    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n" +
  "    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) \n" +
  "    ddp (Appletalk DDP) x25 (CCITT X.25) \n";

/** route: its usage, on stdout after a bad option (and it exits 0). */
export const USAGE_ROUTE =
  "Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n" +
  "       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.\n" +
  "\n" +
  "       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.\n" +
  "       route {-V|--version}                  Display version/author and exit.\n" +
  "\n" +
  "        -v, --verbose            be verbose\n" +
  "        -n, --numeric            don't resolve names\n" +
  "        -e, --extend             display other/more information\n" +
  "        -F, --fib                display Forwarding Information Base (default)\n" +
  "        -C, --cache              display routing cache instead of FIB\n" +
  "\n" +
  "  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet\n" +
  "  List of possible address families (which support routing):\n";

/** arp: after "unrecognized option" (exit 3). */
export const USAGE_ARP =
  "Usage:\n" +
  "  arp [-vn]  [<HW>] [-i <if>] [-a] [<hostname>]             <-Display ARP cache\n" +
  "  arp [-v]          [-i <if>] -d  <host> [pub]               <-Delete ARP entry\n" +
  "  arp [-vnD] [<HW>] [-i <if>] -f  [<filename>]            <-Add entry from file\n" +
  "  arp [-v]   [<HW>] [-i <if>] -s  <host> <hwaddr> [temp]            <-Add entry\n" +
  "  arp [-v]   [<HW>] [-i <if>] -Ds <host> <if> [netmask <nm>] pub          <-''-\n" +
  "\n" +
  "        -a                       display (all) hosts in alternative (BSD) style\n" +
  "        -e                       display (all) hosts in default (Linux) style\n" +
  "        -s, --set                set a new ARP entry\n" +
  "        -d, --delete             delete a specified entry\n" +
  "        -v, --verbose            be verbose\n" +
  "        -n, --numeric            don't resolve names\n" +
  "        -i, --device             specify network interface (e.g. eth0)\n" +
  "        -D, --use-device         read <hwaddr> from given device\n" +
  "        -A, -p, --protocol       specify protocol family\n" +
  "        -f, --file               read new entries from file or from /etc/ethers\n" +
  "\n" +
  "  <HW>=Use '-H <hw>' to specify hardware address type. Default: ether\n" +
  "  List of possible hardware types (which support ARP):\n" +
  "    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) \n" +
  "    netrom (AMPR NET/ROM) rose (AMPR ROSE) arcnet (ARCnet) \n" +
  "    dlci (Frame Relay DLCI) fddi (Fiber Distributed Data Interface) hippi (HIPPI) \n" +
  "    irda (IrLAP) x25 (generic X.25) eui64 (Generic EUI-64) \n";

const AF = 'AF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET +ROSE -BLUETOOTH\n';
const HW = ' +ETHER +ARC +SLIP +PPP +TUNNEL -TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT +FDDI +HIPPI +HDLC/LAPB +EUI64 \n';

/** `-V` of each tool: the version, the compile-time features, the families and hardware types. */
export const VERSION = {
  netstat:
    'net-tools 2.10\nFred Baumgarten, Alan Cox, Bernd Eckenfels, Phil Blundell, Tuan Hoang, Brian Micek and others\n' +
    '+NEW_ADDRT +RTF_IRTT +RTF_REJECT +FW_MASQUERADE +I18N +SELINUX\n' + AF + 'HW: ' + HW,
  route: 'net-tools 2.10\n+NEW_ADDRT +RTF_IRTT +RTF_REJECT +I18N +SELINUX\n' + AF + 'HW: ' + HW,
  arp: 'net-tools 2.10\n+I18N +SELINUX\n' + AF + 'HW: (ether)' + HW,
};
