/** English catalogue, domain `fix` (see ../README.md). Keys are shared with ../ko/fix.ts. */
export const fix = {
  fix: {
    /** What a plan does (`fix.description`). */
    plan: {
      serviceStart: 'Start {{unit}} now (it stays as it is at boot)',
      serviceEnable: 'Start {{unit}} now and at every boot',
      serviceRestart: 'Restart {{unit}}',
      deleteRule: 'Delete the blocking firewall rule {{rule}} (until the rules are reloaded)',
      insertAccept:
        'Accept TCP port {{port}} before the blocking rule {{rule}} (until the rules are reloaded)',
      ufwDelete: 'Delete the ufw rule “{{rule}}”',
      ufwReplace: 'Replace the ufw rule “{{rule}}” with an allow of {{to}}',
      ufwAllow: 'Allow {{port}}/tcp in ufw, ahead of its other rules',
      firewalldAddPort: 'Open {{port}}/tcp in firewalld until the next reload',
      firewalldAddPortPermanent: 'Open {{port}}/tcp in firewalld permanently',
      fail2banUnban: 'Unban {{address}} from the fail2ban jail {{jail}}',
      linkUp: 'Bring interface {{iface}} up (until the next reboot or network restart)',
      addressAdd: 'Add {{address}} to {{iface}} (host prefix; until the next reboot)',
      configEdit:
        'Edit {{path}} as the diff shows (a backup is kept), check it and restart {{unit}}',
      configMove:
        'Move {{unit}} from port {{from}} to port {{to}}: edit {{path}} as the diff shows (a backup is kept), check it and restart {{unit}}',
      unitDropInEnv:
        'Add the drop-in {{path}} (the diff shows it) that sets {{name}} again for {{unit}}, with the same options listening on every address, then reload systemd and restart {{unit}}',
      unitDropIn:
        'Add the drop-in {{path}} (the diff shows it) that gives {{unit}} the same command line listening on every address, then reload systemd and restart {{unit}}',
    },
    /** What could go wrong (`fix.risk`). */
    risk: {
      serviceStart:
        'Low: {{unit}} starts with its current configuration; if it fails, its log says why.',
      serviceRestart: 'Connections to {{unit}} drop for a moment while it restarts.',
      deleteRule:
        'The traffic that rule blocked is let through; it comes back when the rules are reloaded, unless you save them.',
      insertAccept: 'Port {{port}} becomes reachable for every source the firewall lets in.',
      unban: '{{address}} may be banned again if it keeps failing to log in.',
      notPersistent: 'Low: the change is lost at the next reboot or network restart.',
      configEdit:
        '{{unit}} restarts (connections drop for a moment) and listens on every address of the server: anyone the firewall lets in can reach it. A check or restart that fails puts {{path}} back.',
      configEditRedis:
        '{{unit}} restarts (connections drop for a moment) and listens on every address. Redis protected mode stays on: while the default user has no password, clients from other machines get a DENIED error until you set one (requirepass or an ACL user). Anyone the firewall lets in can reach the port. A failed restart puts {{path}} back.',
      configEditSshd:
        'sshd also listens on the added address; its other listeners stay. {{unit}} restarts (open SSH sessions stay). Over SSH the dead-man switch puts {{path}} back and restarts {{unit}} unless the change is verified in time. Anyone the firewall lets in can reach the port and try to log in.',
      configEditPostgresql:
        "{{unit}} restarts (open connections are closed) and listens on every address. A TCP connection is not a login: pg_hba.conf still decides who may log in, and Debian's allows only local connections — clients from other machines get “no pg_hba.conf entry” until you add a host line for them. A failed check or restart puts {{path}} back.",
      configEditMariadb:
        "{{unit}} restarts (open connections are closed) and listens on every address. A TCP connection is not a login: MariaDB accounts are per host ('user'@'localhost'), and Debian's root logs in only through the local socket — clients from other machines need an account for their host (CREATE USER … @'%'). A failed check or restart puts {{path}} back.",
      configMove:
        '{{unit}} restarts (connections drop for a moment) and then listens on port {{to}} instead of {{from}}: whatever still connects to port {{from}} (clients, links, health checks, firewall rules made for it) stops reaching it until it is changed too. A check or restart that fails puts {{path}} back; undo moves it back.',
      unitDropIn:
        '{{unit}} restarts (connections drop for a moment) and listens on every address of the server: anyone the firewall lets in can reach it. A restart that fails removes {{path}} again. Undo removes {{path}}.',
      unitDropInMariadb:
        "{{unit}} restarts (open connections are closed) and listens on every address. A TCP connection is not a login: MariaDB accounts are per host ('user'@'localhost') — clients from other machines need an account for their host (CREATE USER … @'%'). A restart that fails removes {{path}} again. Undo removes {{path}}.",
      unitDropInRedis:
        '{{unit}} restarts (connections drop for a moment) and listens on every address. Redis protected mode stays on: while the default user has no password, clients from other machines get a DENIED error until you set one (requirepass or an ACL user). Anyone the firewall lets in can reach the port. A restart that fails removes {{path}} again. Undo removes {{path}}.',
    },
  },
};
