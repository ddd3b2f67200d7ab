// Loading state for every navigation and form post: a slow page (a year of charges, a month close) shows a progress
// bar at the top and a busy submit button instead of a page that seems to ignore the click. Disabling the buttons
// also stops a double-clicked form from posting twice. Texts come from the layout's data attributes (ja/en).
(function () {
  'use strict';
  var bar = document.getElementById('page-busy');
  var status = document.getElementById('page-busy-status');
  if (!bar || !status) {
    return;
  }
  // Fast pages replace the document before this fires, so the bar never flickers.
  var delay = 250;
  var timer = null;
  var busyButtons = [];

  function start() {
    if (timer !== null) {
      return;
    }
    timer = window.setTimeout(function () {
      bar.hidden = false;
      status.textContent = bar.getAttribute('data-text');
    }, delay);
  }

  function reset() {
    window.clearTimeout(timer);
    timer = null;
    bar.hidden = true;
    status.textContent = '';
    busyButtons.forEach(function (entry) {
      entry.button.disabled = false;
      entry.button.removeAttribute('aria-busy');
      if (entry.html !== null) {
        entry.button.innerHTML = entry.html;
      }
    });
    busyButtons = [];
  }

  function markBusy(form, submitter) {
    form.querySelectorAll('button[type="submit"], button:not([type]), input[type="submit"]').forEach(function (button) {
      var entry = { button: button, html: null };
      if (button === submitter && button.tagName === 'BUTTON') {
        entry.html = button.innerHTML;
        var spinner = document.createElement('span');
        spinner.className = 'spinner-border spinner-border-sm me-1';
        spinner.setAttribute('aria-hidden', 'true');
        button.textContent = bar.getAttribute('data-working');
        button.prepend(spinner);
        button.setAttribute('aria-busy', 'true');
      }
      button.disabled = true;
      busyButtons.push(entry);
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    // A form whose submit another script cancelled (confirm.js: the user said no) is not busy.
    if (event.defaultPrevented || form.hasAttribute('data-no-busy') || (form.target && form.target !== '_self')) {
      return;
    }
    var submitter = event.submitter || null;
    start();
    // After the browser has collected the form's fields: a disabled submitter would drop its name and value.
    window.setTimeout(function () { markBusy(form, submitter); }, 0);
  });

  document.addEventListener('click', function (event) {
    var link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    if (link.hasAttribute('download') || link.hasAttribute('data-no-busy') || (link.target && link.target !== '_self')
      || link.origin !== window.location.origin || link.getAttribute('href').charAt(0) === '#'
      || (link.pathname === window.location.pathname && link.search === window.location.search && link.hash !== '')) {
      return;
    }
    start();
  });

  // Back/forward restores this page from the cache with its bar and busy buttons; clear them.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      reset();
    }
  });
})();
