package io.iabulk.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test of the whole service on a random port, against the real PostgreSQL, Redis and a real
 * SMTP server (GreenMail), with a clock tests can step ({@link MutableClock}) and the events
 * published recorded ({@link RecordedEvents}).
 */
@Target(ElementType.TYPE)
@java.lang.annotation.Inherited
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ServicesExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@Import(IntegrationTestBeans.class)
public @interface IntegrationTest {}
