import { describe, expect, test } from 'vitest';
import { lessonTrial } from '../../../sim/cli/trial.ts';

const trial = lessonTrial('content/02-docker/13-host-none-container.mdx');
const run = (lines: string[]) => trial.run(lines);

const METRICS = 'docker run -d --name metrics --network host alpine nc -lk -p 9100';
const SIDECAR = 'docker run -d --name sidecar --network container:web alpine sleep infinity';
const BATCH = 'docker run -d --name batch --network none alpine sleep infinity';

describe('lesson 13: host, none, container:', () => {
  test('the reference solution passes every check', () => {
    expect(trial.warnings).toEqual([]);
    expect(run(trial.exercise.solution).failedIds).toEqual([]);
  });
  test('the start fails every mode (only web runs)', () => {
    const r = run([]);
    expect(r.failedIds).toEqual([
      'host-metrics-shares-host', 'host-metrics-no-veth', 'host-client-9100',
      'container-sidecar-shares-web', 'container-sidecar-localhost',
      'none-batch-lo', 'none-batch-no-egress', 'none-batch-no-host',
    ]);
    // no-link-kind passes for a namespace that does not exist; none-batch-lo needs batch running.
    expect(r.failedIds).not.toContain('none-batch-no-veth');
  });
  test('each mode is checked on its own: one container done, only its group passes', () => {
    const failed = run([SIDECAR]).failedIds;
    expect(failed.filter((id) => id.startsWith('container-'))).toEqual([]);
    expect(failed.filter((id) => id.startsWith('host-')).length).toBe(3);
    expect(failed.filter((id) => id.startsWith('none-')).length).toBe(3);
  });
  test('-p with host mode is discarded with a warning, and the solution still passes (pitfall 3)', () => {
    const r = run([METRICS.replace('--network host', '--network host -p 9100:9100'), SIDECAR, BATCH]);
    expect(r.failedLines).toEqual([]);
    expect(r.failedIds).toEqual([]);
  });
  test('wrong: metrics published on the default bridge: the client gets in, but through DNAT and a veth', () => {
    const r = run(['docker run -d --name metrics -p 9100:9100 alpine nc -lk -p 9100', SIDECAR, BATCH]);
    expect(r.failedIds).toEqual(['host-metrics-shares-host', 'host-metrics-no-veth']);
    expect(r.messages).toContain("`metrics` is not in the host's network namespace");
  });
  test('wrong: sidecar with -p in container mode is refused, so there is no sidecar (pitfall 4)', () => {
    const r = run([METRICS, 'docker run -d --name sidecar --network container:web -p 8081:80 alpine sleep infinity', BATCH]);
    expect(r.failedLines.map((l) => l.exitCode)).toEqual([125]);
    expect(r.failedLines[0].output).toContain('conflicting options: port publishing and the container type network mode');
    expect(r.failedIds).toEqual(['container-sidecar-shares-web', 'container-sidecar-localhost']);
    expect(r.messages).toContain('container sidecar does not exist yet');
  });
  test('wrong: sidecar on the default bridge has its own loopback, where nothing listens on 80', () => {
    const r = run([METRICS, 'docker run -d --name sidecar alpine sleep infinity', BATCH]);
    expect(r.failedIds).toEqual(['container-sidecar-shares-web', 'container-sidecar-localhost']);
    expect(r.messages).toContain('has a namespace of its own. `--network container:web` joins');
  });
  test('wrong: batch created without --network none gets a veth and reaches everything', () => {
    const r = run([METRICS, SIDECAR, 'docker run -d --name batch alpine sleep infinity']);
    expect(r.failedIds).toEqual(['none-batch-no-veth', 'none-batch-no-egress', 'none-batch-no-host']);
    expect(r.messages).toContain('`--network none` gives a container only its loopback');
    expect(r.messages).toContain('still gets through');
  });
  test('wrong: web re-created as the sidecar target on another network breaks the shared stack check', () => {
    const r = run([METRICS, 'docker rm -f web', 'docker network create appnet', 'docker run -d --name web --network appnet nginx', SIDECAR, BATCH]);
    expect(r.failedIds).toEqual(['container-web-unchanged']);
    expect(r.messages).toContain('`web` is not the container at 172.17.0.2');
  });
});
