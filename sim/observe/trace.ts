/**
 * Trace events: every step of a packet's journey, emitted by the datapath and netfilter and
 * read by the packet-journey view, `trace`, tcpdump and exercise probes. Events are plain data.
 */
export type NfHookName = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

export type TraceKind =
  | 'tx' // a device transmitted a frame
  | 'rx' // a device received a frame
  | 'arp' // neighbour resolution step (request, reply, failure)
  | 'bridge' // bridge decision: learn, forward to port, flood, deliver locally
  | 'route' // routing decision (input/forward/output), with the chosen route or the error
  | 'hook' // entering a netfilter hook (hook + table + chain)
  | 'rule' // a rule matched (table, chain, rule number, target)
  | 'policy' // a built-in chain's policy applied
  | 'nat' // an address/port rewrite, with before and after
  | 'conntrack' // conntrack lookup/creation: state and tuple
  | 'deliver' // handed to a local socket or the ICMP responder
  | 'drop' // the packet died here; `reason` says why
  | 'icmp'; // an ICMP error or echo reply was generated

export interface TraceEvent {
  /** Journey id (SkbMeta.traceId); replies and ICMP errors get their own id with `causedBy`. */
  id: number;
  causedBy?: number;
  /** Virtual time, ms. */
  t: number;
  kind: TraceKind;
  /** Internal netns id and its display name ("host" for the root namespace). */
  netnsId: number;
  netns: string;
  dev?: string;
  hook?: NfHookName;
  table?: string;
  chain?: string;
  /** 1-based rule number in its chain, as `iptables -L --line-numbers` shows it. */
  rule?: number;
  /** Rule text as `iptables -S` prints it, when a rule matched. */
  ruleText?: string;
  verdict?: string;
  /** One-line summary of the packet at this step, e.g. "ICMP 10.0.0.1 > 10.0.0.2 echo request id 1 seq 1". */
  packet: string;
  /** For NAT: the summary after rewriting. */
  after?: string;
  /** Human-readable detail ("no route to host", "learned 02:.. on veth1", "ctstate NEW"). */
  detail?: string;
  reason?: string;
}

/**
 * Where one command line's events begin and end in a TraceLog, so the journey views can list
 * the packets "that command" sent (sim/observe/journey-store.ts).
 */
export interface CommandMark {
  /** 1-based, increasing for the machine's life. */
  seq: number;
  /** The command line as typed. */
  line: string;
  /** Absolute log position when the line started. */
  from: number;
  /** Absolute log position when it ended; unset while it runs. */
  to?: number;
}

/** Command marks kept (the oldest are forgotten first). */
export const COMMAND_MARKS = 64;

/**
 * Bounded in-memory sink: the newest `limit` events are kept. Positions are absolute (they
 * keep counting when old events are dropped), so `since(position)` stays right after trimming.
 */
export class TraceLog {
  private events: TraceEvent[] = [];
  private dropped = 0;
  private nextId = 1;
  private marks: CommandMark[] = [];
  private nextMark = 1;
  /** When false, emit() does nothing (benchmarks, bulk setup). */
  enabled = true;
  constructor(private readonly limit = 20000) {}
  newId(): number {
    return this.nextId++;
  }
  emit(e: TraceEvent): void {
    if (!this.enabled) return;
    this.events.push(e);
    if (this.events.length > this.limit * 2) {
      const cut = this.events.length - this.limit;
      this.events.splice(0, cut);
      this.dropped += cut;
    }
  }
  /** Events of one journey, in order. */
  journey(id: number): TraceEvent[] {
    return this.events.filter((e) => e.id === id);
  }
  /** Events since absolute position `from` (remember `length` before an action). */
  since(from: number): TraceEvent[] {
    return this.events.slice(Math.max(0, from - this.dropped));
  }
  /** Absolute position after the newest event. */
  get length(): number {
    return this.dropped + this.events.length;
  }
  all(): readonly TraceEvent[] {
    return this.events;
  }
  /** Notes that a command line starts now; end it with endCommand(). */
  beginCommand(line: string): CommandMark {
    const m: CommandMark = { seq: this.nextMark++, line, from: this.length };
    this.marks.push(m);
    if (this.marks.length > COMMAND_MARKS) this.marks.shift();
    return m;
  }
  /** Notes that the command line of `m` has ended. */
  endCommand(m: CommandMark): void {
    m.to = this.length;
  }
  /** The newest command marks, oldest first. */
  commands(): readonly CommandMark[] {
    return this.marks;
  }
  /** Absolute position of the oldest event still kept. */
  get first(): number {
    return this.dropped;
  }
}
