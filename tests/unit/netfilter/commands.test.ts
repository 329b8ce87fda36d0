/** Command-level checks that the fidelity scenarios cannot make: state after errors, dmesg. */
import { describe, expect, it } from 'vitest';
import { makeKernel, runCmd } from './helpers.ts';
import { iptablesCommand } from '../../../sim/commands/iptables/index.ts';
import { iptablesSaveCommand } from '../../../sim/commands/iptables-save/index.ts';
import { iptablesRestoreCommand } from '../../../sim/commands/iptables-restore/index.ts';
import { dmesgCommand } from '../../../sim/commands/dmesg/index.ts';

const ipt = (k: ReturnType<typeof makeKernel>, line: string) => runCmd(k, iptablesCommand, ['iptables', ...line.split(' ')]);

describe('iptables commands', () => {
  it('-V and -h answer without a table', () => {
    const k = makeKernel();
    expect(ipt(k, '-V')).toMatchObject({ out: 'iptables v1.8.9 (nf_tables)\n', code: 0 });
    expect(ipt(k, '-h').out.split('\n')[2]).toBe('Usage: iptables -[ACD] chain rule-specification [options]');
    expect(runCmd(k, iptablesSaveCommand, ['iptables-save']).out).toBe('');
  });

  it('a refused rule leaves the ruleset unchanged', () => {
    const k = makeKernel();
    ipt(k, '-A INPUT -j ACCEPT');
    const before = runCmd(k, iptablesSaveCommand, ['iptables-save', '-c']).out;
    expect(ipt(k, '-A INPUT -j REJECT --reject-with tcp-reset').code).toBe(4);
    expect(ipt(k, '-A INPUT -p tcp --dport 99999').code).toBe(2);
    expect(ipt(k, '-I INPUT 9 -j DROP').code).toBe(1);
    expect(runCmd(k, iptablesSaveCommand, ['iptables-save', '-c']).out).toBe(before);
  });

  it('iptables-restore applies nothing of a section with an error', () => {
    const k = makeKernel();
    ipt(k, '-A INPUT -s 1.1.1.1 -j DROP');
    const before = runCmd(k, iptablesSaveCommand, ['iptables-save']).out;
    const r = runCmd(k, iptablesRestoreCommand, ['iptables-restore'], { stdin: '*filter\n:INPUT DROP [0:0]\n-A INPUT -j ACCEPT\n-A INPUT -j NOPE\nCOMMIT\n' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('Error occurred at line: 5\n');
    expect(runCmd(k, iptablesSaveCommand, ['iptables-save']).out).toBe(before);
  });

  it('dmesg prints the kernel log and -C clears it', () => {
    const k = makeKernel();
    k.state.dmesg.push('[    1.000000] hello');
    expect(runCmd(k, dmesgCommand, ['dmesg']).out).toBe('[    1.000000] hello\n');
    runCmd(k, dmesgCommand, ['dmesg', '-C']);
    expect(runCmd(k, dmesgCommand, ['dmesg']).out).toBe('');
  });
});
