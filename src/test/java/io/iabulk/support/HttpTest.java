package io.iabulk.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An integration test that talks to the running service over HTTP, as a visitor and as an admin. */
@IntegrationTest
public abstract class HttpTest {

    @LocalServerPort
    protected int port;

    /** A client without credentials. */
    protected Api api;

    /** A client sending the admin API key. */
    protected Api admin;

    @BeforeEach
    void httpClients() {
        api = Api.at(port);
        admin = api.admin();
    }
}
