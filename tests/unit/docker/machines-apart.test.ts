/**
 * Two simulated machines never share Docker state: each has its own engine (hung off its
 * kernel), and the embedded DNS answers from the asking machine's containers only, even
 * though namespace ids repeat across machines.
 */
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/machine.ts';
import { resolveRegistered } from '../../../sim/programs/net.ts';
import { dockerOf, type MachineLike } from '../../../sim/docker/machine-host.ts';

const run = (m: ReturnType<typeof createMachine>, line: string) => m.run(line, { mode: 'bash-c' });

describe('machines apart', () => {
  it('the embedded DNS of one machine does not answer on another', () => {
    const a = createMachine({ world: 'docker-host', seed: 1 });
    const b = createMachine({ world: 'docker-host', seed: 1 });
    for (const m of [a, b]) {
      run(m, 'docker network create appnet');
      run(m, 'docker run -d --name api --network appnet alpine sleep infinity');
    }
    // Only machine A has a container named db; B's api resolves nothing by that name.
    run(a, 'docker run -d --name db --network appnet nginx');
    expect(run(a, 'docker exec api ping -c 1 db').output).toMatch(/^PING db \(172\.18\.0\.3\): 56 data bytes\n/);
    expect(run(b, 'docker exec api ping -c 1 db')).toMatchObject({ output: "ping: bad address 'db'\n", exitCode: 1 });
    // Same name, different addresses on each machine: each answers with its own.
    run(b, 'docker run -d --name filler --network appnet alpine sleep infinity');
    run(b, 'docker run -d --name db --network appnet nginx');
    expect(run(a, 'docker exec api ping -c 1 db').output).toMatch(/\(172\.18\.0\.3\)/);
    expect(run(b, 'docker exec api ping -c 1 db').output).toMatch(/\(172\.18\.0\.4\)/);
    expect(run(a, 'docker ps --format {{.Names}}').output.split('\n').sort()).toEqual(['', 'api', 'db']);
    // A lookup that names no machine finds nothing: there is no registry of every engine alive.
    const ns = dockerOf(a as unknown as MachineLike).findContainer('api')!.netnsId!;
    expect(resolveRegistered(ns, 'db', a.kernel)).toBe('172.18.0.3');
    expect(resolveRegistered(ns, 'db')).toBeUndefined();
  });
});
