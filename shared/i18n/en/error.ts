/** English catalogue, domain `error` (see ../README.md). Keys are shared with ../ko/error.ts. */
export const error = {
  error: {
    /** Parsing a target typed by the user (shared/target.ts). */
    target: {
      portInvalid: 'invalid port "{{text}}"',
      portRange: 'port {{port}} is out of range (1-65535)',
      hostInvalid: 'invalid host "{{text}}"',
      missing: 'missing HOST:PORT',
      missingHost: 'missing host',
      noHost: 'no host in "{{text}}"',
      bracket: 'invalid target "{{text}}": missing "]"',
      missingPortV6: 'missing port in "{{text}}" (use [addr]:port)',
      invalid: 'invalid target "{{text}}"',
      ipv6Invalid: 'invalid IPv6 address "{{text}}"',
      bareIpv6: 'bare IPv6 address "{{text}}": write it as [addr]:port',
      missingPortHost: 'missing port in "{{text}}" (use HOST:PORT)',
      missingPort: 'missing port in "{{text}}"',
    },
    /** A file the user names (key, known_hosts, SSH config, pasted output) that was not read. */
    file: {
      missing: '{{path}}: no such file',
      unreadable: '{{path}}: cannot be read ({{code}})',
      notRegular: '{{path}}: not a regular file',
      tooLarge: '{{path}}: larger than {{size}}',
    },
    /** SSH session failures (electron/engine/exec). */
    ssh: {
      destUser: 'invalid user name in SSH destination {{dest}}',
      destPort: 'invalid port in SSH destination {{dest}}: {{port}}',
      destIpv6: 'invalid IPv6 address in SSH destination {{dest}}',
      destHost: 'invalid host in SSH destination {{dest}}',
      authFailed: 'authentication to {{label}} failed (no key or password was accepted)',
      noCredentials:
        'no credentials for {{label}}: give a key file, start ssh-agent or give a password',
      timeout: 'no answer from {{label}} (SSH connection timed out)',
      dns: 'cannot resolve the SSH host of {{label}} ({{code}})',
      refused:
        'SSH connection to {{label}} refused (nothing listens on that port or a firewall rejects it)',
      unreachable: '{{label}} is unreachable ({{code}})',
      lost: 'SSH connection to {{label}} failed: {{detail}}',
      hostKeyUnknown:
        'unknown host key for {{label}}: {{keyType}} {{fingerprint}}; not in {{knownHosts}} (accept it with --accept-new after checking the fingerprint)',
      hostKeyChanged:
        'HOST KEY CHANGED for {{label}}: the server offers {{keyType}} {{fingerprint}} but {{knownHosts}}:{{line}} knows {{known}}; refusing to connect (possible man-in-the-middle; remove the old key only if the change is expected)',
      hostKeyRevoked:
        'the host key of {{label}} ({{keyType}} {{fingerprint}}) is marked @revoked in {{knownHosts}}:{{line}}',
      hostKeyRecord: 'cannot record the host key: {{detail}}',
      knownHostsUnreadable: 'cannot read {{file}}: {{code}}',
      keyNoPassphrase: 'the key {{file}} is protected by a passphrase and none was given',
      keyWrongPassphrase: 'wrong passphrase for the key {{file}}',
      keyUnusable: '{{file}} is not a private key ssh2 can use ({{detail}})',
      /** `$t({{fileId}})`: an `error.file.*` message nested with its params. */
      configUnreadable: 'cannot read SSH config $t({{fileId}})',
      configParse: 'cannot parse SSH config {{file}}: {{detail}}',
      configPort: 'invalid port in {{file}}: {{port}}',
      configHostName: 'invalid HostName for {{alias}} in {{file}}',
      configUser: 'invalid User for {{alias}} in {{file}}',
      proxyJumpHops: 'ProxyJump with several hops is not supported ({{alias}} in {{file}})',
      proxyJumpChain: 'ProxyJump chains are not supported ({{jump}})',
    },
  },
};
