/**
 * The Editor widget's light half: the file picker and Run button. Monaco itself
 * (./editor-monaco.ts) is imported dynamically the first time the editor tab is shown, so
 * it never weighs on a lesson page that does not use it.
 */
import { lab as labHandle } from '../../src/lab/labs.ts';
import type { LabSession } from '../../src/lab/session.ts';
import { fileKind } from '../../src/lab/monarch.ts';
import type { MonacoHandle } from './editor-monaco.ts';

const STARTERS: Record<string, string> = {
  'iptables-save':
    '# A ruleset in iptables-save format; Run loads it with iptables-restore.\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n',
  shell: '# A script; Run executes it with sh.\nip -br addr\n',
};

function mount(root: HTMLElement): void {
  const handle = labHandle(root.dataset.lab!);
  let session: LabSession | undefined;
  const lab = root.closest<HTMLElement>('[data-lab-config]');
  const select = root.querySelector<HTMLSelectElement>('[data-editor-file]')!;
  const run = root.querySelector<HTMLButtonElement>('[data-editor-run]')!;
  const apply = root.querySelector<HTMLElement>('[data-editor-apply]')!;
  const mountEl = root.querySelector<HTMLElement>('[data-editor-mount]')!;
  let editor: MonacoHandle | undefined;
  let loading: Promise<void> | undefined;

  const contentFor = (path: string) => session?.readFile(path) ?? STARTERS[fileKind(path).language]!;
  const showApply = () => (apply.textContent = `Run saves the file, then: ${fileKind(select.value).apply}`);

  const open = () =>
    (loading ??= (async () => {
      mountEl.querySelector('[data-editor-loading]')!.textContent = 'Loading the editor…';
      const [{ createMonaco }, s] = await Promise.all([import('./editor-monaco.ts'), handle.session()]);
      session = s;
      session.on((e) => {
        // After Reset the machine's files are back to the start.
        if (e.type === 'reset') editor?.setFile(contentFor(select.value), fileKind(select.value).language, `Editing ${select.value}`);
      });
      mountEl.replaceChildren();
      const path = select.value;
      editor = createMonaco(mountEl, contentFor(path), fileKind(path).language, `Editing ${path}`);
      mountEl.removeAttribute('aria-busy');
      root.dataset.ready = 'true';
      run.disabled = false;
    })());

  select.addEventListener('change', () => {
    showApply();
    editor?.setFile(contentFor(select.value), fileKind(select.value).language, `Editing ${select.value}`);
  });
  run.addEventListener('click', () => {
    if (!editor || !session) return;
    const path = select.value;
    session.writeFile(path, editor.getValue());
    session.type(fileKind(path).apply);
  });
  lab?.addEventListener('netlab:view', (e) => {
    if ((e as CustomEvent<string>).detail === 'editor') void open();
  });
  showApply();
  // An editor not inside a tab (embedded alone in MDX) opens right away.
  if (!root.closest('[role="tabpanel"]')) void open();
}

for (const root of document.querySelectorAll<HTMLElement>('[data-editor]')) mount(root);
