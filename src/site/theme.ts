/**
 * The theme toggle: flips light/dark, remembers the choice, and tells widgets that draw with
 * colours of their own (the terminal, Monaco) through a `netlab:theme` event.
 */
const root = document.documentElement;
const button = document.getElementById('theme-toggle');

function show(): void {
  const dark = root.dataset.theme === 'dark';
  button?.setAttribute('aria-pressed', String(dark));
}

button?.addEventListener('click', () => {
  const next = root.dataset.theme === 'dark' ? 'light' : 'dark';
  root.dataset.theme = next;
  try {
    localStorage.setItem('netlab:theme', next);
  } catch {
    /* not remembered, still applied */
  }
  show();
  document.dispatchEvent(new CustomEvent('netlab:theme', { detail: next }));
});
show();
