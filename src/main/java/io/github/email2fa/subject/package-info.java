/**
 * Who is logged in ({@link io.github.email2fa.subject.SubjectResolver}) and where their codes go
 * ({@link io.github.email2fa.subject.EmailResolver}).
 */
package io.github.email2fa.subject;
