<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%-- The model is io.github.email2fa.web.MessageView; every value is already HTML-escaped. --%>
<!DOCTYPE html>
<html lang="${email2fa.lang}" dir="${email2fa.dir}">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${email2fa.title}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; background: #f4f5f7; color: #1d1f23; margin: 0; }
  main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  a.primary { display: block; text-align: center; padding: .6rem 1rem; margin-top: 1rem; border-radius: 4px; background: #1a56db; color: #fff; text-decoration: none; }
  @media (max-width: 30rem) { main { margin: 0; padding: 1.25rem 1rem; border-radius: 0; box-shadow: none; } }
</style>
</head>
<body>
<main>
  <h1>${email2fa.title}</h1>
  <p id="message" ${email2fa.alertRole}>${email2fa.text}</p>
  <a id="continue" class="primary" href="${email2fa.continueHref}">${email2fa.continueLabel}</a>
</main>
</body>
</html>
