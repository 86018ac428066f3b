// Chromium's sandbox check from injected facts: root, AppArmor's user-namespace restriction, the setuid helper.
import { describe, expect, it } from 'vitest';
import { readSandboxFacts, sandboxBlocker, type SandboxFacts } from './sandbox-check';

const HELPER = '/home/ada/nnwb/node_modules/electron/dist/chrome-sandbox';
const ubuntu: SandboxFacts = {
  platform: 'linux',
  uid: 1000,
  apparmorRestrictsUserns: '1\n',
  usernsClone: null,
  chromeSandbox: { path: HELPER, uid: 1000, mode: 0o100755 },
  apparmorProfile: false,
};

describe('sandboxBlocker', () => {
  it('refuses root, saying to start as a regular user', () => {
    expect(sandboxBlocker({ ...ubuntu, uid: 0 })).toBe("Chromium's sandbox refuses to run as root: start NN Workbench as a regular user");
    expect(sandboxBlocker({ ...ubuntu, uid: 0, apparmorRestrictsUserns: '0\n' })).toMatch(/as root/);
  });

  it('refuses AppArmor-restricted namespaces without a setuid helper, with the one command that fixes it', () => {
    const why = sandboxBlocker(ubuntu)!;
    expect(why).toBe(
      "Chromium's sandbox cannot start: AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1) " +
        `and ${HELPER} is not setuid root; allow it once with \`sudo chown root:root ${HELPER} && sudo chmod 4755 ${HELPER}\``,
    );
    expect(why).not.toContain('\n');
    // Setuid but owned by the user is no better; a missing helper neither.
    expect(sandboxBlocker({ ...ubuntu, chromeSandbox: { path: HELPER, uid: 1000, mode: 0o104755 } })).toMatch(/not setuid root/);
    expect(sandboxBlocker({ ...ubuntu, chromeSandbox: { path: HELPER, missing: true } })).toMatch(/not setuid root/);
  });

  it('lets it start with a setuid-root helper, namespaces allowed, or an AppArmor profile for the binary', () => {
    expect(sandboxBlocker({ ...ubuntu, chromeSandbox: { path: HELPER, uid: 0, mode: 0o104755 } })).toBeNull();
    expect(sandboxBlocker({ ...ubuntu, apparmorRestrictsUserns: '0\n' })).toBeNull();
    expect(sandboxBlocker({ ...ubuntu, apparmorRestrictsUserns: null })).toBeNull();
    expect(sandboxBlocker({ ...ubuntu, apparmorProfile: true })).toBeNull();
  });

  it("refuses a kernel with user namespaces switched off (Debian's older sysctl)", () => {
    expect(sandboxBlocker({ ...ubuntu, apparmorRestrictsUserns: null, usernsClone: '0\n' })).toMatch(/kernel\.unprivileged_userns_clone = 0/);
    expect(sandboxBlocker({ ...ubuntu, apparmorRestrictsUserns: null, usernsClone: '1\n' })).toBeNull();
  });

  it('has nothing to say off Linux', () => {
    expect(sandboxBlocker({ ...ubuntu, platform: 'darwin', uid: 0 })).toBeNull();
    expect(sandboxBlocker({ ...ubuntu, platform: 'win32', uid: undefined })).toBeNull();
  });
});

describe('readSandboxFacts', () => {
  it("reads this machine's facts for a binary: the helper beside it, missing here", () => {
    const facts = readSandboxFacts('/nonexistent/electron/dist/electron');
    expect(facts).toMatchObject({
      platform: process.platform,
      uid: process.geteuid?.(),
      chromeSandbox: { path: '/nonexistent/electron/dist/chrome-sandbox', missing: true },
    });
    expect(facts.apparmorProfile).toBe(false);
  });
});
