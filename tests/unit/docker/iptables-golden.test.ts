/**
 * Golden rulesets: the Engine's iptables command lines, executed by the simulated iptables,
 * must leave exactly the ruleset the real kernel left when the same moby call sequences were
 * replayed there (golden/*.rules, recorded with record-real; the 27-run and 29-run ones equal
 * the fact sheet's listings byte for byte).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { bareHost, dockerOf, ruleset } from './harness.ts';
import { createContainer, startContainer } from '../../../sim/docker/containers.ts';
import { findImage } from '../../../sim/docker/images.ts';
import { parsePortSpec } from '../../../sim/docker/ports.ts';

const golden = (name: string) => readFileSync(new URL(`./golden/iptables-${name}.rules`, import.meta.url), 'utf8');

function runWeb(e: ReturnType<typeof dockerOf>, port: string) {
  const spec = parsePortSpec(port);
  if (!spec.ok) throw new Error(spec.error);
  const r = createContainer(e, {
    name: 'web', image: findImage('nginx')!, imageRef: 'nginx', cmd: [], network: 'bridge', aliases: [], portSpecs: spec.value,
    exposed: [], publishAll: false, dns: [], addHosts: [], links: [], autoRemove: false, tty: false, interactive: false,
  });
  if (!r.ok) throw new Error(r.error);
  const err = startContainer(e, r.value.c);
  if (err) throw new Error(err);
  return r.value.c;
}

describe.each(['29', '27'])('Engine %s.x rule layout', (v) => {
  it('after daemon start', () => {
    const m = bareHost();
    expect(dockerOf(m).start({ version: v })).toBeUndefined();
    expect(ruleset(m)).toBe(golden(`v${v}-start`));
  });
  it('after docker run -d --name web -p 8080:80 nginx', () => {
    const m = bareHost();
    const e = dockerOf(m);
    e.start({ version: v });
    const c = runWeb(e, '8080:80');
    expect(c.endpoints[0].ip).toBe('172.17.0.2');
    expect(ruleset(m)).toBe(golden(`v${v}-run`));
  });
  it('with -p 127.0.0.1:8080:80', () => {
    const m = bareHost();
    const e = dockerOf(m);
    e.start({ version: v });
    runWeb(e, '127.0.0.1:8080:80');
    expect(ruleset(m)).toBe(golden(`v${v}-lo`));
  });
  it('with --icc=false', () => {
    const m = bareHost();
    dockerOf(m).start({ version: v, icc: false });
    expect(ruleset(m)).toBe(golden(`v${v}-icc`));
  });
  it('with --userland-proxy=false and a published port', () => {
    const m = bareHost();
    const e = dockerOf(m);
    e.start({ version: v, userlandProxy: false });
    runWeb(e, '8080:80');
    expect(ruleset(m)).toBe(golden(`v${v}-noproxy`));
  });
  it('after docker network create (bridge br-0123456789ab, 172.18.0.0/16)', () => {
    const m = bareHost();
    const e = dockerOf(m);
    e.start({ version: v });
    const n = e.createNetwork({ name: 'mynet', driver: 'bridge', internal: false, options: { 'com.docker.network.bridge.name': 'br-0123456789ab' }, labels: {} });
    expect(n.ok && n.value.subnet).toBe('172.18.0.0/16');
    expect(ruleset(m)).toBe(golden(`v${v}-net`));
  });
  it('after docker network create --internal', () => {
    const m = bareHost();
    const e = dockerOf(m);
    e.start({ version: v });
    e.createNetwork({ name: 'inet', driver: 'bridge', internal: true, options: { 'com.docker.network.bridge.name': 'br-0123456789ab' }, labels: {} });
    expect(ruleset(m)).toBe(golden(`v${v}-internal`));
  });
});
