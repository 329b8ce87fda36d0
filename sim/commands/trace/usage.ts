/** `trace --help`: what the command does and the format it prints, which stays stable. */
export const TRACE_USAGE = `Usage: trace [-a] [-v]
       trace [-v] N
       trace -l
Show the journey of packets through this machine, step by step: devices and
bridges they crossed, routing decisions, netfilter hooks with the table, chain
and rule (by line number, as iptables -L --line-numbers counts) that decided,
NAT rewrites with the packet before and after, conntrack states, ARP, and how
each packet ended (delivered, or dropped: where and why).

  trace          the first packet the last command sent, and the reply to it
                 (the last command that sent any IPv4 packet)
  trace -a       every packet that command sent or caused
  trace -l       recent commands and their packets, with journey numbers
  trace N        the journey numbered N (see trace -l)
  -v             every step outside this host (LAN, gateway, remote server)
                 instead of one line per stretch
  -h, --help     show this help

Output, one fact per line:
  Journey N (ROLE[, answers M]): PACKET
    STEP. PLACE: WHAT
    Result: delivered in PLACE: ... | dropped in PLACE at HOOK by ... | left ...
ROLE is request, reply or arp; PLACE is the namespace (host, a container as
"container NAME", a netns name) and the device.
`;
