/**
 * Carrier and operational state, modelled on the kernel's linkwatch.
 *
 * Carrier changes (netif_carrier_on/off) take effect at once in the flags (`LOWER_UP`,
 * `NO-CARRIER`); the RFC 2863 operstate `ip link` prints as `state X` is recomputed by
 * linkwatch, which the kernel rate-limits: after a full run it processes only "urgent" events
 * for one second. Urgent means: a running device with a lower link (veth), or a running device
 * regaining carrier while its qdisc is deactivated. Everything else (a bridge losing carrier)
 * waits for the next full run, so for up to a second a bridge can show `state UP` without
 * LOWER_UP, exactly as the real kernel does between commands.
 */
import type { Link } from './types.ts';

/** What linkwatch needs from the kernel. */
export interface LinkwatchHost {
  now(): number;
  after(ms: number, fn: () => void): void;
  /** The device the kernel finds at ifindex `index` in `link`'s own namespace. */
  byIndex(link: Link, index: number): Link | undefined;
  /** NETDEV_CHANGE consumers: bridge port state, IPv6 addrconf. */
  stateChanged(link: Link): void;
}

/** Internal per-link linkwatch bookkeeping (kept off the plain-data Link). */
interface LwInfo {
  pending: boolean;
  /** dev_activate has attached the qdisc (carrier was on while up). */
  active: boolean;
}

/** Global linkwatch: one per machine, like the kernel's. */
export class Linkwatch {
  private nextEvent = -Infinity;
  private readonly info = new WeakMap<Link, LwInfo>();
  private readonly pending: Link[] = [];
  private scheduled = false;
  constructor(private readonly host: LinkwatchHost) {}

  private lw(link: Link): LwInfo {
    let i = this.info.get(link);
    if (!i) {
      i = { pending: false, active: false };
      this.info.set(link, i);
    }
    return i;
  }

  /** The operstate the kernel would compute now (default_operstate). */
  operstateOf(link: Link): 'UP' | 'DOWN' | 'LOWERLAYERDOWN' {
    if (!link.flags.lowerUp) {
      if (link.kind !== 'veth' || !link.peer) return 'DOWN';
      // The kernel looks the peer's ifindex up in the device's own namespace.
      const peer = this.host.byIndex(link, link.peer.index);
      if (!peer) return 'DOWN';
      return peer.flags.lowerUp ? 'DOWN' : 'LOWERLAYERDOWN';
    }
    return 'UP';
  }

  /** Called when a device is registered (linkwatch_init_dev). */
  init(link: Link): void {
    if (!link.flags.lowerUp) link.operstate = this.operstateOf(link);
    else link.operstate ??= 'UNKNOWN';
  }

  /** Called when the device is opened: dev_activate attaches the qdisc if it has carrier. */
  opened(link: Link): void {
    this.lw(link).active = link.flags.lowerUp;
  }

  private urgent(link: Link): boolean {
    if (!link.flags.up) return false;
    if (link.kind === 'veth') return true;
    return link.flags.lowerUp && !this.lw(link).active;
  }

  /** netif_carrier_on/off: sets LOWER_UP and queues a linkwatch event if it changed. */
  setCarrier(link: Link, on: boolean): void {
    if (link.flags.lowerUp === on) return;
    link.flags.lowerUp = on;
    this.fire(link);
  }

  /** linkwatch_fire_event; `forceUrgent` for events the kernel processes at once. */
  fire(link: Link, forceUrgent = false): void {
    const i = this.lw(link);
    if (!i.pending) {
      i.pending = true;
      this.pending.push(link);
    }
    const urgent = forceUrgent || this.urgent(link);
    if (forceUrgent) this.forced.add(link);
    if (this.running) {
      // Queued for the next run: at once if urgent, else when the window closes.
      if (urgent) this.urgentQueued = true;
      else this.schedule();
      return;
    }
    this.run(urgent);
  }

  private running = false;
  private urgentQueued = false;
  private readonly forced = new Set<Link>();

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const delay = Math.max(0, this.nextEvent - this.host.now());
    this.host.after(delay, () => {
      this.scheduled = false;
      this.run(false);
    });
  }

  /** __linkwatch_run_queue: a full run when the window has passed, else urgent events only. */
  private run(urgentHint: boolean): void {
    for (let guard = 0; guard < 100; guard++) {
      const now = this.host.now();
      const urgentOnly = this.nextEvent > now;
      if (urgentOnly && !urgentHint) {
        this.schedule();
        return;
      }
      if (!urgentOnly) this.nextEvent = now + 1000;
      // The kernel works on the list as it was when the run started.
      const work = this.pending.splice(0);
      this.running = true;
      this.urgentQueued = false;
      try {
        for (const link of work) {
          if (urgentOnly && !this.urgent(link) && !this.forced.has(link)) {
            this.pending.push(link);
            continue;
          }
          this.forced.delete(link);
          this.lw(link).pending = false;
          this.doDev(link);
        }
      } finally {
        this.running = false;
      }
      if (!this.urgentQueued) break;
      urgentHint = true;
    }
    if (this.pending.length) this.schedule();
  }

  private doDev(link: Link): void {
    link.operstate = this.operstateOf(link);
    if (link.flags.up) this.lw(link).active = link.flags.lowerUp;
    this.host.stateChanged(link);
  }

  /**
   * Processes the device's own pending event now: opening a device reports the operstate its
   * carrier implies (a bridge whose ports are all down comes up as DOWN/NO-CARRIER).
   */
  sync(link: Link): void {
    const n = this.pending.indexOf(link);
    if (n < 0) return;
    this.pending.splice(n, 1);
    this.lw(link).pending = false;
    this.doDev(link);
  }

  /** A device left: drop its pending event. */
  forget(link: Link): void {
    const n = this.pending.indexOf(link);
    if (n >= 0) this.pending.splice(n, 1);
    this.info.delete(link);
  }
}
