/**
 * `ip -j`: the writer's two layouts, and that what the simulator prints is JSON a script can
 * parse (the byte-exact comparison with the real tool is in the fidelity suite,
 * tests/fidelity/scenarios/iproute-json-*.txt).
 */
import { describe, expect, it } from 'vitest';
import { JsonRaw, writeJson } from '../../../sim/commands/ip/json-writer.ts';
import { createMachine } from '../../../sim/index.ts';

describe('json_writer layout', () => {
  const value = [{ a: 1, flags: ['X', 'Y'], none: [], info: [{ b: 'c' }], stats: { rx: { n: 0 } }, t: new JsonRaw('0.00'), r: null }];
  it('is compact without -p', () => {
    expect(writeJson(value, false)).toBe('[{"a":1,"flags":["X","Y"],"none":[],"info":[{"b":"c"}],"stats":{"rx":{"n":0}},"t":0.00,"r":null}]\n');
  });
  it('opens arrays as "[ " and closes them on the last element\'s line, objects on their own', () => {
    expect(writeJson(value, true)).toBe(
      [
        '[ {',
        '        "a": 1,',
        '        "flags": [ "X","Y" ],',
        '        "none": [ ],',
        '        "info": [ {',
        '                "b": "c"',
        '            } ],',
        '        "stats": {',
        '            "rx": {',
        '                "n": 0',
        '            }',
        '        },',
        '        "t": 0.00,',
        '        "r": null',
        '    } ]',
        '',
      ].join('\n'),
    );
    expect(writeJson([], true)).toBe('[ ]\n');
  });
  it('escapes what JSON requires', () => {
    expect(writeJson(['a"b\\c\n\u0001'], false)).toBe('["a\\"b\\\\c\\n\\u0001"]\n');
  });
});

describe('ip -j output', () => {
  it('parses as JSON for every object the lab uses', () => {
    const m = createMachine({ seed: 3, world: 'host' });
    m.run('ip netns add c1');
    m.run('ip link add v0 type veth peer name eth0 netns c1');
    m.run('ip addr add 10.0.0.1/24 dev v0');
    m.run('ip link set v0 up');
    for (const line of ['ip -j link', 'ip -j -p -s -d addr', 'ip -j route', 'ip -j -p route get 203.0.113.80', 'ip -j neigh', 'ip -j netns', 'ip -j -br addr']) {
      const r = m.run(line);
      expect(r.exitCode, line).toBe(0);
      expect(() => JSON.parse(r.output), line).not.toThrow();
    }
    const links = JSON.parse(m.run('ip -j link show v0').output) as { ifname: string; link_netnsid: number }[];
    expect(links[0]).toMatchObject({ ifname: 'v0', link_netnsid: 0 });
  });
});
