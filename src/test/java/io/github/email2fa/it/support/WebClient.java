package io.github.email2fa.it.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One browser-like HTTP session against the deployed application: its own cookies, no automatic redirects. */
public final class WebClient {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies;
    private final HttpClient http;
    private String acceptLanguage = "en";

    /**
     * @param base the application's root URL, ending in a slash
     */
    public WebClient(URL base) {
        this(base, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
    }

    private WebClient(URL base, CookieManager cookies) {
        this.cookies = cookies;
        String text = base.toString();
        this.base = text.endsWith("/") ? text : text + "/";
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10));
        if (this.base.startsWith("https:")) {
            builder.sslContext(TrustAll.context());
        }
        this.http = builder.build();
    }

    /**
     * The same browser sent to another server, as a load balancer without sticky sessions would:
     * both clients share one cookie jar, so a session cookie either server sets (a renewed ID too)
     * goes to both. Cookies are bound to the host, not the port, so servers on 127.0.0.1 on two
     * ports see the same cookies.
     *
     * @param otherBase the application's root URL on the other server
     */
    public WebClient on(URL otherBase) {
        return new WebClient(otherBase, cookies).language(acceptLanguage);
    }

    /** Sends {@code Accept-Language} with every request from now on. */
    public WebClient language(String tag) {
        this.acceptLanguage = tag;
        return this;
    }

    /** The absolute URL of a path below the application root; {@code path} is appended verbatim. */
    public String url(String path) {
        return base + (path.startsWith("/") ? path.substring(1) : path);
    }

    /** The application's context path, e.g. {@code /flow}. */
    public String contextPath() {
        String path = URI.create(base).getPath();
        return path.substring(0, path.length() - 1);
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<String> method(String method, String path, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
        return send(postRequest(path, form, headers));
    }

    /** Sends a form without waiting, for parallel submissions. */
    public CompletableFuture<HttpResponse<String>> postAsync(String path, Map<String, String> form) {
        return http.sendAsync(postRequest(path, form), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in through the example's legacy login servlet. */
    public WebClient login(String user) {
        HttpResponse<String> response = post("login", Map.of("username", user, "password", user));
        if (response.statusCode() != 302) {
            throw new AssertionError("login as " + user + " failed: " + response.statusCode());
        }
        return this;
    }

    /** The CSRF token of the module's pages in this session (taken from the challenge page). */
    public String csrf() {
        return csrfOf(get("email2fa/challenge").body());
    }

    /** Submits a code on the challenge page. */
    public HttpResponse<String> submitCode(String code) {
        return post("email2fa/verify", form("csrf", csrf(), "code", code));
    }

    /** The value of the session cookie, or {@code null}. */
    public String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** The value of a cookie this client holds, or {@code null}. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** The value a response's {@code Set-Cookie} gives the named cookie, or {@code null}. */
    public static String setCookieValue(HttpResponse<?> response, String name) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            for (HttpCookie cookie : HttpCookie.parse(header)) {
                if (cookie.getName().equals(name)) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /**
     * The whole {@code Set-Cookie} header a response gives the named cookie, attributes included
     * (which {@link HttpCookie} drops, {@code SameSite} among them), or {@code null}.
     */
    public static String setCookieHeader(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(header -> header.startsWith(name + "="))
                .findFirst().orElse(null);
    }

    /** Gives this client a cookie, as if an earlier visit had set it. */
    public void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), cookie);
    }

    /**
     * Gives this client a cookie as the server would have set it ({@code Path=/}, no
     * {@code Domain}, so bound to this host): a later {@code Set-Cookie} of the same name
     * replaces it, and {@link #cookie(String)} then returns the new value.
     */
    public void setHostCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookie.setDomain(URI.create(base).getHost());
        cookies.getCookieStore().add(URI.create(base), cookie);
    }

    /** The path a redirect response points to, resolved against its request. */
    public static String locationPath(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
        URI resolved = response.uri().resolve(location);
        return resolved.getRawQuery() == null ? resolved.getRawPath() : resolved.getRawPath() + "?" + resolved.getRawQuery();
    }

    public static String csrfOf(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token in page:\n" + html);
        }
        return matcher.group(1);
    }

    public static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private HttpRequest postRequest(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Accept-Language", acceptLanguage);
        boolean accept = false;
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
            accept |= headers[i].equalsIgnoreCase("Accept");
        }
        if (!accept) {
            builder.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
