package io.iabulk.accounts;

import io.iabulk.platform.DomainException;

/** A sign-in that did not succeed, with what to tell the person (never which part was wrong). */
public class SignInRefusedException extends DomainException {

    SignInRefusedException(String code, String message) {
        super(code, message);
    }
}
