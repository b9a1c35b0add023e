{% autoescape off %}// Service worker of one campaign's tablet page (collection/views_tablet.py renders it).
// It keeps the page and its static files so the form opens with no network. The cache name
// changes with the questionnaire version and the static files, so the browser installs a new
// worker, and a fresh copy of everything, when either changes.
"use strict";

const CONFIG = {{ config }};
const PAGE = new URL(CONFIG.page, self.location).href;
const ASSETS = new Set(CONFIG.assets.map((url) => new URL(url, self.location).href));
const PAGE_TIMEOUT_MS = 4000;

// A response worth keeping: a real 200 of our own, not a login page reached by a redirect.
function keepable(response) {
  return response && response.ok && !response.redirected && response.type === "basic";
}

async function precache() {
  const cache = await caches.open(CONFIG.cache);
  const urls = [PAGE, ...ASSETS];
  await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(new Request(url, { cache: "reload", credentials: "same-origin" }));
      if (!keepable(response)) throw new Error(`Cannot keep ${url}: ${response.status}`);
      await cache.put(url, response);
    })
  );
}

self.addEventListener("install", (event) => {
  // An install that cannot keep everything fails, and the previous worker stays in charge.
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(CONFIG.cache_prefix) && name !== CONFIG.cache)
          .map((name) => caches.delete(name))
      );
      await self.clients.claim();
    })()
  );
});

// Static files have content-hashed URLs in production: the cached copy is always right.
async function cacheFirst(request) {
  const cache = await caches.open(CONFIG.cache);
  const cached = await cache.match(request.url, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (keepable(response)) await cache.put(request.url, response.clone());
  return response;
}

// The page: the network's copy when it answers quickly (current language, campaign state and
// session), else the kept copy, so a reload with no network, or a very slow one, still works.
async function page(request) {
  const cache = await caches.open(CONFIG.cache);
  const network = fetch(request)
    .then(async (response) => {
      if (keepable(response)) await cache.put(PAGE, response.clone());
      return response;
    })
    .catch(() => null); // no network
  const timeout = new Promise((resolve) => setTimeout(resolve, PAGE_TIMEOUT_MS, null));
  const response = await Promise.race([network, timeout]);
  // A redirect (to the login page) is the server's answer: follow it. Errors (server down,
  // role withdrawn) fall back to the kept page, so the queue can still be sent or exported.
  if (response && (response.ok || response.type === "opaqueredirect")) return response;
  const cached = await cache.match(PAGE, { ignoreVary: true });
  if (cached) return cached;
  return (await network) || Response.error();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  url.hash = "";
  const bare = url.origin + url.pathname;
  if (request.mode === "navigate" && bare === PAGE) {
    event.respondWith(page(request));
  } else if (ASSETS.has(url.href)) {
    event.respondWith(cacheFirst(request));
  }
});
{% endautoescape %}