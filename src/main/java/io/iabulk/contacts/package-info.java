/**
 * People: email addresses and their normalised form, names, status and the suppression list.
 * Contest participants and campaign recipients are contacts.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contacts", allowedDependencies = "platform")
package io.iabulk.contacts;
