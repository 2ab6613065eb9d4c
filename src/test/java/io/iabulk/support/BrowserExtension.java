package io.iabulk.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a test class only where Chromium is installed (failing with {@code CI=true} when it is not)
 * and hands its tests one {@link Browser}, started on first use and closed when the class is done.
 */
class BrowserExtension implements ExecutionCondition, ParameterResolver {

    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Browser.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = Browser.missing();
        if (missing == null) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
        }
        if (CI) {
            throw new IllegalStateException(missing);
        }
        return ConditionEvaluationResult.disabled(missing);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // kept in the class's store, which closes it (AutoCloseable) after the class's last test
        ExtensionContext testClass =
                context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
        return testClass.getStore(NAMESPACE).computeIfAbsent(Browser.class, key -> started(), Browser.class);
    }

    private static Browser started() {
        Browser browser = Browser.start();
        System.out.println("Chromium started in " + browser.startTime().toMillis() + " ms");
        return browser;
    }
}
