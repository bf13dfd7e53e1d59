<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%-- The model is io.github.email2fa.web.RecommendationView; every value is already HTML-escaped. --%>
<!DOCTYPE html>
<html lang="${email2fa.lang}" dir="${email2fa.dir}">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${email2fa.title}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; background: #f4f5f7; color: #1d1f23; margin: 0; }
  main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  a.primary, button { display: block; box-sizing: border-box; width: 100%; text-align: center; font-size: 1rem; padding: .6rem 1rem; margin-top: .8rem; border-radius: 4px; cursor: pointer; }
  a.primary { background: #1a56db; color: #fff; text-decoration: none; }
  button { background: none; border: 1px solid #c5c9d0; }
  @media (max-width: 30rem) { main { margin: 0; padding: 1.25rem 1rem; border-radius: 0; box-shadow: none; } }
  button[aria-disabled=true] { opacity: .6; cursor: progress; }
</style>
<script src="${email2fa.submitOnceScript}" defer></script>
</head>
<body>
<main>
  <h1>${email2fa.title}</h1>
  <p>${email2fa.text}</p>
  <a id="set-up" class="primary" href="${email2fa.setUpAction}">${email2fa.setUp}</a>
  <form id="skip" method="post" action="${email2fa.skipAction}">
    <input type="hidden" name="csrf" value="${email2fa.csrf}">
    <button type="submit">${email2fa.skip}</button>
  </form>
</main>
</body>
</html>
