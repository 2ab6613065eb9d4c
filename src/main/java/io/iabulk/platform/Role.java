package io.iabulk.platform;

/**
 * What an operator may do, each role including the ones before it. The edge decides by the handler:
 * reading needs {@link #VIEWER}, changing anything needs {@link #EDITOR}, and a handler marked
 * {@link RequiresRole} asks for more (accounts and API keys need {@link #OWNER}). An admin API key
 * acts as an owner.
 */
public enum Role {
    /** Reads everything, changes nothing. */
    VIEWER,
    /** Runs contests, contacts, templates, campaigns and models: everything but accounts and keys. */
    EDITOR,
    /** Everything, including operator accounts and API keys. */
    OWNER;

    /** Whether this role may do what {@code needed} may. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }
}
