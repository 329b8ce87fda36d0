/**
 * The python image: Config.Cmd is `python3`, the interpreter. Without -i or -t its stdin is
 * closed, so it reads end of file and exits 0 at once; `python3 -m http.server` serves.
 */
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

type M = ReturnType<typeof createMachine>;
const run = (m: M, line: string) => m.run(line, { mode: 'bash-c' });

describe('python image', () => {
  it('docker run python exits 0 at once; -dit keeps the interpreter running', () => {
    const m = createMachine({ seed: 41, world: 'docker-host' });
    run(m, 'docker pull python');
    expect(run(m, 'docker run --name p0 python')).toMatchObject({ output: '', exitCode: 0 });
    expect(run(m, "docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{json .Config.Cmd}}' p0").output).toBe('exited 0 ["python3"]\n');
    run(m, 'docker run -d --name p1 python');
    run(m, 'docker run -dit --name p2 python');
    expect(run(m, "docker ps --format '{{.Names}} {{.Command}}'").output).toBe('p2 "python3"\n');
    expect(run(m, 'ss -tln').output.trim().split('\n')).toHaveLength(1);
  });

  it('python3 -m http.server still serves on 8000 (and on the port it is given)', () => {
    const m = createMachine({ seed: 42, world: 'docker-host' });
    run(m, 'docker run -d --name web -p 8000:8000 python python3 -m http.server');
    expect(run(m, "curl -s -o /dev/null -w '%{http_code}\\n' http://127.0.0.1:8000/").output).toBe('200\n');
    run(m, 'docker run -d --name web2 -p 9000:9000 python python3 -m http.server 9000');
    expect(run(m, "curl -s -o /dev/null -w '%{http_code}\\n' http://127.0.0.1:9000/").output).toBe('200\n');
  });
});
