import { describe, expect, it } from 'vitest';
import { SubnetPool, defaultPools, parsePrefix, pickPool, prefixString } from '../../../sim/docker/ipam.ts';

describe('default IPAM', () => {
  it('hands out the pools in moby order: 172.17-31 /16, then 192.168.x.0/20', () => {
    const pools = defaultPools().map(prefixString);
    expect(pools.slice(0, 3)).toEqual(['172.17.0.0/16', '172.18.0.0/16', '172.19.0.0/16']);
    expect(pools[14]).toBe('172.31.0.0/16');
    expect(pools.slice(15, 17)).toEqual(['192.168.0.0/20', '192.168.16.0/20']);
  });
  it('skips pools that overlap allocated networks or host routes', () => {
    const used = [parsePrefix('172.17.0.0/16')!];
    expect(prefixString(pickPool(used, [])!)).toBe('172.18.0.0/16');
    expect(prefixString(pickPool(used, [parsePrefix('172.18.5.0/24')!])!)).toBe('172.19.0.0/16');
  });
  it('reserves network and broadcast, gives the lowest free address, and reuses freed ones', () => {
    const p = new SubnetPool(parsePrefix('172.17.0.0/16')!);
    expect(p.take('172.17.0.1')).toBe(true);
    expect(p.next()).toBe('172.17.0.2');
    expect(p.next()).toBe('172.17.0.3');
    p.release('172.17.0.2');
    expect(p.next()).toBe('172.17.0.2');
    expect(p.inUse()).toBe(5);
    expect(p.size() - p.inUse()).toBe(65531);
    expect(p.take('172.17.255.255')).toBe(false);
  });
});
