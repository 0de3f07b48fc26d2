// Small progressive enhancements. Everything works without this file.
(function () {
  "use strict";
  // Translations come from /jsi18n/<language>/ (config/i18n.py), loaded just before this file.
  const gettext = window.gettext || function (text) { return text; };

  // New forms start with the browser's own time zone instead of UTC. The server puts the
  // data-detect-time-zone hook only on blank forms for something new (households/forms.py):
  // an existing profile's zone is never replaced by wherever the browser happens to be.
  function detectTimeZone(root) {
    let zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    root.querySelectorAll("select[data-detect-time-zone]").forEach(function (select) {
      if (select.dataset.detected || select.closest("form[data-bound]")) return;
      select.dataset.detected = "1";
      if (select.value === "UTC" && select.querySelector('option[value="' + zone + '"]')) {
        select.value = zone;
      }
    });
  }

  // Copy-to-clipboard buttons: <button data-copy="text">.
  function onClick(event) {
    // The report's print button: <button data-print>.
    if (event.target.closest("[data-print]")) {
      window.print();
      return;
    }
    const button = event.target.closest("[data-copy]");
    if (!button || !navigator.clipboard) return;
    navigator.clipboard.writeText(button.dataset.copy).then(function () {
      button.textContent = gettext("Copied");
    });
  }

  // Confirmation for destructive buttons: <button data-confirm="Delete this?">.
  function onSubmit(event) {
    const submitter = event.submitter;
    const message = submitter && submitter.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  }

  // A quick action's Undo box is offered for a few seconds: <form data-undo-seconds="30">.
  // (The server refuses a late undo anyway; this only tidies the page.)
  function expireUndo(root) {
    root.querySelectorAll("form[data-undo-seconds]").forEach(function (form) {
      if (form.dataset.undoTimer) return;
      form.dataset.undoTimer = "1";
      const seconds = Math.max(parseInt(form.dataset.undoSeconds, 10) || 0, 0);
      window.setTimeout(function () {
        form.remove();
      }, seconds * 1000);
    });
  }

  // The service worker (templates/offline/sw.js) keeps the app shell and the pages seen last;
  // its address comes from the page, and its scope is the folder it is served from: the site.
  function registerWorker() {
    const queue = document.getElementById("offline-queue");
    if (!queue || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register(queue.dataset.serviceWorker).catch(function () {});
  }

  document.addEventListener("DOMContentLoaded", function () {
    registerWorker();
    detectTimeZone(document);
    expireUndo(document);
    document.addEventListener("click", onClick);
    document.addEventListener("submit", onSubmit);
  });
  document.addEventListener("htmx:load", function (event) {
    detectTimeZone(event.target);
    expireUndo(event.target);
  });
  // htmx swaps nothing when the server answers an error, so a tap during a database outage
  // (503, config/errors.py) would seem to do nothing. Show the server's own message in the
  // page's alert line instead; the page stays as it was, ready for another try.
  document.addEventListener("htmx:responseError", function (event) {
    const xhr = event.detail.xhr;
    const line = document.getElementById("problem");
    if (!xhr || xhr.status !== 503 || !line) return;
    const page = new DOMParser().parseFromString(xhr.responseText, "text/html");
    const message = page.querySelector("main .card");
    line.textContent = message ? message.textContent.trim() : gettext("Nightstand is unavailable. Try again.");
    line.hidden = false;
    line.scrollIntoView({ block: "nearest" });
  });
  // The next answer that does arrive clears the line.
  document.addEventListener("htmx:afterRequest", function (event) {
    const line = document.getElementById("problem");
    if (line && event.detail.successful) line.hidden = true;
  });
})();
