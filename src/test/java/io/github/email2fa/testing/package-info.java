/**
 * Test doubles shared by the unit tests and the benchmarks: servlet requests, responses and
 * sessions that behave as a container's do and record what the code under test did with them,
 * and a clock that moves only when a test says so. Nothing here starts a container; {@link
 * io.github.email2fa.testing.TwoMemberGrid} starts a data grid of two Hazelcast members in the test JVM.
 */
package io.github.email2fa.testing;
