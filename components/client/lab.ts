/**
 * The lab panel's own controls: the view tabs (Topology, Editor, Exercise) with the ARIA
 * tabs keyboard pattern, Reset, the sandbox's share link, and a status line.
 */
import { lab as labHandle, loadOnEngagement } from '../../src/lab/labs.ts';
import { encodeLog } from '../../src/lab/log.ts';
import { $labs } from '../../src/lab/labs.ts';
import type { LabSession } from '../../src/lab/session.ts';

function setupTabs(lab: HTMLElement): void {
  const tabs = [...lab.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement, focus: boolean) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      const panel = lab.querySelector<HTMLElement>(`[data-panel="${t.dataset.tab}"]`);
      if (panel) panel.hidden = !on;
    }
    if (focus) tab.focus();
    lab.dispatchEvent(new CustomEvent('netlab:view', { detail: tab.dataset.tab }));
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (e) => {
      const n = tabs.length;
      const to = { ArrowRight: (i + 1) % n, ArrowLeft: (i - 1 + n) % n, Home: 0, End: n - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      select(tabs[to]!, true);
    });
  });
}

function setup(lab: HTMLElement): void {
  setupTabs(lab);
  // The Journey view's code loads only when its tab first opens.
  lab.addEventListener('netlab:view', (e) => {
    if ((e as CustomEvent<string>).detail === 'journey') void import('./journey.ts').then((j) => j.openJourney(lab));
  });
  const status = lab.querySelector<HTMLElement>('[data-lab-status]');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  const handle = labHandle(lab.dataset.lab!);
  loadOnEngagement(lab, handle);
  say('Ready.');
  const follow = (session: LabSession) => {
    const replayed = session.history().length;
    if (replayed) say(`Restored ${replayed} command${replayed === 1 ? '' : 's'} from your last visit.`);
    session.phase.listen((phase) => say(phase === 'running' ? 'Running. Ctrl+C stops it.' : 'Ready.'));
  };
  if (handle.current) follow(handle.current);
  else void waitForSession(handle.id).then(follow);

  lab.querySelector('[data-lab-reset]')?.addEventListener('click', async () => {
    (await handle.session()).reset();
    say('Reset to the start of this lab.');
  });

  lab.querySelector('[data-lab-share]')?.addEventListener('click', async () => {
    const session = await handle.session();
    const url = `${location.origin}${location.pathname}#log=${await encodeLog(session.log())}`;
    lab.dataset.shareUrl = url;
    try {
      await navigator.clipboard.writeText(url);
      say('Share link copied to the clipboard.');
    } catch {
      say(`Share link: ${url}`);
    }
  });
}

/** Resolves when the lab's session has been created by any widget. */
function waitForSession(id: string): Promise<LabSession> {
  return new Promise((resolve) => {
    const stop = $labs.subscribe((labs) => {
      const s = labs[id];
      if (s) {
        queueMicrotask(() => stop());
        resolve(s);
      }
    });
  });
}

for (const lab of document.querySelectorAll<HTMLElement>('[data-lab-config]')) setup(lab);
