// email2fa: passkeys (WebAuthn) on the module's pages. A form marked data-email2fa-passkey asks the
// server for options (a POST with the form's CSRF token to data-options-url), hands them to the
// browser's passkey dialogue, and sends the form with the answer in its "credential" field. The
// server checks everything; this only carries data. Without WebAuthn (or without this script) the
// passkey parts stay hidden and the page's other ways in work as before.
(function () {
  'use strict';

  if (!window.PublicKeyCredential || !navigator.credentials) {
    return;
  }

  function toBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) {
      base64 += '=';
    }
    var text = atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) {
      bytes[i] = text.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i++) {
      text += String.fromCharCode(bytes[i]);
    }
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function withIds(list) {
    return (list || []).map(function (item) {
      var copy = Object.assign({}, item);
      copy.id = toBytes(item.id);
      return copy;
    });
  }

  // Browsers from 2024 on parse and write the JSON forms themselves; older ones get the same by hand.
  function creationOptions(json) {
    if (PublicKeyCredential.parseCreationOptionsFromJSON) {
      return PublicKeyCredential.parseCreationOptionsFromJSON(json);
    }
    var options = Object.assign({}, json);
    options.challenge = toBytes(json.challenge);
    options.user = Object.assign({}, json.user, { id: toBytes(json.user.id) });
    options.excludeCredentials = withIds(json.excludeCredentials);
    return options;
  }

  function requestOptions(json) {
    if (PublicKeyCredential.parseRequestOptionsFromJSON) {
      return PublicKeyCredential.parseRequestOptionsFromJSON(json);
    }
    var options = Object.assign({}, json);
    options.challenge = toBytes(json.challenge);
    options.allowCredentials = withIds(json.allowCredentials);
    return options;
  }

  function asJson(credential) {
    if (typeof credential.toJSON === 'function') {
      return credential.toJSON();
    }
    var response = credential.response;
    var json = { id: credential.id, rawId: toBase64url(credential.rawId), type: credential.type, response: {
      clientDataJSON: toBase64url(response.clientDataJSON) }, clientExtensionResults: {} };
    if (response.attestationObject) {
      json.response.attestationObject = toBase64url(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = toBase64url(response.authenticatorData);
      json.response.signature = toBase64url(response.signature);
      if (response.userHandle) {
        json.response.userHandle = toBase64url(response.userHandle);
      }
    }
    return json;
  }

  function say(form, key) {
    var place = document.getElementById(form.getAttribute('data-message-target'));
    if (place) {
      place.textContent = form.getAttribute('data-' + key) || '';
      place.hidden = false;
    }
  }

  function run(form) {
    var body = new URLSearchParams();
    body.set('csrf', form.elements.csrf.value);
    var step = form.getAttribute('data-options-action');
    if (step) {
      body.set('action', step);
    }
    var create = form.getAttribute('data-ceremony') === 'create';
    fetch(form.getAttribute('data-options-url'), { method: 'POST', body: body, credentials: 'same-origin',
      headers: { Accept: 'application/json' } })
      .then(function (answer) {
        if (!answer.ok) {
          throw new Error('options ' + answer.status);
        }
        return answer.json();
      })
      .then(function (json) {
        return create ? navigator.credentials.create({ publicKey: creationOptions(json) })
          : navigator.credentials.get({ publicKey: requestOptions(json) });
      })
      .then(function (credential) {
        form.elements.credential.value = JSON.stringify(asJson(credential));
        form.requestSubmit ? form.requestSubmit() : form.submit();
      })
      .catch(function (failure) {
        say(form, failure && failure.name === 'NotAllowedError' ? 'cancelled' : 'failed');
      });
  }

  function start() {
    var forms = document.querySelectorAll('form[data-email2fa-passkey]');
    for (var i = 0; i < forms.length; i++) {
      forms[i].hidden = false;
      // A control inside a hidden form gets no autofocus when the page loads: give it now, unless the user moved on.
      var first = forms[i].querySelector('[autofocus]');
      if (first && (document.activeElement === null || document.activeElement === document.body)) {
        first.focus();
      }
      forms[i].addEventListener('submit', function (event) {
        var form = event.currentTarget;
        if (form.elements.credential.value) {
          return;
        }
        // Not sent yet: first the dialogue. The page's submit-once script must not see this submit.
        event.preventDefault();
        event.stopPropagation();
        if (!form.reportValidity || form.reportValidity()) {
          run(form);
        }
      });
    }
    var unsupported = document.querySelectorAll('[data-email2fa-no-passkey]');
    for (var j = 0; j < unsupported.length; j++) {
      unsupported[j].hidden = true;
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
