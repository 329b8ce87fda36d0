/**
 * Packet taps (AF_PACKET sockets, as tcpdump opens them): an observer that sees every frame a
 * device transmits (dev_queue_xmit_nit, after POSTROUTING) and every frame it receives
 * (__netif_receive_skb, before the bridge's rx handler and before PREROUTING). A tap is bound
 * to one device or, with no device, to every device of its namespace (`tcpdump -i any`).
 *
 * Taps only read: each frame is handed over as a deep copy taken at that instant, so NAT
 * rewriting the packet further along the path does not change what was captured. When no tap
 * is open the datapath pays one map lookup per frame.
 */
import type { Link, Netns } from '../types.ts';
import type { Frame } from './frame.ts';

/** Which way the frame crossed the device, from the device's point of view. */
export type CaptureDirection = 'in' | 'out';

/** One captured frame. */
export interface CapturedFrame {
  /** Virtual time (ms) of the crossing. */
  t: number;
  dev: { index: number; name: string; kind: Link['kind']; mac: string; mtu: number };
  dir: CaptureDirection;
  /** Deep copy of the frame (headers as they were on this device). */
  frame: Omit<Frame, 'skb'>;
}

/** An open packet socket. */
export interface CaptureTap {
  netnsId: number;
  /** ifindex to capture on; undefined captures every device of the namespace. */
  ifindex?: number;
  /** The socket put its device in promiscuous mode (tcpdump does unless -p; never on `any`). */
  promisc?: boolean;
  deliver(c: CapturedFrame): void;
}

type TapOwner = object;

const taps = new WeakMap<TapOwner, Set<CaptureTap>>();

/** Registers a tap on a datapath; returns the function that closes it. */
export function addTap(owner: TapOwner, tap: CaptureTap): () => void {
  let set = taps.get(owner);
  if (!set) {
    set = new Set();
    taps.set(owner, set);
  }
  set.add(tap);
  return () => {
    set.delete(tap);
  };
}

/** Hands a frame crossing `dev` to the taps listening there (called by the datapath). */
export function tapFrame(owner: TapOwner, now: number, ns: Netns, dev: Link, f: Frame, dir: CaptureDirection): void {
  const set = taps.get(owner);
  if (!set || set.size === 0) return;
  let copy: CapturedFrame | undefined;
  for (const tap of set) {
    if (tap.netnsId !== ns.id || (tap.ifindex !== undefined && tap.ifindex !== dev.index)) continue;
    copy ??= {
      t: now,
      dev: { index: dev.index, name: dev.name, kind: dev.kind, mac: dev.mac, mtu: dev.mtu },
      dir,
      frame: { src: f.src, dst: f.dst, payload: structuredClone(f.payload), wire: f.wire },
    };
    tap.deliver(copy);
  }
}

/**
 * True when a tap holds `dev` in promiscuous mode. A bridge device in promiscuous mode gets a
 * copy of every frame it bridges (br_handle_frame_finish sets local_rcv), which is why
 * tcpdump on a bridge shows traffic between its ports.
 */
export function isPromisc(owner: TapOwner, ns: Netns, dev: Link): boolean {
  const set = taps.get(owner);
  if (!set || set.size === 0) return false;
  for (const tap of set) if (tap.promisc && tap.netnsId === ns.id && tap.ifindex === dev.index) return true;
  return false;
}
