/** Loads every match module (each registers itself with ext.ts). */
import './tcpudp.ts';
import './icmp.ts';
import './conntrack.ts';
import './addrtype.ts';
import './multiport.ts';
import './simple.ts';
