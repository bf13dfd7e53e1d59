package io.github.email2fa.it.support;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (the version bundled with Deque's {@code com.deque.html.axe-core:selenium}) on the
 * page a browser shows, with the rules tagged {@code wcag2a}, {@code wcag2aa}, {@code wcag21a} and
 * {@code wcag21aa}: WCAG 2.0 and 2.1, levels A and AA. Best-practice and AAA rules are not run.
 */
public final class AxeAudit {

    /** The rule tags run: WCAG 2.0 and 2.1, levels A and AA. */
    public static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private AxeAudit() {
    }

    /**
     * Fails with one line per violation (rule, impact, help, and the offending elements' selectors)
     * unless axe finds none on the current page.
     *
     * @param page names the page in the failure message, such as {@code "challenge after a wrong code"}
     * @throws AssertionError on any violation, or when axe could not run
     */
    public static void assertNoViolations(WebDriver driver, String page) {
        Results results = new AxeBuilder().withTags(TAGS).analyze(driver);
        if (results.isErrored()) {
            throw new AssertionError("axe could not check " + page + ": " + results.getErrorMessage());
        }
        List<Rule> violations = results.getViolations();
        if (!violations.isEmpty()) {
            StringBuilder report = new StringBuilder("axe found " + violations.size() + " violation(s) on " + page
                    + " (" + driver.getCurrentUrl() + "):");
            for (Rule rule : violations) {
                report.append("\n- ").append(rule.getId()).append(" [").append(rule.getImpact()).append("] ")
                        .append(rule.getHelp()).append(": ");
                report.append(String.join(", ", rule.getNodes().stream().map(AxeAudit::target).toList()));
            }
            throw new AssertionError(report.toString());
        }
    }

    /** The node's CSS selector, and why it failed when axe says. */
    private static String target(CheckedNode node) {
        String selector = String.valueOf(node.getTarget());
        String summary = node.getFailureSummary();
        return summary == null ? selector : selector + " (" + summary.replaceAll("\\s+", " ").strip() + ")";
    }
}
