<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%-- The model is io.github.email2fa.web.SettingsView; every value is already HTML-escaped, and the lists are built from escaped values. --%>
<!DOCTYPE html>
<html lang="${email2fa.lang}" dir="${email2fa.dir}">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${email2fa.title}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; background: #f4f5f7; color: #1d1f23; margin: 0; }
  main { max-width: 34rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h2 { font-size: 1.1rem; margin-top: 1.8rem; }
  button { font-size: .95rem; padding: .45rem .9rem; cursor: pointer; }
  .done { color: #05603a; background: #ecfdf3; padding: .6rem; border-radius: 4px; }
  .codes { columns: 2 9rem; font-size: 1.2rem; font-family: monospace; background: #f7f7f9; padding: 1rem 2rem; }
  .codes code { white-space: nowrap; }
  .devices form { display: inline; }
  .qr svg { width: 12rem; max-width: 100%; height: auto; }
  #app-secret { font-size: 1.1rem; word-spacing: .3rem; }
  #app fieldset { border: 0; padding: 0; margin: .5rem 0; }
  #app .error, #passkey .error { color: #b42318; background: #fef3f2; padding: .6rem; border-radius: 4px; }
  .passkeys li { margin-bottom: .8rem; }
  .passkey-change { margin-top: .3rem; }
  @media (max-width: 30rem) { main { margin: 0; padding: 1.25rem 1rem; border-radius: 0; box-shadow: none; } }
  button[aria-disabled=true] { opacity: .6; cursor: progress; }
</style>
<script src="${email2fa.submitOnceScript}" defer></script>
<script src="${email2fa.passkeyScript}" defer></script>
</head>
<body>
<main>
  <h1>${email2fa.title}</h1>
  <p id="done" class="done" role="status" ${email2fa.doneHidden}>${email2fa.done}</p>
  <p id="status">${email2fa.status}</p>
  <p>${email2fa.policyNote}</p>
  <form id="toggle" method="post" action="${email2fa.action}" ${email2fa.toggleHidden}>
    <input type="hidden" name="csrf" value="${email2fa.csrf}">
    <input type="hidden" name="action" value="${email2fa.toggle}">
    <button type="submit">${email2fa.toggleLabel}</button>
  </form>

  <section id="app">${email2fa.app}</section>

  <section id="passkey">${email2fa.passkeys}</section>

  <h2>${email2fa.backupTitle}</h2>
  <div id="new-codes" ${email2fa.newCodesHidden}>
    <p><strong>${email2fa.newCodesText}</strong></p>
    <ul class="codes" dir="ltr">${email2fa.newCodes}</ul>
  </div>
  <p id="backup-remaining">${email2fa.backupRemaining}</p>
  <form id="regenerate" method="post" action="${email2fa.action}">
    <input type="hidden" name="csrf" value="${email2fa.csrf}">
    <input type="hidden" name="action" value="regenerate">
    <button type="submit">${email2fa.backupRegenerate}</button>
  </form>

  <h2>${email2fa.devicesTitle}</h2>
  <div id="devices">${email2fa.devices}</div>
  <form id="forget-all" method="post" action="${email2fa.action}">
    <input type="hidden" name="csrf" value="${email2fa.csrf}">
    <input type="hidden" name="action" value="forgetAll">
    <button type="submit">${email2fa.forgetAll}</button>
  </form>

  <h2>${email2fa.sessionsTitle}</h2>
  <p>${email2fa.sessionsText}</p>
  <form id="end-other-sessions" method="post" action="${email2fa.action}">
    <input type="hidden" name="csrf" value="${email2fa.csrf}">
    <input type="hidden" name="action" value="endOtherSessions">
    <button type="submit">${email2fa.endOtherSessions}</button>
  </form>
  <p><a href="${email2fa.backHref}">${email2fa.back}</a></p>
</main>
</body>
</html>
