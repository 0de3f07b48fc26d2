// The offline queue: a night logged or a step ticked without a connection is kept on this
// device (IndexedDB) and sent when the connection returns, exactly once.
//
// - A form marked `data-offline-queue` that is submitted while offline is kept instead of sent,
//   under an idempotency key made here; the server (offline/idempotency.py) applies a key once,
//   so sending again after a lost answer cannot save it twice.
// - The queue is sent on page load, on the `online` event, and by the service worker's
//   background sync (templates/offline/sw.js loads this file too, without the page part).
// - Answers: 201 saved (removed); 4xx refused (kept aside with a message, and for a
//   `data-offline-queue="reopen"` form the offer to open the form with what was entered);
//   anything else (5xx, no network, sent to sign in) stays queued for the next try.
// The words shown come from the page (templates/offline/queue.html), translated there.
(function (global) {
  "use strict";

  const DATABASE = "nightstand-offline";
  const STORE = "queue";
  const SYNC_TAG = "nightstand-queue";
  const CHANNEL = "nightstand-offline";

  function transaction(mode, work) {
    return new Promise(function (resolve, reject) {
      const opening = indexedDB.open(DATABASE, 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: "key" });
      opening.onerror = () => reject(opening.error);
      opening.onsuccess = function () {
        const db = opening.result;
        const tx = db.transaction(STORE, mode);
        const request = work(tx.objectStore(STORE));
        tx.oncomplete = function () {
          db.close();
          resolve(request.result);
        };
        tx.onerror = tx.onabort = function () {
          db.close();
          reject(tx.error);
        };
      };
    });
  }

  const items = () => transaction("readonly", (s) => s.getAll()).then((all) => all.sort((a, b) => a.at - b.at));
  const save = (item) => transaction("readwrite", (s) => s.put(item));
  const remove = (key) => transaction("readwrite", (s) => s.delete(key));
  const clear = () => transaction("readwrite", (s) => s.clear());

  function announce(message) {
    if (!("BroadcastChannel" in global)) return Promise.resolve();
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage(message);
    channel.close();
    return Promise.resolve();
  }

  // One submission; the page's current CSRF token replaces the one kept, if there is one.
  function send(item, token) {
    const body = new URLSearchParams(item.body);
    const headers = { "Idempotency-Key": item.key, "Content-Type": "application/x-www-form-urlencoded" };
    if (token) {
      headers["X-CSRFToken"] = token;
      if (body.has("csrfmiddlewaretoken")) body.set("csrfmiddlewaretoken", token);
    }
    return fetch(item.url, { method: "POST", headers: headers, body: body, credentials: "same-origin" }).then(
      function (response) {
        if (response.status === 201) return { state: "sent", location: response.headers.get("Location") };
        if (response.status >= 400 && response.status < 500 && ![408, 425, 429].includes(response.status)) {
          return { state: "refused", status: response.status };
        }
        return { state: "waiting", signIn: response.redirected };
      },
      () => ({ state: "waiting" })
    );
  }

  // Sends what is waiting, oldest first, stopping at the first that cannot go yet (so a tick
  // and its undo arrive in order). One sender at a time across tabs and the worker.
  // A page passes its user: what someone else kept on this device is not sent as this user.
  function flush(token, user) {
    const work = function () {
      return items().then(function (all) {
        const results = [];
        const mine = (item) => !user || !item.user || item.user === user;
        const waiting = all.filter((item) => item.state === "waiting" && mine(item));
        const next = function (index) {
          if (index >= waiting.length) return results;
          const item = waiting[index];
          return send(item, token).then(function (outcome) {
            results.push(Object.assign({}, item, outcome));
            if (outcome.state === "sent") return remove(item.key).then(() => next(index + 1));
            if (outcome.state === "refused") {
              return save(Object.assign({}, item, { state: "refused" })).then(() => next(index + 1));
            }
            return save(Object.assign({}, item, { signIn: outcome.signIn })).then(() => results);
          });
        };
        return next(0);
      });
    };
    const locks = global.navigator && global.navigator.locks;
    const done = locks ? locks.request(CHANNEL, work) : work();
    return done.then(function (results) {
      if (results.length) announce({ type: "sent", results: results });
      return results;
    });
  }

  global.NightstandOffline = { SYNC_TAG, items, save, remove, clear, flush, announce };
  if (typeof document === "undefined") return; // in the service worker: no page to show

  // --- the page ----------------------------------------------------------------------------
  let pending = 0;
  const sentHere = new Map(); // what this page was told arrived, shown until it is left

  function box() {
    return document.getElementById("offline-queue");
  }

  function words() {
    const element = box();
    return element ? element.dataset : {};
  }

  function token() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
    } catch (e) {
      return undefined;
    }
  }

  function button(text, action) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "link-button";
    element.textContent = text;
    element.addEventListener("click", action);
    return element;
  }

  // The refused data goes back to its form as an ordinary submission: the server shows the
  // form filled in, with its messages on the fields.
  function reopen(item) {
    const form = document.createElement("form");
    form.method = "post";
    form.action = item.url;
    form.hidden = true;
    new URLSearchParams(item.body).forEach(function (value, name) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = name === "csrfmiddlewaretoken" && token() ? token() : value;
      form.appendChild(input);
    });
    document.body.appendChild(form);
    remove(item.key).then(() => form.submit());
  }

  function line(item, text) {
    const li = document.createElement("li");
    li.className = "offline-" + item.state;
    li.append(item.label + " · " + text + " ");
    return li;
  }

  function render() {
    const element = box();
    if (!element) return Promise.resolve();
    return items().then(function (all) {
      const text = words();
      const list = element.querySelector("ul");
      list.replaceChildren();
      pending = all.filter((item) => item.state === "waiting").length;
      all.forEach(function (item) {
        if (item.state === "waiting") {
          list.appendChild(line(item, item.signIn ? text.signIn : text.saved));
          return;
        }
        const li = line(item, text.refused + ".");
        if (item.reopen) li.appendChild(button(text.reopen, () => reopen(item)));
        li.appendChild(button(text.dismiss, () => remove(item.key).then(() => render())));
        list.appendChild(li);
      });
      sentHere.forEach(function (item) {
        const li = line(item, text.sent + ".");
        if (item.location) {
          const link = document.createElement("a");
          link.href = item.location;
          link.textContent = text.open;
          li.append(" ", link);
        }
        list.appendChild(li);
      });
      element.hidden = !list.children.length;
      // The note beside a form goes once nothing of it is waiting any more.
      const waiting = new Set(all.filter((item) => item.state === "waiting").map((item) => item.key));
      document.querySelectorAll("[data-offline-note]").forEach(function (note) {
        if (!waiting.has(note.dataset.offlineNote)) note.remove();
      });
    });
  }

  // A page changed in place by htmx (a tick) shows the server's state again once its
  // submission arrived; a form page keeps what is being typed and says "Sent".
  function shown(results) {
    const here = location.pathname;
    const sent = results.filter((result) => result.state === "sent");
    if (sent.some((result) => !result.reopen && result.page === here)) {
      location.reload();
      return;
    }
    sent.filter((result) => result.reopen).forEach((result) => sentHere.set(result.key, result));
    render();
  }

  function sendNow() {
    if (!navigator.onLine) return render();
    return flush(token(), words().user).then(shown, () => render());
  }

  function describe(form, submitter) {
    const text = words();
    let label = form.dataset.offlineLabel || (submitter && submitter.getAttribute("aria-label")) || text.change;
    const field = form.dataset.offlineDescribe && form.elements[form.dataset.offlineDescribe];
    if (field && field.value) label += " (" + field.value + ")";
    return label;
  }

  // Where the submission goes: the clicked button's formaction (each of Tonight's buttons posts
  // its own row's address), else the form's. Not form.action: a field named "action" (a tick's
  // buttons) hides that property.
  function address(form, submitter) {
    return (submitter && submitter.getAttribute("formaction")) || form.getAttribute("action") || location.href;
  }

  function keep(form, submitter, url, data) {
    const item = {
      key: crypto.randomUUID(),
      url: new URL(url, location.href).href,
      body: new URLSearchParams(data).toString(),
      label: describe(form, submitter),
      reopen: form.dataset.offlineQueue === "reopen",
      page: location.pathname,
      user: words().user,
      state: "waiting",
      at: Date.now(),
    };
    return save(item).then(function () {
      const note = document.createElement("p");
      note.className = "offline-note";
      note.dataset.offlineNote = item.key;
      note.textContent = words().saved;
      // Beside the tapped row where the form holds several (a Tonight card), else after the form.
      ((submitter && submitter.closest("li")) || form).appendChild(note);
      if (navigator.serviceWorker) {
        navigator.serviceWorker.ready.then((registration) => registration.sync && registration.sync.register(SYNC_TAG)).catch(() => {});
      }
      return render();
    });
  }

  // Offline: keep the submission instead of letting the browser (or htmx) fail to send it.
  // Capturing at the document runs before htmx's own listener on the form.
  document.addEventListener(
    "submit",
    function (event) {
      const form = event.target.closest("form[data-offline-queue]");
      if (!form || navigator.onLine) return;
      // A helper button (the log form's "Add a row") changes the form, it does not submit it.
      if (event.submitter && event.submitter.hasAttribute("formnovalidate")) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const data = new FormData(form, event.submitter || null);
      keep(form, event.submitter, address(form, event.submitter), data);
    },
    true
  );

  // Offline, a queueable form's own htmx requests (inline validation) cannot succeed: skip them.
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (!navigator.onLine && event.detail.elt.closest("form[data-offline-queue]")) event.preventDefault();
  });

  // Online as far as the browser knew, but the request never reached the server: keep it too.
  document.addEventListener("htmx:sendError", function (event) {
    const config = event.detail.requestConfig;
    const form = event.detail.elt && event.detail.elt.closest("form[data-offline-queue]");
    const trigger = config && config.triggeringEvent;
    if (!form || !trigger || trigger.type !== "submit") return;
    keep(form, trigger.submitter, config.path || address(form, trigger.submitter), config.formData);
  });

  // Signing out deletes what waits here (and the worker deletes the kept pages): ask first.
  document.addEventListener("submit", function (event) {
    if (!event.target.matches("form[data-offline-signout]")) return;
    if (pending && !window.confirm(words().signOut)) {
      event.preventDefault();
      return;
    }
    clear();
  });

  if ("BroadcastChannel" in global) {
    new BroadcastChannel(CHANNEL).addEventListener("message", function (event) {
      if (event.data.type === "flush") sendNow();
      if (event.data.type === "sent") shown(event.data.results);
    });
  }
  global.addEventListener("online", sendNow);
  document.addEventListener("DOMContentLoaded", sendNow);
})(self);
