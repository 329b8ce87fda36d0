/**
 * Registers the service worker (public/sw.js) once the page has loaded, so it never competes
 * with the page's own first load.
 */
if ('serviceWorker' in navigator && location.protocol !== 'file:' && !import.meta.env.DEV) {
  addEventListener('load', () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL.replace(/\/$/, '')}/sw.js`).catch(() => {
      /* offline support is a bonus: the site works without it */
    });
  });
}
