/** The home page's progress marks and the export/import buttons. */
import { exportProgress, importProgress, readProgress } from '../lab/progress.ts';

function show(): void {
  const p = readProgress();
  const items = [...document.querySelectorAll<HTMLElement>('[data-progress-slug]')];
  let done = 0;
  for (const li of items) {
    const slug = li.dataset.progressSlug!;
    const status = li.querySelector<HTMLElement>('.status')!;
    const state = p.completed[slug] ? 'completed' : p.visited[slug] ? 'visited' : 'new';
    if (state === 'completed') done++;
    status.dataset.state = state;
    status.textContent = state === 'completed' ? '✓ Completed' : state === 'visited' ? 'Started' : 'Not started';
  }
  const started = items.filter((li) => p.visited[li.dataset.progressSlug!]).length;
  const summary = document.querySelector('[data-progress-summary]');
  if (summary) {
    summary.textContent = `${done} of ${items.length} lessons completed, ${started} started. Your progress is kept in this browser.`;
  }
}

const status = document.querySelector<HTMLElement>('[data-progress-status]');

document.querySelector('[data-progress-export]')?.addEventListener('click', () => {
  const blob = new Blob([JSON.stringify(exportProgress(), null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'docker-network-lab-progress.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  if (status) status.textContent = 'Progress exported.';
});

document.querySelector<HTMLInputElement>('[data-progress-import]')?.addEventListener('change', async (e) => {
  const input = e.currentTarget as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  let message: string | undefined;
  try {
    message = importProgress(JSON.parse(await file.text()));
  } catch {
    message = 'This file is not valid JSON.';
  }
  if (status) status.textContent = message ?? 'Progress imported.';
  input.value = '';
  show();
});

show();
