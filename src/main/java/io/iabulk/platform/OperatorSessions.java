package io.iabulk.platform;

import java.util.Optional;

/**
 * The seam through which the edge finds the operator of a console session: the platform checks
 * every request and depends on no module, so the module that owns operator accounts implements
 * this. Without an implementation no session is ever valid (the API keeps working with keys).
 */
public interface OperatorSessions {

    /** The name of the session cookie. */
    String COOKIE = "iab_session";

    /**
     * The operator signed in with this session token, when the session exists, has not expired and
     * the operator is still enabled. Called on every console request: it must be cheap.
     */
    Optional<Operator> find(String sessionToken);
}
