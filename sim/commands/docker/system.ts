/**
 * `docker version`, `docker info`, `docker images`, `docker pull`.
 */
import type { ProcContext, Wait } from '../../shell/process.ts';
import { CATALOGUE, findImage, parseImageRef } from '../../docker/images.ts';
import { humanDuration } from '../../docker/humanize.ts';
import { tabwrite } from '../../docker/tabwriter.ts';
import { engineOf, requireDaemon } from './common.ts';
import { pullDenied, pullText } from './run.ts';

/** `docker version`: tabwriter(minwidth 20, padding 1) over the CLI's default template. */
export function* dockerVersion(ctx: ProcContext): Generator<Wait, number, void> {
  const e = engineOf(ctx);
  const p = e.profile;
  const col = (label: string, v: string) => label.padEnd(Math.max(20, label.length + 1)) + v + '\n';
  let out = 'Client: Docker Engine - Community\n';
  out += col(' Version:', p.version) + col(' API version:', p.apiVersion) + col(' Go version:', p.goVersion);
  out += col(' Git commit:', p.gitCommitCli) + col(' Built:', p.built) + col(' OS/Arch:', 'linux/amd64') + col(' Context:', 'default');
  if (!e.running) {
    ctx.out(out);
    ctx.err('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
    return 1;
  }
  out += '\nServer: Docker Engine - Community\n Engine:\n';
  out += col('  Version:', p.version) + col('  API version:', `${p.apiVersion} (minimum version ${p.minApiVersion})`);
  out += col('  Go version:', p.goVersion) + col('  Git commit:', p.gitCommitEngine) + col('  Built:', p.built);
  out += col('  OS/Arch:', 'linux/amd64') + col('  Experimental:', 'false');
  out += ' containerd:\n' + col('  Version:', p.containerd.version) + col('  GitCommit:', p.containerd.commit);
  out += ' runc:\n' + col('  Version:', p.runc.version) + col('  GitCommit:', p.runc.commit);
  out += ' docker-init:\n' + col('  Version:', '0.19.0') + col('  GitCommit:', 'de40ad0');
  ctx.out(out);
  return 0;
}

/** `docker info` (the parts a networking course reads). */
export function* dockerInfo(ctx: ProcContext): Generator<Wait, number, void> {
  const e = engineOf(ctx);
  const p = e.profile;
  let out = `Client: Docker Engine - Community\n Version:    ${p.version}\n Context:    default\n Debug Mode: false\n\nServer:\n`;
  if (!e.running) {
    ctx.out(out);
    ctx.err('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
    return 1;
  }
  const cs = e.containers;
  const running = cs.filter((c) => c.state === 'running').length;
  out += ` Containers: ${cs.length}\n  Running: ${running}\n  Paused: 0\n  Stopped: ${cs.length - running}\n`;
  out += ` Images: ${e.images.size}\n Server Version: ${p.version}\n Storage Driver: overlayfs\n Logging Driver: json-file\n`;
  out += ' Cgroup Driver: systemd\n Cgroup Version: 2\n Plugins:\n  Volume: local\n  Network: bridge host ipvlan macvlan null overlay\n';
  out += '  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog\n';
  if (p.line === '29') out += ' Firewall Backend: iptables\n';
  out += ` Kernel Version: 6.1.0-40-amd64\n Operating System: Debian GNU/Linux 12 (bookworm)\n OSType: linux\n Architecture: x86_64\n`;
  out += ' Docker Root Dir: /var/lib/docker\n Debug Mode: false\n Experimental: false\n Insecure Registries:\n  ::1/128\n  127.0.0.0/8\n Live Restore Enabled: false\n';
  if (!e.opts.ipForward || e.host.sysctlGet(0, 'net.ipv4.ip_forward') === '0') out += '\n';
  ctx.out(out);
  if (e.host.sysctlGet(0, 'net.ipv4.ip_forward') === '0') ctx.err('WARNING: IPv4 forwarding is disabled. Networking will not work.\n');
  return 0;
}

/** `docker images` / `docker image ls`. */
export function* dockerImages(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const quiet = ctx.argv.includes('-q') || ctx.argv.includes('--quiet');
  const imgs = CATALOGUE.filter((i) => [...e.images].some((x) => x.startsWith(i.repo + ':')));
  const rows = [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']];
  const now = Date.parse(e.host.nowIso());
  for (const name of [...e.images].sort()) {
    const { repo, tag } = parseImageRef(name);
    const i = imgs.find((x) => x.repo === repo)!;
    if (quiet) {
      ctx.out(i.id.slice(0, 12) + '\n');
      continue;
    }
    rows.push([repo, tag, i.id.slice(0, 12), `${humanDuration(now - Date.parse(i.created))} ago`, i.size]);
  }
  if (!quiet) ctx.out(tabwrite(rows));
  return 0;
}

/** `docker pull IMAGE`. */
export function* dockerPull(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const ref = ctx.argv[2];
  if (!ref) {
    ctx.err(`docker: 'docker pull' requires 1 argument\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nSee 'docker pull --help' for more information\n`);
    return 1;
  }
  const { repo, tag } = parseImageRef(ref);
  const img = findImage(ref);
  if (!img) {
    ctx.out(`Using default tag: latest\n`.slice(0, ref.includes(':') ? 0 : undefined));
    ctx.err(`Error response from daemon: ${pullDenied(repo)}\n`);
    return 1;
  }
  if (!ref.includes(':')) ctx.out('Using default tag: latest\n');
  if (e.images.has(`${repo}:${tag}`)) {
    ctx.out(`${tag}: Pulling from library/${repo}\nDigest: ${img.digest}\nStatus: Image is up to date for ${repo}:${tag}\n`);
  } else ctx.out(pullText(ref, e));
  ctx.out(`docker.io/library/${repo}:${tag}\n`);
  return 0;
}
