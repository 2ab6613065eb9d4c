package io.iabulk.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.servlet.ModelAndView;

/** The failures no integration test can provoke on demand: a bug on our side, a framework error. */
class PageErrorAdviceTest {

    private final PageErrorAdvice advice = new PageErrorAdvice();
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/p/abc");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void anUnexpectedFailureIsA500PageWithTheRequestIdToQuote() {
        response.setHeader("X-Request-ID", "req-123");

        ModelAndView page = advice.unexpected(new IllegalStateException("boom"), request, response);

        assertThat(page.getViewName()).isEqualTo("dashboard/error");
        assertThat(page.getStatus()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        ErrorPage error = (ErrorPage) page.getModel().get("page");
        assertThat(error.heading()).isEqualTo("Something went wrong on our side");
        assertThat(error.reference()).isEqualTo("req-123");
        assertThat(error.message()).doesNotContain("boom");
    }

    @Test
    void theFrameworksRequestErrorsKeepTheirClientStatus() {
        ModelAndView missing =
                advice.unexpected(new MissingServletRequestParameterException("joined", "String"), request, response);
        ModelAndView mismatch = advice.unexpected(new TypeMismatchException("x", Integer.class), request, response);

        assertThat(missing.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(mismatch.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(((ErrorPage) missing.getModel().get("page")).reference()).isNull();
    }
}
