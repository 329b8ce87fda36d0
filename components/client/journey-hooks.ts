/**
 * The netfilter hook diagram of the Journey view: the five hooks with their tables in the
 * kernel's order, lit as the packet passes them in the namespace of the current step, the
 * chains it went through per table, the current hook outlined, the matched rule written
 * out, and the hook where it was dropped marked. Built with DOM calls only: every name
 * (chains, rules, devices) is set as text.
 */
import type { JourneyStep } from '../../sim/index.ts';

/** Tables per hook, in priority order (the kernel's; sim/kernel/netfilter/tables.ts). */
const HOOK_TABLES: Record<string, string[]> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'nat', 'filter'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter'],
  POSTROUTING: ['mangle', 'nat'],
};
/** Grid order: the forward path on the first row, the local path on the second. */
const CELLS: (string | null)[] = ['PREROUTING', 'FORWARD', 'POSTROUTING', 'INPUT', null, 'OUTPUT'];
const ARROWS: Record<string, string> = {
  PREROUTING: 'in → routing →',
  FORWARD: '→',
  POSTROUTING: '→ out',
  INPUT: '↓ to a local socket',
  OUTPUT: 'local process →',
};

function h(tag: string, cls: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Draws the diagram for `steps[0..current]` into `root`; returns the caption text. */
export function renderHooks(root: HTMLElement, steps: readonly JourneyStep[], current: number): string {
  const here = steps[current];
  const nsId = here?.netnsId;
  // Hooks, tables and chains passed so far in the current step's namespace (the latest visit).
  let visitStart = 0;
  for (let i = current; i >= 0; i--) {
    if (steps[i]!.netnsId !== nsId) {
      visitStart = i + 1;
      break;
    }
  }
  const seen = steps.slice(visitStart, current + 1);
  const hooks = new Set(seen.filter((s) => s.hook).map((s) => s.hook!));
  const tables = new Map<string, string[]>();
  for (const s of seen) {
    if (!s.hook || !s.table || !s.chain) continue;
    const k = `${s.hook}/${s.table}`;
    const list = tables.get(k) ?? [];
    if (list.at(-1) !== s.chain) list.push(s.chain);
    tables.set(k, list);
  }
  const drop = seen.find((s) => s.kind === 'drop');
  const grid = h('div', 'jh');
  for (const hook of CELLS) {
    if (!hook) {
      grid.append(h('div', 'jh-mid', 'local process'));
      continue;
    }
    const box = h('div', 'jh-hook');
    box.dataset.hook = hook;
    if (hooks.has(hook as never)) box.classList.add('passed');
    if (here?.hook === hook) box.classList.add('current');
    if (drop?.hook === hook) box.classList.add('dropped');
    box.append(h('h4', '', hook), h('span', 'jh-table', ARROWS[hook]));
    for (const t of HOOK_TABLES[hook]!) {
      const chains = tables.get(`${hook}/${t}`);
      const row = h('span', `jh-table${chains ? ' passed' : ''}`, t);
      row.dataset.table = t;
      // The chains it went through in this table, e.g. "FORWARD → DOCKER-USER → DOCKER-FORWARD".
      if (chains) row.append(h('span', 'jh-chains', chains.join(' → ')));
      box.append(row);
    }
    grid.append(box);
  }
  const rule = [...seen].reverse().find((s) => (s.kind === 'rule' || s.kind === 'policy') && s.verdict);
  const children: HTMLElement[] = [grid];
  if (rule) {
    const p = h('p', 'jh-rule');
    p.dataset.journeyRule = '';
    p.textContent = rule.kind === 'rule' ? `Matched ${rule.table} ${rule.chain} rule ${rule.rule}: ${rule.ruleText} → ${rule.verdict}` : `${rule.table} ${rule.chain}: policy ${rule.verdict}`;
    children.push(p);
  }
  if (drop) children.push(h('p', 'jh-rule', `Dropped here: ${drop.reason ?? drop.text}`));
  root.replaceChildren(...children);
  return here ? `Netfilter hooks in ${here.netns}` : 'Netfilter hooks';
}
