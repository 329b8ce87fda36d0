/** Loads Pagefind's UI (built into dist/pagefind/ after the site) into the search page. */
const host = document.getElementById('search');
const base = host?.dataset.base ?? '';

interface PagefindUIConstructor {
  new (opts: { element: string; showSubResults: boolean; autofocus?: boolean }): unknown;
}

const script = document.createElement('script');
script.src = `${base}/pagefind/pagefind-ui.js`;
script.onload = () => {
  const UI = (window as unknown as { PagefindUI?: PagefindUIConstructor }).PagefindUI;
  if (UI) new UI({ element: '#search', showSubResults: true, autofocus: true });
};
script.onerror = () => {
  if (host) host.textContent = 'The search index is missing: it is built by `npm run build`.';
};
document.head.append(script);
