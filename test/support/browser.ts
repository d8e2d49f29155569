/**
 * Debian's Chromium for the browser tests (issue #9): never a downloaded browser build. Flags as the
 * machine notes give them: no sandbox (root), no GPU, and nothing that reaches out to the network.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
