package io.iabulk.campaigns;

import io.iabulk.platform.DomainException;

/** A template that compiles but fails while rendering (a missing helper, a missing partial): 400. */
public class TemplateRenderException extends DomainException {

    public TemplateRenderException(String message) {
        super("template-render-failed", message);
    }
}
