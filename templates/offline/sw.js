// Nightstand's service worker (served by offline/views.py at /sw.js, scope "/").
// - The app shell (CSS, JS, icons, htmx, the offline page) is kept when the worker installs.
// - Pages: network first; a page that answered is kept, so it opens again without a network;
//   without one, the kept copy, or else the offline page. POST answers are never kept.
// - Signing out deletes the kept pages and the offline queue: the next person sees nothing.
// - Background sync sends the offline queue (static/js/offline.js) when no page is open to do it.
"use strict";
importScripts("{{ offline_script|escapejs }}");

const SHELL = "nightstand-shell-{{ version }}";
const PAGES = "nightstand-pages";
const KEEP_PAGES = 30;
const SHELL_FILES = [{% for url in shell %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const OFFLINE_PAGE = "{% url 'offline' as offline_url %}{{ offline_url|escapejs }}";
const SIGN_OUT = "{% url 'logout' as logout_url %}{{ logout_url|escapejs }}";

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL).then(function (cache) {
      return cache.addAll(SHELL_FILES.map((url) => new Request(url, { credentials: "omit" })));
    }).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      const old = names.filter((name) => name.startsWith("nightstand-shell-") && name !== SHELL);
      return Promise.all(old.map((name) => caches.delete(name)));
    }).then(() => self.clients.claim())
  );
});

function forget() {
  return Promise.all([caches.delete(PAGES), NightstandOffline.clear()]);
}

function keep(request, response) {
  return caches.open(PAGES).then(function (cache) {
    return cache.put(request.url, response).then(() => cache.keys()).then(function (keys) {
      // Oldest first: only the pages seen last are kept.
      return Promise.all(keys.slice(0, Math.max(keys.length - KEEP_PAGES, 0)).map((key) => cache.delete(key)));
    });
  });
}

function page(event) {
  const request = event.request;
  return fetch(request).then(function (response) {
    // Only a signed-in person's page as such (the server marks those private): not a redirect,
    // an error, or the sign-in page, which is of no use without a network.
    const personal = (response.headers.get("Cache-Control") || "").includes("private");
    if (response.ok && !response.redirected && response.type === "basic" && personal) {
      event.waitUntil(keep(request, response.clone()));
    }
    return response;
  }, function () {
    return caches.match(request.url, { cacheName: PAGES, ignoreVary: true }).then(function (kept) {
      return kept || caches.match(OFFLINE_PAGE, { cacheName: SHELL, ignoreVary: true });
    });
  });
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    if (url.pathname === SIGN_OUT) event.waitUntil(forget());
    return; // POSTs go to the network untouched, and their answers are never kept.
  }
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (SHELL_FILES.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname, { cacheName: SHELL, ignoreVary: true }).then((hit) => hit || fetch(request)));
  }
});

self.addEventListener("sync", function (event) {
  if (event.tag !== NightstandOffline.SYNC_TAG) return;
  event.waitUntil(
    self.clients.matchAll({ type: "window" }).then(function (windows) {
      // An open page sends the queue itself (it shows what was sent); else the worker does.
      if (windows.length) return NightstandOffline.announce({ type: "flush" });
      return NightstandOffline.flush().then(function (results) {
        if (results.some((result) => result.state === "waiting")) throw new Error("try again later");
      });
    })
  );
});
