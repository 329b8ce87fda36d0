/**
 * Docker's firewall programming as data. moby never writes a ruleset in one go: it execs
 * `iptables --wait ...` many times, checking with `-C` before each append or insert so that
 * its calls are idempotent. A Step is one of those idioms; `stepCommands` turns a step into
 * the exact argv lists the daemon execs, and `runSteps` executes them through any
 * `exec(argv) -> exit status` (the simulated machine's iptables, or a bash script for the
 * real kernel), so the resulting ruleset is whatever netfilter makes of those commands.
 */

/** The iptables tables Docker touches. */
export type IptTable = 'filter' | 'nat' | 'raw';

/** One idempotent iptables idiom from moby's `libnetwork/iptables` package. */
export type Step =
  /** `NewChain`: `-n -L CHAIN` and, if that fails, `-N CHAIN`. */
  | { kind: 'newChain'; table: IptTable; chain: string }
  /** `Rule.Append` / `Rule.Insert`: `-C` and, if the rule is absent, `-A` or `-I`. */
  | { kind: 'append' | 'insert'; table: IptTable; chain: string; args: string[] }
  /** `Rule.Delete`: `-C` and, if the rule is present, `-D`. */
  | { kind: 'delete'; table: IptTable; chain: string; args: string[] }
  /** `EnsureJumpRule`: delete the jump if present, then insert it at the top. */
  | { kind: 'ensureJump'; table: IptTable; from: string; to: string }
  /** `SetDefaultPolicy`. */
  | { kind: 'policy'; table: IptTable; chain: string; policy: 'ACCEPT' | 'DROP' }
  /** `ChainInfo.Remove`: best-effort flush and delete (errors ignored). */
  | { kind: 'removeChain'; table: IptTable; chain: string; loopback: string }
  /** A plain exec whose failure is ignored (the daemon only logs it). */
  | { kind: 'raw'; args: string[] };

/** The binaries moby execs (per IP version), with the `--wait` it always adds. */
export type IptBinary = 'iptables' | 'ip6tables';

/** Something that runs one argv and returns its exit status. */
export type Exec = (argv: string[]) => number;

const t = (table: IptTable) => ['-t', table];

/** Runs a list of steps with moby's check-then-act logic, through `iptables` or `ip6tables`. */
export function runSteps(steps: Step[], exec: Exec, bin: IptBinary = 'iptables'): void {
  for (const s of steps) runStep(s, exec, bin);
}

function runStep(s: Step, exec: Exec, bin: IptBinary): void {
  const ipt = (...a: string[]) => exec([bin, '--wait', ...a]);
  switch (s.kind) {
    case 'newChain':
      if (ipt(...t(s.table), '-n', '-L', s.chain) !== 0) ipt(...t(s.table), '-N', s.chain);
      return;
    case 'append':
    case 'insert':
      if (ipt(...t(s.table), '-C', s.chain, ...s.args) !== 0) {
        ipt(...t(s.table), s.kind === 'append' ? '-A' : '-I', s.chain, ...s.args);
      }
      return;
    case 'delete':
      if (ipt(...t(s.table), '-C', s.chain, ...s.args) === 0) ipt(...t(s.table), '-D', s.chain, ...s.args);
      return;
    case 'ensureJump':
      if (ipt(...t(s.table), '-C', s.from, '-j', s.to) === 0) ipt(...t(s.table), '-D', s.from, '-j', s.to);
      ipt(...t(s.table), '-I', s.from, '-j', s.to);
      return;
    case 'policy':
      ipt(...t(s.table), '-P', s.chain, s.policy);
      return;
    case 'removeChain':
      if (s.table === 'nat') {
        const jump = ['-m', 'addrtype', '--dst-type', 'LOCAL'];
        ipt('-t', 'nat', '-D', 'PREROUTING', ...jump, '-j', s.chain);
        ipt('-t', 'nat', '-D', 'OUTPUT', ...jump, '!', '--dst', s.loopback, '-j', s.chain);
        ipt('-t', 'nat', '-D', 'OUTPUT', ...jump, '-j', s.chain);
        ipt('-t', 'nat', '-D', 'PREROUTING');
        ipt('-t', 'nat', '-D', 'OUTPUT');
      }
      ipt(...t(s.table), '-F', s.chain);
      ipt(...t(s.table), '-X', s.chain);
      return;
    case 'raw':
      ipt(...s.args);
      return;
  }
}

/** Shell-quotes one word for a bash script. */
function q(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./!-]+$/.test(w) && w !== '!' ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/**
 * The same steps as bash lines (one per step, `-C x || -A x` style), for replaying them on
 * the real kernel with record-real: that is how the golden rulesets are verified.
 */
export function stepsToShell(steps: Step[], bin: IptBinary = 'iptables'): string[] {
  const lines: string[] = [];
  const ipt = (...a: string[]) => `${bin} ` + a.map(q).join(' ');
  for (const s of steps) {
    const tt = t('table' in s ? s.table : 'filter');
    switch (s.kind) {
      case 'newChain':
        lines.push(`${ipt(...tt, '-n', '-L', s.chain)} >/dev/null 2>&1 || ${ipt(...tt, '-N', s.chain)}`);
        break;
      case 'append':
      case 'insert':
        lines.push(`${ipt(...tt, '-C', s.chain, ...s.args)} 2>/dev/null || ${ipt(...tt, s.kind === 'append' ? '-A' : '-I', s.chain, ...s.args)}`);
        break;
      case 'delete':
        lines.push(`${ipt(...tt, '-C', s.chain, ...s.args)} 2>/dev/null && ${ipt(...tt, '-D', s.chain, ...s.args)}; true`);
        break;
      case 'ensureJump':
        lines.push(`${ipt(...tt, '-C', s.from, '-j', s.to)} 2>/dev/null && ${ipt(...tt, '-D', s.from, '-j', s.to)}; true`);
        lines.push(ipt(...tt, '-I', s.from, '-j', s.to));
        break;
      case 'policy':
        lines.push(ipt(...tt, '-P', s.chain, s.policy));
        break;
      case 'removeChain':
        lines.push(`${ipt(...tt, '-F', s.chain)} 2>/dev/null; ${ipt(...tt, '-X', s.chain)} 2>/dev/null; true`);
        break;
      case 'raw':
        lines.push(`${ipt(...s.args)} 2>/dev/null; true`);
        break;
    }
  }
  return lines;
}
