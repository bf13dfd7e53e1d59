/**
 * Remembered devices: a browser that passed the second factor may skip it for a while.
 *
 * <p>{@link io.github.email2fa.device.RememberedDevices} remembers, recognises (rotating the token on
 * every use), lists and forgets devices, on top of the
 * {@link io.github.email2fa.account.AccountStore}. {@link io.github.email2fa.device.DeviceCookie}
 * writes and reads the cookie that carries the token; {@link io.github.email2fa.device.DeviceToken}
 * makes tokens and their hashes; {@link io.github.email2fa.device.UserAgentSummary} names the browser
 * for the user's device list. Only token hashes are stored.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.device;
