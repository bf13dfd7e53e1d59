/** Support tooling: the Java API for unlocking accounts and checking mail, used by the admin servlet. */
package io.github.email2fa.support;
