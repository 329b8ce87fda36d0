import { describe, expect, it } from 'vitest';
import { execTemplate } from '../../../sim/docker/template.ts';

const ctr = {
  Name: '/web',
  NetworkSettings: { Networks: { bridge: { IPAddress: '172.17.0.2', Gateway: '172.17.0.1' }, mynet: { IPAddress: '172.18.0.2', Gateway: '172.18.0.1' } }, Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }] } },
  State: { Running: true, Pid: 0 },
};

describe('Go template subset', () => {
  it('evaluates field chains, range over maps in key order, with, if/else', () => {
    expect(execTemplate('{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', ctr)).toBe('172.17.0.2172.18.0.2');
    expect(execTemplate('{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}', ctr)).toBe('bridge=172.17.0.2 mynet=172.18.0.2 ');
    expect(execTemplate('{{with .State}}{{if .Running}}up{{else}}down{{end}}{{end}}', ctr)).toBe('up');
    expect(execTemplate('{{.Name}} {{ .State.Pid }}', ctr)).toBe('/web 0');
    expect(execTemplate('{{(index (index .NetworkSettings.Ports "80/tcp") 0).HostPort}}'.replace('(index (index', '(index (index'), ctr)).toBe('8080');
  });
  it('pipes and functions', () => {
    expect(execTemplate('{{json .NetworkSettings.Ports}}', ctr)).toBe('{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"}]}');
    expect(execTemplate('{{.Name | upper}}', ctr)).toBe('/WEB');
    expect(execTemplate('{{if eq .Name "/web"}}yes{{end}}', ctr)).toBe('yes');
    expect(execTemplate('{{join (split "a,b" ",") "-"}}', ctr)).toBe('a-b');
    expect(execTemplate('a\n{{- "b" -}}\nc', ctr)).toBe('abc');
  });
  it("reports a missing key the way text/template does under missingkey=error", () => {
    expect(() => execTemplate('{{.NetworkSettings.IPAddress}}', ctr)).toThrow(
      'template: :1:18: executing "" at <.NetworkSettings.IPAddress>: map has no entry for key "IPAddress"',
    );
    expect(() => execTemplate('{{.Foo}}', ctr)).toThrow('template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"');
  });
});
