<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%-- The model is io.github.email2fa.web.ChallengeView (see the README); every value is already HTML-escaped. Copy this page to restyle it. --%>
<!DOCTYPE html>
<html lang="${email2fa.lang}" dir="${email2fa.dir}">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${email2fa.title}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; background: #f4f5f7; color: #1d1f23; margin: 0; }
  main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; font-weight: 600; margin: 1rem 0 .4rem; }
  input[name=code] { font-size: 1.6rem; letter-spacing: .3rem; width: 100%; box-sizing: border-box; padding: .5rem; font-family: monospace; }
  button { font-size: 1rem; padding: .55rem 1rem; margin-top: .8rem; cursor: pointer; }
  .primary { background: #1a56db; color: #fff; border: 0; border-radius: 4px; width: 100%; }
  .secondary { display: flex; gap: .5rem; margin-top: 1rem; }
  .secondary form { flex: 1; }
  .secondary button { width: 100%; background: none; border: 1px solid #c5c9d0; border-radius: 4px; }
  .error { color: #b42318; background: #fef3f2; padding: .6rem; border-radius: 4px; }
  label.remember { font-weight: normal; }
  input[name=backupCode] { font-size: 1.2rem; width: 100%; box-sizing: border-box; padding: .5rem; font-family: monospace; }
  input[name=appCode] { font-size: 1.6rem; letter-spacing: .3rem; width: 100%; box-sizing: border-box; padding: .5rem; font-family: monospace; }
  details { margin-top: 1rem; }
  @media (max-width: 30rem) { main { margin: 0; padding: 1.25rem 1rem; border-radius: 0; box-shadow: none; } }
  button[aria-disabled=true] { opacity: .6; cursor: progress; }
</style>
<script src="${email2fa.submitOnceScript}" defer></script>
<script src="${email2fa.passkeyScript}" defer></script>
</head>
<body>
<main>
  <h1>${email2fa.title}</h1>
  <p id="status">${email2fa.status} <a id="check-again" href="${email2fa.checkAgainHref}" ${email2fa.checkAgainHidden}>${email2fa.checkAgain}</a></p>
  <p id="error" class="error" role="alert" ${email2fa.errorHidden}>${email2fa.error}</p>
  <div id="passkey" ${email2fa.passkeyHidden}>
    <form id="passkey-form" method="post" action="${email2fa.passkeyAction}" hidden data-email2fa-passkey data-ceremony="get"
          data-options-url="${email2fa.passkeyOptionsUrl}" data-message-target="error"
          data-cancelled="${email2fa.passkeyCancelled}" data-failed="${email2fa.passkeyFailed}">
      <input type="hidden" name="csrf" value="${email2fa.csrf}">
      <input type="hidden" name="credential" value="">
      <label class="remember" ${email2fa.rememberHidden}><input type="checkbox" name="remember" value="1"> ${email2fa.rememberLabel}</label>
      <button id="use-passkey" class="primary" type="submit" ${email2fa.passkeyAutofocus}>${email2fa.usePasskey}</button>
    </form>
    <p id="passkey-unsupported" data-email2fa-no-passkey>${email2fa.passkeyUnsupported}</p>
  </div>
  <details id="app" ${email2fa.appHidden} ${email2fa.appOpen}>
    <summary>${email2fa.useApp}</summary>
    <form id="app-form" method="post" action="${email2fa.appAction}">
      <input type="hidden" name="csrf" value="${email2fa.csrf}">
      <label for="app-code">${email2fa.appLabel}</label>
      <input id="app-code" name="appCode" type="text" dir="ltr" autocomplete="one-time-code" inputmode="numeric"
             maxlength="64" aria-describedby="error" ${email2fa.appAutofocus}>
      <label class="remember" ${email2fa.rememberHidden}><input type="checkbox" name="remember" value="1"> ${email2fa.rememberLabel}</label>
      <button class="primary" type="submit">${email2fa.appSubmit}</button>
    </form>
  </details>
  <form id="verify" method="post" action="${email2fa.verifyAction}" ${email2fa.codeFormHidden}>
    <input type="hidden" name="csrf" value="${email2fa.csrf}">
    <label for="code">${email2fa.codeLabel}</label>
    <input id="code" name="code" type="text" dir="ltr" autocomplete="one-time-code" inputmode="numeric"
           maxlength="64" required aria-describedby="error" ${email2fa.codeAutofocus}>
    <label class="remember" ${email2fa.rememberHidden}><input type="checkbox" name="remember" value="1"> ${email2fa.rememberLabel}</label>
    <button class="primary" type="submit">${email2fa.submit}</button>
  </form>
  <details id="backup" ${email2fa.backupOpen}>
    <summary>${email2fa.useBackup}</summary>
    <form id="backup-form" method="post" action="${email2fa.backupAction}">
      <input type="hidden" name="csrf" value="${email2fa.csrf}">
      <label for="backup-code">${email2fa.backupLabel}</label>
      <input id="backup-code" name="backupCode" type="text" dir="ltr" autocomplete="off" autocapitalize="none" spellcheck="false"
             maxlength="64" aria-describedby="error" ${email2fa.backupAutofocus}>
      <label class="remember" ${email2fa.rememberHidden}><input type="checkbox" name="remember" value="1"> ${email2fa.rememberLabel}</label>
      <button class="primary" type="submit">${email2fa.backupSubmit}</button>
    </form>
  </details>
  <div class="secondary">
    <form id="resend" method="post" action="${email2fa.resendAction}" ${email2fa.resendHidden}>
      <input type="hidden" name="csrf" value="${email2fa.csrf}">
      <button type="submit">${email2fa.resend}</button>
    </form>
    <form id="cancel" method="post" action="${email2fa.cancelAction}">
      <input type="hidden" name="csrf" value="${email2fa.csrf}">
      <button type="submit">${email2fa.cancel}</button>
    </form>
  </div>
</main>
</body>
</html>
