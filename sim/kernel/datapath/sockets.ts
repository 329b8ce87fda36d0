/**
 * ICMP echo sockets (what ping opens): identified by the echo identifier within a namespace.
 * Echo replies and ICMP errors about the socket's own echo requests (IP_RECVERR) are handed
 * to the owner's callbacks.
 */
import type { Ipv4Packet } from '../packet.ts';

export interface EchoReply {
  from: string;
  seq: number;
  ttl: number;
  /** ICMP payload bytes (ping prints dataLen + 8). */
  dataLen: number;
}

export interface EchoError {
  /** Address of the host that sent the ICMP error. */
  from: string;
  type: number;
  code: number;
  /** Sequence number of the echo request the error is about. */
  seq: number;
  /** Destination of the echo request the error is about. */
  target: string;
  mtu?: number;
}

export interface EchoSocketHandler {
  onReply(r: EchoReply): void;
  onError(e: EchoError): void;
  /** SO_BINDTODEVICE: only packets that came in on this ifindex reach the socket. */
  boundDev?: number;
}

export interface EchoSocket {
  readonly id: number;
  close(): void;
}

export class PingSockets {
  private readonly byNs = new Map<number, Map<number, EchoSocketHandler>>();
  private nextId = 0x4d2;

  /** Opens an echo socket in a namespace; the identifier is unique there. */
  open(nsId: number, handler: EchoSocketHandler): EchoSocket {
    let m = this.byNs.get(nsId);
    if (!m) this.byNs.set(nsId, (m = new Map()));
    let id = this.nextId;
    while (m.has(id)) id = (id + 1) & 0xffff || 1;
    this.nextId = ((id + 0x101) & 0xffff) || 1;
    m.set(id, handler);
    const map = m;
    return { id, close: () => void map.delete(id) };
  }

  /** An echo reply arrived for this namespace; true if a socket took it. */
  deliverReply(nsId: number, pkt: Ipv4Packet, iif: number): boolean {
    if (pkt.l4.proto !== 'icmp') return false;
    const m = pkt.l4.icmp;
    const h = this.byNs.get(nsId)?.get(m.id ?? -1);
    if (!h || (h.boundDev !== undefined && h.boundDev !== iif)) return false;
    h.onReply({ from: pkt.src, seq: m.seq ?? 0, ttl: pkt.ttl, dataLen: m.dataLen });
    return true;
  }

  /** An ICMP error about one of our echo requests; true if a socket took it. */
  deliverError(nsId: number, pkt: Ipv4Packet): boolean {
    if (pkt.l4.proto !== 'icmp' || !pkt.l4.icmp.inner) return false;
    const icmp = pkt.l4.icmp;
    const inner = icmp.inner!;
    if (inner.l4.proto !== 'icmp' || inner.l4.icmp.type !== 8) return false;
    const h = this.byNs.get(nsId)?.get(inner.l4.icmp.id ?? -1);
    if (!h) return false;
    h.onError({ from: pkt.src, type: icmp.type, code: icmp.code, seq: inner.l4.icmp.seq ?? 0, target: inner.dst, mtu: icmp.mtu });
    return true;
  }

  forgetNetns(nsId: number): void {
    this.byNs.delete(nsId);
  }
}
