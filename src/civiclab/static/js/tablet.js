// Face-to-face collection on a tablet that keeps working with no network.
// Each answer gets a UUID made here and waits in an IndexedDB queue until the server has
// acknowledged it (201 created or 200 already stored): a resend is never a duplicate, since
// the server stores each UUID once. Refused answers stay in the queue, flagged with the
// server's message. The page and its files are kept by the service worker (views_tablet.py).
// Every sentence shown comes translated from the page (#tablet-config, "messages").
(function () {
  "use strict";

  var DB_NAME = "civiclab-tablet";
  var STORE = "answers";
  var MIN_DELAY = 2000;
  var MAX_DELAY = 5 * 60 * 1000;
  var REQUEST_TIMEOUT = 30000;
  var UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  var config, t, form, pages, current, startedAt, saving;

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  function byId(id) {
    return document.getElementById(id);
  }

  function show(element, visible) {
    if (element) element.hidden = !visible;
  }

  function setText(id, text) {
    var element = byId(id);
    if (element && element.textContent !== text) element.textContent = text;
  }

  function locale() {
    var lang = document.documentElement.lang || "fr";
    return lang.indexOf("en") === 0 ? "en-GB" : lang; // dd/mm/yyyy in English too
  }

  function moment(iso) {
    var date = iso ? new Date(iso) : new Date();
    return date.toLocaleString(locale(), { dateStyle: "short", timeStyle: "short" });
  }

  function newUuid() {
    if (window.crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    var hex = Array.prototype.map
      .call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); })
      .join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  // --- the queue (IndexedDB) ------------------------------------------------------------

  var dbPromise = null;

  function openDb() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        if (!window.indexedDB) return reject(new Error("no IndexedDB"));
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, { keyPath: "uuid" });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }

  // Runs `work(store)` in one transaction; resolves once the transaction is committed, with
  // "strict" durability where the browser offers it: an answer is on disk before the form
  // is cleared for the next person.
  function transaction(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx;
        try {
          tx = db.transaction(STORE, mode, { durability: "strict" });
        } catch (error) {
          tx = db.transaction(STORE, mode);
        }
        var result;
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error || new Error("aborted")); };
        var request = work(tx.objectStore(STORE));
        if (request) request.onsuccess = function () { result = request.result; };
      });
    });
  }

  var queue = {
    all: function () {
      return transaction("readonly", function (store) { return store.getAll(); }).then(function (items) {
        return (items || [])
          .filter(function (item) { return item.campaign === config.campaign; })
          .sort(function (a, b) { return (a.submitted_at || "").localeCompare(b.submitted_at || ""); });
      });
    },
    get: function (uuid) {
      return transaction("readonly", function (store) { return store.get(uuid); });
    },
    put: function (item) {
      return transaction("readwrite", function (store) { return store.put(item); });
    },
    remove: function (uuid) {
      return transaction("readwrite", function (store) { return store.delete(uuid); });
    },
  };

  // --- status shown to the surveyor -----------------------------------------------------

  function lastSyncKey() {
    return "civiclab-tablet-last-sync-" + config.campaign;
  }

  function showConnection() {
    var element = byId("tablet-connection");
    element.dataset.online = navigator.onLine ? "true" : "false";
    setText("tablet-connection", navigator.onLine ? t.online : t.offline);
  }

  function refusalText(item) {
    var errors = item.errors || {};
    var parts = Object.keys(errors).map(function (code) {
      if (code === "__all__") return errors[code];
      return format(t.labelled, { label: config.labels[code] || code, message: errors[code] });
    });
    return format(t.refused_item, {
      time: moment(item.submitted_at),
      place: item.place || "—",
      message: parts.join(" — ") || item.error || "",
    });
  }

  function showRefused(items) {
    var list = byId("tablet-refused");
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var text = document.createElement("p");
      text.textContent = refusalText(item);
      li.appendChild(text);
      var retry = document.createElement("button");
      retry.type = "button";
      retry.className = "button";
      retry.textContent = t.retry;
      retry.addEventListener("click", function () {
        item.status = "waiting";
        item.errors = null;
        queue.put(item).then(function () { sync.now(); });
      });
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button button-danger";
      remove.textContent = t.remove;
      remove.addEventListener("click", function () {
        if (window.confirm(t.confirm_remove)) queue.remove(item.uuid).then(updateStatus);
      });
      li.appendChild(retry);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(remove);
      list.appendChild(li);
    });
    show(list, items.length > 0);
  }

  function updateStatus() {
    return queue.all().then(function (items) {
      var n = items.length;
      var refused = items.filter(function (item) { return item.status === "refused"; });
      var text = n === 0 ? t.waiting_none : n === 1 ? t.waiting_one : format(t.waiting_many, { n: n });
      if (refused.length) text += " " + format(t.refused_count, { n: refused.length });
      var counter = byId("tablet-counter");
      counter.dataset.count = String(n);
      counter.classList.toggle("tablet-counter-waiting", n > 0);
      setText("tablet-counter", text);
      showRefused(refused);
      var last = localStorage.getItem(lastSyncKey());
      setText("tablet-last-sync", last ? format(t.last_sync, { time: moment(last) }) : t.never_synced);
      showConnection();
      return items;
    });
  }

  function syncMessage(text) {
    setText("tablet-sync-message", text || "");
  }

  function toolMessage(text) {
    setText("tablet-tools-message", text || "");
  }

  function showLogin(needed) {
    show(byId("tablet-login"), needed);
    setText("tablet-login-text", needed ? t.login_required : "");
  }

  // --- sending --------------------------------------------------------------------------

  function csrfToken() {
    var name = config.csrf_cookie + "=";
    var cookies = document.cookie ? document.cookie.split(";") : [];
    for (var i = 0; i < cookies.length; i++) {
      var cookie = cookies[i].trim();
      if (cookie.indexOf(name) === 0) return decodeURIComponent(cookie.slice(name.length));
    }
    // The cookie is the current token (it changes at each login); the page's copy is a fallback.
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function payload(item) {
    return {
      uuid: item.uuid,
      version: item.version,
      answers: item.answers,
      place: item.place || "",
      started_at: item.started_at || null,
      submitted_at: item.submitted_at || null,
    };
  }

  // One answer to the server: "stored", "refused" (with errors), "login" or "retry".
  function send(item) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT) : null;
    return fetch(config.submit_url, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrfToken(),
      },
      body: JSON.stringify(payload(item)),
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        var body = json ? response.json().catch(function () { return null; }) : Promise.resolve(null);
        return body.then(function (data) {
          var status = response.status;
          // Deleted only on the server's own word for this very answer.
          if ((status === 201 || status === 200) && data && data.uuid === item.uuid) {
            return { outcome: "stored" };
          }
          // 401, or a 403 that is not ours: the session or its security token is gone.
          if (status === 401 || (status === 403 && !data)) return { outcome: "login" };
          if (data && data.errors && [400, 403, 404, 409].indexOf(status) >= 0) {
            return { outcome: "refused", errors: data.errors, status: status };
          }
          return { outcome: "retry", message: t.server_error };
        });
      })
      .catch(function () {
        return { outcome: "retry", message: t.network_error };
      })
      .finally(function () {
        if (timer) clearTimeout(timer);
      });
  }

  // Sends every waiting answer, one after the other. Resolves to "done", "retry" or "login".
  function sendAll() {
    if (!navigator.onLine) return Promise.resolve("retry");
    return queue.all().then(function (items) {
      var waiting = items.filter(function (item) { return item.status !== "refused"; });
      if (!waiting.length) return "done";
      syncMessage(t.sending);
      var index = 0;
      var sentSome = false;
      function next() {
        if (index >= waiting.length) return sentSome ? sendAll() : "done"; // new ones meanwhile?
        var item = waiting[index++];
        return send(item).then(function (result) {
          if (result.outcome === "stored") {
            sentSome = true;
            sync.stored++;
            localStorage.setItem(lastSyncKey(), new Date().toISOString());
            return queue.remove(item.uuid).then(updateStatus).then(next);
          }
          if (result.outcome === "refused") {
            item.status = "refused";
            item.errors = result.errors;
            item.error = "HTTP " + result.status;
            return queue.put(item).then(updateStatus).then(next);
          }
          if (result.outcome === "login") return "login";
          syncMessage(result.message);
          return "retry";
        });
      }
      return next();
    });
  }

  var sync = {
    delay: MIN_DELAY,
    timer: null,
    running: null,
    again: false,
    stored: 0, // answers acknowledged during the current run
    // Try now; after a failure try again in 2 s, 4 s, 8 s... up to 5 minutes.
    now: function () {
      clearTimeout(sync.timer);
      if (sync.running) {
        sync.again = true; // an answer saved meanwhile must not wait for the next failure
        return sync.running;
      }
      sync.stored = 0;
      sync.running = sendAll()
        .catch(function () { return "retry"; })
        .then(function (outcome) {
          showLogin(outcome === "login");
          if (outcome === "login") syncMessage("");
          if (outcome === "done") {
            sync.delay = MIN_DELAY;
          } else {
            sync.timer = setTimeout(sync.now, sync.delay);
            sync.delay = Math.min(sync.delay * 2, MAX_DELAY);
          }
          return updateStatus().then(function (items) {
            if (outcome === "done") syncMessage(!items.length && sync.stored ? t.sent : "");
          });
        })
        .finally(function () {
          sync.running = null;
          if (sync.again) {
            sync.again = false;
            sync.now();
          }
        });
      return sync.running;
    },
    reset: function () {
      sync.delay = MIN_DELAY;
      return sync.now();
    },
  };

  // --- the form, one page at a time -----------------------------------------------------

  function refreshConditions() {
    try {
      CivicAnswering.refresh(form, {});
    } catch (error) {
      // Without the expressions every question stays shown; the server drops hidden answers.
    }
  }

  function shownPages() {
    return pages.filter(function (page) {
      return page.querySelector(".question[data-code]:not([hidden])");
    });
  }

  function answers() {
    var collected = CivicAnswering.collect(form, {});
    Object.keys(collected).forEach(function (code) {
      var value = collected[code];
      var rule = config.rules[code];
      if (value === "" || (Array.isArray(value) && !value.length) || (rule && rule.type === "note")) {
        delete collected[code];
      }
    });
    return collected;
  }

  function showPage(page) {
    var shown = shownPages();
    current = page;
    pages.forEach(function (p) { p.hidden = p !== page; });
    var index = shown.indexOf(page) + 1;
    var last = index === shown.length;
    setText("tablet-progress-label", format(t.page, { index: index, total: shown.length }));
    var progress = byId("tablet-progress");
    progress.max = shown.length;
    progress.value = index;
    progress.textContent = index + "/" + shown.length;
    show(byId("tablet-next"), !last);
    show(byId("tablet-save"), last);
    show(byId("tablet-previous"), index > 1);
  }

  function step(direction) {
    refreshConditions();
    var shown = shownPages();
    var index = shown.indexOf(current);
    if (index < 0) index = direction > 0 ? -1 : shown.length;
    var target = shown[Math.max(0, Math.min(index + direction, shown.length - 1))];
    showPage(target);
    target.focus();
    window.scrollTo(0, form.offsetTop - 8);
  }

  function isEmpty(value) {
    return value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length);
  }

  function problem(code, value, all) {
    var rule = config.rules[code];
    if (!rule || rule.type === "note") return "";
    if (isEmpty(value)) return rule.required ? t.required : "";
    if (rule.type === "integer" || rule.type === "decimal") {
      if (typeof value !== "number" || !isFinite(value)) return t.number;
      if (rule.type === "integer" && Math.floor(value) !== value) return t.whole_number;
      if (rule.min !== null && value < Number(rule.min)) return format(t.minimum, { n: rule.min });
      if (rule.max !== null && value > Number(rule.max)) return format(t.maximum, { n: rule.max });
    }
    if (rule.constraint && window.CivicExpressions) {
      try {
        var accepted = CivicExpressions.evaluate(rule.constraint, all, value);
        if (!CivicExpressions.isTrue(accepted)) return rule.constraint_message || t.not_accepted;
      } catch (error) {
        return ""; // the server has the last word
      }
    }
    return "";
  }

  function clearErrors() {
    form.querySelectorAll(".question.field-error").forEach(function (q) {
      q.classList.remove("field-error");
      q.querySelectorAll("[aria-invalid]").forEach(function (input) {
        input.removeAttribute("aria-invalid");
        var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
          return id && id.indexOf("tablet-err-") !== 0;
        });
        if (described.length) input.setAttribute("aria-describedby", described.join(" "));
        else input.removeAttribute("aria-describedby");
      });
    });
    form.querySelectorAll(".tablet-error").forEach(function (p) { p.remove(); });
    show(byId("tablet-errors"), false);
  }

  // Checks the shown questions of `scope` (a page or the whole form); shows and focuses the
  // problems. Returns true when there are none.
  function check(scope) {
    clearErrors();
    var all = answers();
    var list = byId("tablet-error-list");
    list.textContent = "";
    var found = 0;
    var firstPage = null;
    scope.querySelectorAll(".question[data-code]:not([hidden])").forEach(function (question) {
      var code = question.dataset.code;
      var message = problem(code, all[code], all);
      if (!message) return;
      found++;
      firstPage = firstPage || question.closest(".tablet-page");
      question.classList.add("field-error");
      var note = document.createElement("p");
      note.className = "errorlist tablet-error";
      note.id = "tablet-err-" + code;
      note.textContent = message;
      (question.tagName === "TR" ? question.querySelector("th") : question).appendChild(note);
      question.querySelectorAll("input, select, textarea").forEach(function (input) {
        input.setAttribute("aria-invalid", "true");
        var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        if (described.indexOf(note.id) < 0) described.push(note.id);
        input.setAttribute("aria-describedby", described.join(" "));
      });
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#q-" + code;
      link.textContent = config.labels[code] || code;
      li.appendChild(link);
      li.appendChild(document.createTextNode(format(t.labelled, { label: "", message: message })));
      list.appendChild(li);
    });
    if (!found) return true;
    if (firstPage && firstPage !== current) showPage(firstPage);
    var box = byId("tablet-errors");
    show(box, true);
    box.focus();
    return false;
  }

  function save() {
    if (saving) return;
    refreshConditions();
    if (!check(form)) return;
    saving = true;
    var now = new Date().toISOString();
    var item = {
      uuid: newUuid(),
      campaign: config.campaign,
      version: config.version,
      answers: answers(),
      place: byId("tablet-place").value.trim(),
      started_at: startedAt || now,
      submitted_at: now,
      status: "waiting",
      errors: null,
      error: "",
    };
    byId("tablet-save").disabled = true;
    queue
      .put(item)
      .then(function () {
        form.reset();
        startedAt = null;
        clearErrors();
        refreshConditions();
        showPage(shownPages()[0]);
        var saved = byId("tablet-saved");
        saved.textContent = t.saved;
        show(saved, true);
        saved.focus();
        window.scrollTo(0, 0);
        return updateStatus();
      })
      .then(function () { sync.reset(); })
      .catch(function () {
        // Nothing is lost: the answers are still in the form.
        window.alert(t.store_failed);
      })
      .finally(function () {
        saving = false;
        byId("tablet-save").disabled = false;
      });
  }

  function setUpForm() {
    form = byId("tablet-form");
    if (!form) return;
    pages = Array.prototype.slice.call(form.querySelectorAll(".tablet-page"));
    var update = function () {
      if (!startedAt) startedAt = new Date().toISOString();
      show(byId("tablet-saved"), false);
      refreshConditions();
      showPage(current);
    };
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var shown = shownPages();
      if (shown.indexOf(current) === shown.length - 1) save();
      else if (check(current)) step(1);
    });
    byId("tablet-previous").addEventListener("click", function () {
      clearErrors();
      step(-1);
    });
    refreshConditions();
    showPage(shownPages()[0] || pages[0]);
  }

  // --- the last-resort file -------------------------------------------------------------

  function exportQueue() {
    return queue.all().then(function (items) {
      if (!items.length) return toolMessage(t.nothing_to_export);
      var file = {
        format: "civiclab-tablet-queue",
        format_version: 1,
        campaign: config.campaign,
        experiment: config.slug,
        exported_at: new Date().toISOString(),
        answers: items,
      };
      var blob = new Blob([JSON.stringify(file, null, 2)], { type: "application/json" });
      var link = document.createElement("a");
      var stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
      link.href = URL.createObjectURL(blob);
      link.download = "civiclab-queue-" + config.slug + "-" + config.campaign + "-" + stamp + ".json";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () {
        URL.revokeObjectURL(link.href);
        link.remove();
      }, 1000);
      toolMessage(format(t.exported, { n: items.length }));
    });
  }

  function importable(entry) {
    return (
      entry && typeof entry === "object" &&
      typeof entry.uuid === "string" && UUID_PATTERN.test(entry.uuid) &&
      entry.answers && typeof entry.answers === "object" && !Array.isArray(entry.answers) &&
      Number.isInteger(entry.version)
    );
  }

  function importQueue(file) {
    return file.text().then(function (text) {
      var data;
      try {
        data = JSON.parse(text);
      } catch (error) {
        data = null;
      }
      if (!data || data.format !== "civiclab-tablet-queue" || !Array.isArray(data.answers)) {
        return toolMessage(t.import_bad_file);
      }
      if (data.campaign !== config.campaign) return toolMessage(t.import_other_campaign);
      var added = 0;
      var known = 0;
      var entries = data.answers.filter(importable);
      return entries
        .reduce(function (chain, entry) {
          return chain.then(function () {
            var uuid = entry.uuid.toLowerCase();
            return queue.get(uuid).then(function (existing) {
              if (existing) return known++;
              added++;
              return queue.put({
                uuid: uuid,
                campaign: config.campaign,
                version: entry.version,
                answers: entry.answers,
                place: typeof entry.place === "string" ? entry.place.slice(0, 200) : "",
                started_at: typeof entry.started_at === "string" ? entry.started_at : null,
                submitted_at: typeof entry.submitted_at === "string" ? entry.submitted_at : null,
                status: "waiting",
                errors: null,
                error: "",
              });
            });
          });
        }, Promise.resolve())
        .then(function () {
          toolMessage(format(t.imported, { added: added, known: known }));
          return updateStatus();
        })
        .then(function () { sync.reset(); });
    });
  }

  // --- working with no network ----------------------------------------------------------

  function setUpOffline() {
    var element = byId("tablet-offline");
    if (!("serviceWorker" in navigator) || !window.isSecureContext) {
      element.textContent = t.offline_unsupported;
      return;
    }
    var hadController = Boolean(navigator.serviceWorker.controller);
    var ready = function () {
      element.dataset.ready = "true";
      element.textContent = t.offline_ready;
    };
    element.textContent = hadController ? t.offline_ready : t.offline_preparing;
    if (hadController) element.dataset.ready = "true";
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      // A newer form (new questionnaire version or files) took over: never reload under the
      // surveyor's fingers; say so.
      ready();
      if (hadController) element.textContent = t.new_version;
      hadController = true;
    });
    navigator.serviceWorker.register(config.sw_url).catch(function () {
      element.textContent = t.offline_unsupported;
    });
    if (navigator.storage && navigator.storage.persist) {
      // Ask the browser not to clear the queue when the tablet runs short of space.
      navigator.storage.persist().catch(function () {});
    }
  }

  function setUpPlace() {
    var input = byId("tablet-place");
    var key = "civiclab-tablet-place-" + config.campaign;
    input.value = localStorage.getItem(key) || "";
    input.addEventListener("input", function () { localStorage.setItem(key, input.value); });
  }

  function start() {
    var element = byId("tablet-config");
    if (!element) return;
    config = JSON.parse(element.textContent);
    t = config.messages;
    setUpPlace();
    setUpForm();
    setUpOffline();
    showConnection();
    window.addEventListener("online", function () {
      showConnection();
      sync.reset();
    });
    window.addEventListener("offline", showConnection);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") sync.reset();
    });
    byId("tablet-sync").addEventListener("click", sync.reset);
    byId("tablet-export").addEventListener("click", exportQueue);
    var fileInput = byId("tablet-import-file");
    byId("tablet-import").addEventListener("click", function () { fileInput.click(); });
    fileInput.addEventListener("change", function () {
      if (fileInput.files.length) importQueue(fileInput.files[0]).finally(function () { fileInput.value = ""; });
    });
    updateStatus()
      .then(function () { sync.now(); })
      .catch(function () {
        byId("tablet-counter").textContent = t.storage_unsupported;
        show(form, false);
      });
  }

  window.CivicTablet = { sync: function () { return sync.reset(); }, queue: queue };
  document.addEventListener("DOMContentLoaded", start);
})();
