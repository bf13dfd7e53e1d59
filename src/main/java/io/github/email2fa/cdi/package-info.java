/** The optional bridge to CDI: the only package that imports {@code jakarta.enterprise}. */
package io.github.email2fa.cdi;
