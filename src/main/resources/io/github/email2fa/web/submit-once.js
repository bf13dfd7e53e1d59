// email2fa: a form of the module's pages is sent once. A second submit of the same form, such as a
// double click on "Verify", is dropped here, and its buttons say they are busy. This only spares a
// request: the server answers a repeated form correctly without it, so nothing depends on it.
(function () {
  'use strict';

  function mark(form, busy) {
    var buttons = form.querySelectorAll('button[type=submit], button:not([type])');
    for (var i = 0; i < buttons.length; i++) {
      if (busy) {
        buttons[i].setAttribute('aria-disabled', 'true');
      } else {
        buttons[i].removeAttribute('aria-disabled');
      }
    }
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.getAttribute('data-email2fa-sent') === 'true') {
      event.preventDefault();
      return;
    }
    form.setAttribute('data-email2fa-sent', 'true');
    mark(form, true);
  });

  // A page the back button restores from the browser's cache can be used again.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) {
      return;
    }
    var sent = document.querySelectorAll('form[data-email2fa-sent]');
    for (var i = 0; i < sent.length; i++) {
      sent[i].removeAttribute('data-email2fa-sent');
      mark(sent[i], false);
    }
  });
}());
