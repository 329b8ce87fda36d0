/*
 * Service worker: keeps the course usable offline once it has been loaded.
 * - On install it precaches the files listed in /offline-manifest.json (written by the build).
 * - Hashed build assets (/_astro/) never change: served from the cache first.
 * - Pages and everything else: the network first (so updates show), the cache when offline.
 * Anything fetched successfully (Monaco's chunks, the search index) is cached for next time.
 */
const PREFIX = 'netlab-';
const scope = new URL(self.registration.scope).pathname.replace(/\/$/, '');

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetch(`${scope}/offline-manifest.json`, { cache: 'no-cache' });
      const manifest = await res.json();
      const cache = await caches.open(PREFIX + manifest.version);
      // One by one so a single missing file does not abort the whole precache.
      await Promise.all(manifest.files.map((f) => cache.add(scope + f).catch(() => undefined)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const ours = names.filter((n) => n.startsWith(PREFIX)).sort();
      // Keep the newest precache (the one install just filled) and the runtime cache.
      const current = await currentCacheName();
      // Offline while activating: delete nothing rather than the cache we may need.
      if (current) await Promise.all(ours.filter((n) => n !== current && n !== PREFIX + 'runtime').map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

async function currentCacheName() {
  try {
    const res = await fetch(`${scope}/offline-manifest.json`, { cache: 'no-cache' });
    return PREFIX + (await res.json()).version;
  } catch {
    return undefined;
  }
}

async function remember(request, response) {
  if (response.ok && response.type === 'basic') {
    const cache = await caches.open(PREFIX + 'runtime');
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(`${scope}/_astro/`)) {
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request).then((res) => remember(request, res))),
    );
    return;
  }
  event.respondWith(
    fetch(request)
      .then((res) => remember(request, res))
      .catch(async () => {
        const hit = await caches.match(request, { ignoreSearch: true });
        if (hit) return hit;
        if (request.mode === 'navigate') {
          const page = await caches.match(url.pathname.endsWith('/') ? url.pathname : url.pathname + '/');
          if (page) return page;
          const missing = await caches.match(`${scope}/404.html`);
          if (missing) return missing;
        }
        return Response.error();
      }),
  );
});
