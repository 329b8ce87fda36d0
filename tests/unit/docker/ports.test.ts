import { describe, expect, it } from 'vitest';
import { displayablePorts, parsePortSpec } from '../../../sim/docker/ports.ts';

describe('parsePortSpec (go-connections/nat)', () => {
  it('parses every -p form', () => {
    expect(parsePortSpec('8080:80')).toEqual({ ok: true, value: [{ port: 80, proto: 'tcp', hostIp: '', hostStart: 8080, hostEnd: 8080 }] });
    expect(parsePortSpec('127.0.0.1:8080:80')).toMatchObject({ ok: true, value: [{ hostIp: '127.0.0.1', hostStart: 8080 }] });
    expect(parsePortSpec('8080:80/udp')).toMatchObject({ ok: true, value: [{ proto: 'udp' }] });
    expect(parsePortSpec('80')).toMatchObject({ ok: true, value: [{ port: 80, hostStart: 0 }] });
    expect(parsePortSpec('127.0.0.1::80')).toMatchObject({ ok: true, value: [{ hostIp: '127.0.0.1', hostStart: 0 }] });
    expect(parsePortSpec('[::1]:8080:80')).toMatchObject({ ok: true, value: [{ hostIp: '::1' }] });
    const r = parsePortSpec('8000-8002:80-82');
    expect(r.ok && r.value.map((p) => `${p.hostStart}->${p.port}`)).toEqual(['8000->80', '8001->81', '8002->82']);
    expect(parsePortSpec('8000-8010:80')).toMatchObject({ ok: true, value: [{ port: 80, hostStart: 8000, hostEnd: 8010 }] });
  });
  it('rejects bad specs with the library wording', () => {
    expect(parsePortSpec('abc:80')).toEqual({ ok: false, error: 'invalid hostPort: abc' });
    expect(parsePortSpec('8080:abc')).toEqual({ ok: false, error: 'invalid containerPort: abc' });
    expect(parsePortSpec('8080:80/foo')).toEqual({ ok: false, error: 'invalid proto: foo' });
    expect(parsePortSpec('8000-8001:80-82')).toEqual({ ok: false, error: 'invalid ranges specified for container and host Ports: 80-82 and 8000-8001' });
    expect(parsePortSpec('1.2.3:8080:80')).toEqual({ ok: false, error: 'invalid IP address: 1.2.3' });
  });
});

describe('displayablePorts (PORTS column)', () => {
  it('prints both bindings of -p 8080:80 with [::] bracketed', () => {
    expect(displayablePorts([
      { privatePort: 80, type: 'tcp', ip: '::', publicPort: 8080 },
      { privatePort: 80, type: 'tcp', ip: '0.0.0.0', publicPort: 8080 },
    ])).toBe('0.0.0.0:8080->80/tcp, [::]:8080->80/tcp');
  });
  it('groups equal host/container ports and consecutive exposed ports', () => {
    expect(displayablePorts([
      { privatePort: 80, type: 'tcp', ip: '0.0.0.0', publicPort: 80 },
      { privatePort: 80, type: 'tcp', ip: '::', publicPort: 80 },
    ])).toBe('0.0.0.0:80->80/tcp, [::]:80->80/tcp');
    expect(displayablePorts([{ privatePort: 8000, type: 'tcp' }, { privatePort: 8001, type: 'tcp' }, { privatePort: 8002, type: 'tcp' }])).toBe('8000-8002/tcp');
    expect(displayablePorts([{ privatePort: 80, type: 'tcp' }])).toBe('80/tcp');
    expect(displayablePorts([])).toBe('');
  });
});
