/**
 * Sign-in steps: sending and checking codes behind every limit, with audit events
 * ({@link io.github.email2fa.signin.SignInService}).
 */
package io.github.email2fa.signin;
