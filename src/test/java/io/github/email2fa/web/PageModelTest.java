package io.github.email2fa.web;

import io.github.email2fa.account.StoredPasskey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.RememberedDevice;
import io.github.email2fa.totp.AuthenticatorApps;
import io.github.email2fa.device.DeviceToken;
import io.github.email2fa.text.Html;
import io.github.email2fa.text.Messages;
import jakarta.el.ELException;
import jakarta.el.ExpressionFactory;
import jakarta.el.StandardELContext;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.el.ExpressionFactoryImpl;
import org.junit.jupiter.api.Test;

/**
 * Every expression in every JSP the JAR ships must resolve, under Apache EL, to a property of
 * that page's model, and every property of a model must be used by its page: a renamed or dead
 * property fails here, not as an empty spot on a live page. The models' values must come out
 * HTML-escaped.
 */
class PageModelTest {

    private static final Pattern MODEL_PROPERTY = Pattern.compile("\\b" + PageView.ATTRIBUTE + "\\.([A-Za-z_$][A-Za-z0-9_$]*)");
    private static final Messages ENGLISH = Messages.forLocale(Locale.ENGLISH);
    private static final String HOSTILE = "<script>alert('x')</script>\"";

    /** One model per shipped page, with values that switch every optional part on. */
    private static final Map<String, PageView> MODELS = Map.of(
            "challenge.jsp", new ChallengeView(ENGLISH, "csrf-token", "/shop", Html.text(HOSTILE), Html.text(HOSTILE), true,
                    new ChallengePage.Ways(true, true, true, false), true, 6, null, true, 30),
            "settings.jsp", new SettingsView(ENGLISH, "csrf-token", "/shop", "a•••@example.com", true, false, "settings.done",
                    List.of("abcde-fghij"), 9, List.of(device()), new AppSection(AuthenticatorApps.Availability.AVAILABLE, null,
                            new AuthenticatorApps.Enrolment("ABCD EFGH", "otpauth://totp/" + HOSTILE), null,
                            "settings.app.wrongCode", 6),
                    new PasskeySection(true, List.of(new StoredPasskey("alice", "AAAA", "AAAA", 0, Set.of("usb"), HOSTILE,
                            Instant.parse("2025-03-01T09:00:00Z"), Instant.parse("2025-03-02T08:00:00Z"))), "settings.passkey.refused"),
                    Instant.parse("2025-03-02T09:00:00Z")),
            "recommend.jsp", new RecommendationView(ENGLISH, "csrf-token", "/shop"),
            "message.jsp", new MessageView(ENGLISH, true, "backupUsed.title", HOSTILE, "backupUsed.continue", "/shop/account?a=1&b=2"));

    private static RememberedDevice device() {
        Instant at = Instant.parse("2025-03-01T09:00:00Z");
        return new RememberedDevice("device-1", "alice", DeviceToken.hash("A".repeat(43)).orElseThrow(), HOSTILE, at, at,
                at.plusSeconds(86_400), 0);
    }

    @Test
    void everyShippedJspWhenListedThenHasAModel() throws Exception {
        List<String> pages = JspExpressionTest.shippedJsps().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(new TreeSet<>(MODELS.keySet()), new TreeSet<>(pages), "each page the JAR ships has a model here");
    }

    @Test
    void everyExpressionWhenEvaluatedAgainstItsModelThenResolvesToText() throws Exception {
        ExpressionFactory factory = new ExpressionFactoryImpl();
        List<String> problems = new ArrayList<>();
        int evaluated = 0;
        for (Path page : JspExpressionTest.shippedJsps()) {
            PageView model = MODELS.get(page.getFileName().toString());
            StandardELContext context = new StandardELContext(factory);
            context.getVariableMapper().setVariable(PageView.ATTRIBUTE, factory.createValueExpression(model, PageView.class));
            for (String expression : JspExpressionTest.expressions(Files.readString(page, StandardCharsets.UTF_8))) {
                try {
                    Object value = factory.createValueExpression(context, expression, Object.class).getValue(context);
                    assertInstanceOf(String.class, value, page.getFileName() + ": " + expression);
                    evaluated++;
                } catch (ELException e) {
                    problems.add(page.getFileName() + ": " + expression + " -> " + e.getMessage());
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(evaluated > 50, "expressions evaluated: " + evaluated);
    }

    @Test
    void everyModelPropertyWhenListedThenItsPageUsesIt() throws Exception {
        List<String> unused = new ArrayList<>();
        for (Path page : JspExpressionTest.shippedJsps()) {
            PageView model = MODELS.get(page.getFileName().toString());
            String jsp = Files.readString(page, StandardCharsets.UTF_8);
            TreeSet<String> used = new TreeSet<>();
            Matcher matcher = MODEL_PROPERTY.matcher(jsp);
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
            for (String property : properties(model.getClass())) {
                if (!used.contains(property)) {
                    unused.add(page.getFileName() + " never shows " + model.getClass().getSimpleName() + "." + property);
                }
            }
        }
        assertTrue(unused.isEmpty(), String.join("\n", unused));
    }

    @Test
    void modelsWhenValuesHoldMarkupThenEveryPropertyComesOutEscaped() throws Exception {
        for (PageView model : MODELS.values()) {
            for (PropertyDescriptor property : Introspector.getBeanInfo(model.getClass(), Object.class).getPropertyDescriptors()) {
                String value = (String) property.getReadMethod().invoke(model);
                assertFalse(value.contains("<script"), model.getClass().getSimpleName() + "." + property.getName() + ": " + value);
                assertFalse(value.contains("'x'"), model.getClass().getSimpleName() + "." + property.getName() + ": " + value);
            }
        }
        assertEquals("/shop/account?a=1&amp;b=2", ((MessageView) MODELS.get("message.jsp")).getContinueHref());
    }

    @Test
    void dirWhenLanguageWrittenRightToLeftThenRtlElseLtr() {
        assertEquals("rtl", new RecommendationView(Messages.forLocale(Locale.forLanguageTag("ar")), "csrf-token", "/shop").getDir());
        assertEquals("ltr", MODELS.get("recommend.jsp").getDir());
    }

    private static List<String> properties(Class<?> model) throws IntrospectionException {
        return Stream.of(Introspector.getBeanInfo(model, Object.class).getPropertyDescriptors()).map(PropertyDescriptor::getName).toList();
    }
}
