// `npm test`: the whole suite. As root with apt it first installs the system packages the
// lab and e2e tests need; otherwise those tests skip themselves and say what to install.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';

/** Debian packages the lab (real hosts in netns) and the e2e tests (real Chromium) use. */
export const SYSTEM_PACKAGES = [
  'iproute2',
  'openssh-server',
  'openssh-client',
  'sudo',
  'iptables',
  'nftables',
  'ufw',
  'tcpdump',
  'systemd',
  'procps',
  'python3',
  'chromium',
  'fonts-noto-cjk',
  'xvfb',
  'nmap',
  'nginx',
  'redis-server',
  'postgresql',
  'mariadb-server',
  'apache2',
  'supervisor',
  'runit',
  'fail2ban',
];

function run(cmd, args, opts = {}) {
  const label = [cmd, ...args].join(' ');
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`✖ ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

function missingPackages() {
  return SYSTEM_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return !(r.stdout ?? '').includes('install ok installed');
  });
}

const isRoot = process.getuid?.() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  const missing = missingPackages();
  if (missing.length > 0) {
    console.log(`Installing system packages for the lab and e2e tests: ${missing.join(' ')}`);
    run('apt-get', ['update', '-qq']);
    // The services installed for the lab (nginx, PostgreSQL, …) must not start on this
    // machine: the lab runs them in its own namespaces. Debian's policy-rc.d says so.
    const policy = '/usr/sbin/policy-rc.d';
    const ownPolicy = !existsSync(policy);
    if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    const install = ['install', '-y', '-qq', '--no-install-recommends', ...missing];
    console.log(`\n▶ apt-get ${install.join(' ')}`);
    const r = spawnSync('apt-get', install, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (ownPolicy) rmSync(policy, { force: true });
    if (r.status !== 0) {
      console.error(`✖ apt-get install failed (exit ${r.status ?? r.signal})`);
      process.exit(r.status ?? 1);
    }
  }
} else {
  console.log(
    `Not root with apt: lab and e2e tests skip unless these are installed: ${SYSTEM_PACKAGES.join(' ')}`,
  );
}

run('npm', ['run', '-s', 'format:check']);
run('npm', ['run', '-s', 'typecheck']);
run('npm', ['run', '-s', 'lint']);
run('npm', ['run', '-s', 'build']);
run('npx', ['vitest', 'run']);
run('npx', ['playwright', 'test']);
