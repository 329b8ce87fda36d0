/**
 * The escape hatch: checks that need code. Each is a pure function over the kernel's state
 * (read only) and its arguments; exercises name them with `kind: custom, fn: NAME`.
 * Keep them few: a check that can be data should be data.
 */
import type { Kernel } from '../kernel/kernel.ts';
import type { Verdict } from './state.ts';
import { resolveNetns } from './resolve.ts';

export type CustomCheck = (kernel: Kernel, args: Record<string, unknown>) => Verdict;

const registry = new Map<string, CustomCheck>();

/** Registers a custom check under a name. */
export function registerCustomCheck(name: string, fn: CustomCheck): void {
  registry.set(name, fn);
}

export function customCheck(name: string): CustomCheck | undefined {
  return registry.get(name);
}

/** The root namespace's visible link names are exactly those listed (lesson 1: "nothing else changed"). */
registerCustomCheck('host-links-unchanged', (kernel, args) => {
  const want = (args.links as string[] | undefined) ?? ['lo'];
  const host = resolveNetns(kernel, 'host')!;
  const have = kernel.links(host.id).map((l) => l.name);
  const extra = have.filter((n) => !want.includes(n));
  const missing = want.filter((n) => !have.includes(n));
  if (!extra.length && !missing.length) return { pass: true, why: '' };
  return {
    pass: false,
    why: [extra.length ? `the host gained ${extra.join(', ')}` : '', missing.length ? `the host lost ${missing.join(', ')}` : '']
      .filter(Boolean)
      .join('; '),
  };
});
