package io.iabulk.campaigns.templates;

/**
 * A variable reference that resolved to nothing in an inspected render (a preview).
 *
 * @param part {@code subject}, {@code html} or {@code text}
 * @param name the reference as the template wrote it ({@code company}, {@code attributes.plan})
 * @param plain whether it was written as a variable ({@code {{name}}}, {@code {{{name}}}}); false
 *     when it was only a helper's parameter or a block's value ({@code {{default name "x"}}},
 *     {@code {{#if name}}}), which the template already handles when it is empty
 * @param nested whether it was looked up inside an {@code {{#each}}} or {@code {{#with}}} block,
 *     where it may name a field of the current element rather than a variable of the model
 */
public record UnresolvedVariable(String part, String name, boolean plain, boolean nested) {}
