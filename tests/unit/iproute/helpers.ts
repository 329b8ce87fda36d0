/**
 * Test helpers for the iproute group: a bare machine through the public API, and a port of
 * ../shared/tools/normalize-transcript for comparing with real recordings.
 */
import { createMachine, type Machine } from '../../../sim/index.ts';

/** A machine whose host namespace is a fresh one (the `bare` world), as record-real gives. */
export function bareMachine(seed = 1): Machine {
  return createMachine({ seed, world: 'bare' });
}

/** Port of normalize-transcript. */
export function normalize(text: string): string {
  const mac = (m: string) => {
    const v = m.toLowerCase();
    return v === '00:00:00:00:00:00' || v === 'ff:ff:ff:ff:ff:ff' ? v : '<mac>';
  };
  const out = text.split('\n').map((line) => {
    line = line.replace(/time=[0-9.]+ ms/g, 'time=T ms');
    line = line.replace(/\b(8000)\.([0-9a-f]{12})\b/g, (_m, a: string, b: string) => a + '.' + mac(b.match(/../g)!.join(':')));
    line = line.replace(/\b(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}\b/g, mac);
    line = line.replace(/\bfe80::[0-9a-f:]+/g, '<fe80>');
    line = line.replace(/ (tentative|dadfailed)\b/g, '');
    line = line.replace(/((?:RX|TX) (?:packets|errors) )\d+(.*)/, (_m, a: string, b: string) => a + 'N' + b.replace(/\d+(\.\d+)?( [KMG]?i?B)?/g, 'N'));
    return line.replace(/\s+$/, '');
  });
  return out.join('\n').replace(/\s+$/, '') + '\n';
}

