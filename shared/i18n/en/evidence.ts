/** English catalogue, domain `evidence` (see ../README.md). Keys are shared with ../ko/evidence.ts. */
export const evidence = {
  evidence: {
    /** Where a command ran (nested by kind): this machine, or the server's SSH destination. */
    host: { local: 'this machine', remote: '{{host}}' },
    /** A server-side check without server access. */
    noServerAccess: 'no server access',
    /** Input a probe needs. */
    needsHost: '{{probe}} needs a HOST',
    needsTarget: '{{probe}} needs HOST:PORT',
    cancelled: '{{probe}} was cancelled',
    /** The engine's answer for a server check without access (the summary beside the reason). */
    noServerAccessHint: 'no server access: this check needs SSH or pasted output',
    /** A probe that could not run at all (its error as given). */
    probeFailed: '{{error}}',
    /** Pasted output (manual mode). */
    paste: {
      noParser: 'no parser for pasted output in this build',
      unreadable: 'pasted output of {{probe}} cannot be read by this build',
      notService: 'the pasted output is not one of the service commands',
    },
    /** Why a command could not run. */
    exec: {
      notInstalled: '{{command}} is not installed',
      permissionDenied: 'permission denied running {{command}} (needs root or sudo)',
      sudoPassword: 'sudo needs a password to run {{command}}',
      timeout: '{{command}} timed out',
      aborted: '{{command}} was cancelled',
      error: '{{error}}',
      noneInstalled: 'none of {{commands}} is installed on $t(evidence.host.{{hostKind}})',
    },
    /** A command ran but its output could not be used. */
    command: {
      failed: '{{command}} failed',
      failedWhy: '{{command}} failed: {{error}}',
      noJson: '{{command}} printed no JSON it could read',
      exit: '{{command}} exited with status {{status}}',
      exitWhy: '{{command}} exited with status {{status}}: {{error}}',
      unrecognised: 'unrecognised {{command}} output: {{line}}',
    },
    /** `route` probe. */
    route: {
      noUsableRoute:
        'no usable route to {{destination}}: $t(evidence.route.covers.{{type}}) ({{error}})',
      /** What covers the destination when the route lookup fails (nested by type). */
      covers: {
        unreachable: 'an "unreachable" route covers it',
        prohibit: 'a "prohibit" route covers it',
        blackhole: 'a "blackhole" route covers it',
        none: 'no route matches it',
      },
      noRoutePrinted: '{{command}} printed no route',
      ofType: 'the route to {{destination}} is of type {{type}}',
      local: '{{destination}} is an address of this host (dev {{dev}})',
      via: '{{destination}} is reached via {{via}} on {{dev}}$t(evidence.route.from.{{fromKind}})',
      direct: '{{destination}} is reached directly on {{dev}}$t(evidence.route.from.{{fromKind}})',
      /** The source address, when the kernel names one (nested). */
      from: { src: ' from {{src}}', none: '' },
      needsIp: 'the route check needs an IP address',
      notResolvable: '{{host}} does not resolve, so there is no route to look up',
      needsTarget: 'the route check needs HOST:PORT or an address',
    },
    /** `dns` probe; `hosts` is the matching /etc/hosts lines (data) or empty. */
    dns: {
      resolves: '{{name}} resolves to {{addresses}}{{hosts}}',
      notResolving: '{{name}} does not resolve ({{error}}){{hosts}}',
      notFoundOnServer: '{{name}} does not resolve on the server (not found){{hosts}}',
      noAddressRead: '{{command}} printed no address it could read',
    },
    /** `listeners` probe. */
    listeners: {
      count_one: '{{count}} listening TCP socket$t(evidence.listeners.hidden.{{hidden}})',
      count_other: '{{count}} listening TCP sockets$t(evidence.listeners.hidden.{{hidden}})',
      /** Whether socket owners were hidden (nested). */
      hidden: {
        hidden:
          ' (owners of some sockets not shown: not visible without root, or in another container)',
        none: '',
      },
      nothing: 'nothing listens on TCP port {{port}}',
      nothingOthers: 'nothing listens on TCP port {{port}} (listening: {{others}})',
      on: 'port {{port}} is listening on {{listeners}}$t(evidence.listeners.hidden.{{hidden}})',
      noTool: 'neither ss nor netstat is installed on $t(evidence.host.{{hostKind}})',
    },
    /** `interfaces` probe. */
    interfaces: {
      allUp: '{{total}} interfaces, all up',
      someDown: '{{total}} interfaces; not usable: $t(evidence.interfaces.notUsable.{{notUsable}})',
      /** The interfaces that are not usable, by why (nested). */
      notUsable: {
        down: '{{down}} (down)',
        noCarrier: '{{noCarrier}} (set up, but no carrier)',
        both: '{{down}} (down); {{noCarrier}} (set up, but no carrier)',
      },
      noCarrier:
        'no interface has the address {{address}} (missing, or a NAT address outside this host)',
      onUp: '{{address}} is on {{name}}, which is up',
      onDown:
        '{{address}} is on {{name}} ($t(evidence.interfaces.state.{{state}})): the interface is down',
      /** An interface's state. */
      state: {
        up: 'up',
        down: 'down',
        noCarrier: 'set up, but link {{operState}} (no carrier)',
      },
    },
    /** `service` probe. */
    service: {
      /** What kind of service it is (nested by manager). */
      manager: {
        systemd: 'systemd unit',
        sysv: 'SysV service',
        runit: 'runit service',
        supervisor: 'supervisor program',
        process: 'process',
        none: 'service',
      },
      running:
        '{{name}} ($t(evidence.service.manager.{{manager}})) is running{{sub}}$t(evidence.service.pid.{{pidKind}})$t(evidence.service.ports.{{portsKind}})',
      pid: { pid: ', main pid {{mainPid}}', none: '' },
      ports: {
        on: '; listens on {{ports}}',
        notOn: '; listens on {{ports}}, not on {{port}}',
        noTcp: '; listens on no TCP port',
        none: '',
      },
      stopped:
        '{{name}} ($t(evidence.service.manager.{{manager}})) is stopped{{sub}}$t(evidence.service.note.{{noteKind}})$t(evidence.service.log.{{logKind}})',
      failed:
        '{{name}} ($t(evidence.service.manager.{{manager}})) has failed$t(evidence.service.note.{{noteKind}})$t(evidence.service.log.{{logKind}})',
      activating:
        '{{name}} ($t(evidence.service.manager.{{manager}})) is not up yet ({{subState}})$t(evidence.service.note.{{noteKind}})$t(evidence.service.log.{{logKind}})',
      /** The manager's own words (nested). */
      note: { text: '; {{note}}', message: '; $t({{noteId}})', none: '' },
      /** The last log line (nested). */
      log: { text: '; last log: {{lastLog}}', none: '' },
      notFound: 'there is no service named {{name}}',
      notFoundNote: {
        text: 'there is no service named {{name}} ({{note}})',
        message: 'there is no service named {{name}} ($t({{noteId}}))',
      },
      /** Notes of ours on a service (nested as `$t({{noteId}})`). */
      noteNoUnit: 'systemd has no such unit and no process has that name',
      noteOutsideUnit: 'started outside any service unit ({{unit}})',
      noteNoManager: 'not under a service manager',
      /** How a failed systemd unit ended (its Result= and ExecMainStatus=). */
      noteResult: 'result {{unitResult}}',
      noteResultExit: 'result {{unitResult}}, exit status {{exitStatus}}',
      nowhere:
        'systemd is not available; no SysV script, runit or supervisor service and no running process is named {{name}}',
      nowhereWhy:
        '$t({{whyId}}); no SysV script, runit or supervisor service and no running process is named {{name}}',
      /** Why systemd could not tell (nested as `$t({{whyId}})`). */
      showNoState: 'systemctl show gave no unit state',
      showNoStateWhy: 'systemctl show gave no unit state: {{error}}',
      unreadable: 'the state of {{name}} cannot be read',
      noListener: 'nothing listens on port {{port}}, so no service can be named for it',
      ownerHidden: 'the process that listens on port {{port}} is not visible without root',
      needsInput: 'the service check needs --service NAME or HOST:PORT',
      pasteNeedsName: 'without server access the service check needs --service NAME',
    },
    /** `capture` probe. */
    capture: {
      tcpdumpMissing: 'tcpdump is not installed on the server',
      tcpdumpNeedsRoot: 'tcpdump needs root or sudo on the server',
      endedEarly: 'tcpdump ended before the client connected',
      notArmed: 'the capture could not be shown to be running before the client connected',
      noSyn:
        'the server never saw the SYN to port {{port}}: it is filtered before it reaches the server',
      synAck: 'the server answered the SYN to port {{port}} with SYN-ACK',
      rst: 'the server answered the SYN to port {{port}} with RST (nothing listens there, or a REJECT with tcp-reset)',
      icmp: 'the server answered the SYN to port {{port}} with ICMP $t(evidence.capture.icmpMeaning.{{icmpKind}}) (type {{type}} code {{code}})',
      /** What an ICMP destination unreachable means for a TCP connect (nested by family-code). */
      icmpMeaning: {
        'v4-0': 'net unreachable',
        'v4-1': 'host unreachable',
        'v4-2': 'protocol unreachable',
        'v4-3': 'port unreachable (default iptables REJECT)',
        'v4-9': 'net administratively prohibited',
        'v4-10': 'host administratively prohibited (firewalld REJECT)',
        'v4-13': 'communication administratively prohibited',
        'v6-0': 'no route to destination',
        'v6-1': 'administratively prohibited',
        'v6-2': 'beyond scope of source address',
        'v6-3': 'address unreachable',
        'v6-4': 'port unreachable (default ip6tables REJECT)',
        other: 'destination unreachable, code {{code}}',
        none: '',
      },
      silent:
        'the server saw the SYN to port {{port}} and sent nothing back (dropped on the server)',
    },
    /** `connect` probe. */
    connect: {
      /** Where the connection was made from (nested). */
      from: { client: '', server: ' from the server itself' },
      accepts: '{{where}} accepts connections$t(evidence.connect.from.{{from}}) (via {{via}})',
      acceptsWarning:
        '{{where}} accepts connections$t(evidence.connect.from.{{from}}) (via {{via}}); warning: $t(evidence.connect.failed.refused.{{refused}})$t(evidence.connect.failed.timeout.{{timeout}})$t(evidence.connect.failed.hostUnreachable.{{hostUnreachable}})$t(evidence.connect.failed.netUnreachable.{{netUnreachable}})$t(evidence.connect.failed.prohibited.{{prohibited}})$t(evidence.connect.failed.reset.{{reset}})$t(evidence.connect.failed.error.{{error}})',
      nothing: '{{where}}: nothing to connect to',
      one: '{{where}}$t(evidence.connect.from.{{from}}): $t(evidence.connect.result.{{result}})',
      many: '{{where}}$t(evidence.connect.from.{{from}}): $t(evidence.connect.failed.refused.{{refused}})$t(evidence.connect.failed.timeout.{{timeout}})$t(evidence.connect.failed.hostUnreachable.{{hostUnreachable}})$t(evidence.connect.failed.netUnreachable.{{netUnreachable}})$t(evidence.connect.failed.prohibited.{{prohibited}})$t(evidence.connect.failed.reset.{{reset}})$t(evidence.connect.failed.error.{{error}})',
      /**
       * The addresses that failed, grouped by result (nested; `some` or `none` each):
       * `{{…At}}` lists the addresses, `{{…Sep}}` is "; " before all but the first group.
       */
      failed: {
        refused: { some: '{{refusedSep}}{{refusedAt}} refused (ECONNREFUSED)', none: '' },
        timeout: {
          some: '{{timeoutSep}}{{timeoutAt}} no answer within {{timeoutMs}} ms (timeout)',
          none: '',
        },
        hostUnreachable: {
          some: '{{hostUnreachableSep}}{{hostUnreachableAt}} host unreachable (EHOSTUNREACH)',
          none: '',
        },
        netUnreachable: {
          some: '{{netUnreachableSep}}{{netUnreachableAt}} network unreachable (ENETUNREACH)',
          none: '',
        },
        prohibited: {
          some: '{{prohibitedSep}}{{prohibitedAt}} prohibited by a local route or firewall ({{prohibitedErrno}})',
          none: '',
        },
        reset: { some: '{{resetSep}}{{resetAt}} reset by peer (ECONNRESET)', none: '' },
        error: { some: '{{errorSep}}{{errorAt}} failed ({{errorErrno}})', none: '' },
      },
      /** One attempt's result. */
      result: {
        ok: 'connected',
        refused: 'refused (ECONNREFUSED)',
        timeout: 'no answer within {{ms}} ms (timeout)',
        'host-unreachable': 'host unreachable (EHOSTUNREACH)',
        'net-unreachable': 'network unreachable (ENETUNREACH)',
        prohibited: 'prohibited by a local route or firewall ({{errno}})',
        reset: 'reset by peer (ECONNRESET)',
        error: 'failed ({{errno}})',
      },
      serverCannot: 'the server connection cannot open TCP connections',
      serverFailed: 'the server could not try the connection: {{error}}',
    },
    /** `sweep` probe. */
    sweep: {
      none: 'no open TCP port on {{where}} among {{scanned}} scanned$t(evidence.sweep.filtered.{{filtered}})',
      open_one:
        '{{count}} open TCP port on {{where}} among {{scanned}} scanned: {{list}}$t(evidence.sweep.filtered.{{filtered}})',
      open_other:
        '{{count}} open TCP ports on {{where}} among {{scanned}} scanned: {{list}}$t(evidence.sweep.filtered.{{filtered}})',
      /** Ports that did not answer (nested). */
      filtered: { some: '; {{timedOut}} did not answer (filtered?)', none: '' },
      clientOnly: 'sweep runs from the client only',
      noAddress: '{{host}} has no address',
    },
    /** A text kept as found (a reason or summary that has no message of its own). */
    text: '{{text}}',
    /** `firewall` probe. */
    firewall: {
      failed: 'the firewall analysis failed: {{error}}',
      /** The verdict for the SYN: the reason nests with `$t({{reasonId}})`. */
      verdictLine:
        'firewall verdict for {{where}}$t(evidence.firewall.from.{{fromKind}}): {{verdict}} — $t({{reasonId}})$t(evidence.firewall.proof.{{proof}})',
      /** The client address the SYN was evaluated for (nested). */
      from: {
        known:
          ' from {{saddr}} ($t(evidence.firewall.origin.{{origin}})$t(evidence.firewall.nat.{{natKind}}))',
        unknown: ' from an unknown client address',
        none: '',
      },
      /** Where that address came from (nested). */
      origin: {
        given: 'as given',
        'client-route': "this client's route source",
        self: 'the server itself',
        unknown: 'unknown origin',
      },
      /** Whether a NAT may change it (nested). */
      nat: { some: '; a NAT on the way may change it', none: '' },
      /** What the packet counters said (nested). */
      proof: {
        unreached:
          '; counter proof: the probe SYNs did not reach these rules (nothing counted them)',
        confirmed:
          '; counter proof: confirmed ({{proofRule}} rose by {{delta}} for {{probes}} probes)',
        contradicts:
          '; counter proof: CONTRADICTS the rules ({{proofRule}} rose by {{delta}} for {{probes}} probes)',
        staticOnly: '; no counter on the deciding rule: static verdict only',
        static: '; static verdict (every rule on the path evaluated)',
      },
      /** Why the evaluator decided as it did (`verdict.reason`). */
      reason: {
        unevaluable:
          '{{stage}}: rule {{position}} cannot be evaluated ({{why}}): {{rule}}$t(evidence.firewall.via.{{viaKind}})$t(evidence.firewall.frontEnd.{{feKind}})',
        policy:
          '{{stage}}: no rule matches and the chain policy is {{policy}}$t(evidence.firewall.via.{{viaKind}})$t(evidence.firewall.frontEnd.{{feKind}})',
        drops:
          '{{stage}}: rule {{position}} drops it: {{rule}}$t(evidence.firewall.via.{{viaKind}})$t(evidence.firewall.frontEnd.{{feKind}})',
        rejects:
          '{{stage}}: rule {{position}} rejects it: {{rule}}$t(evidence.firewall.via.{{viaKind}})$t(evidence.firewall.frontEnd.{{feKind}})',
        accepted: 'accepted: {{rule}}$t(evidence.firewall.via.{{viaKind}})',
        acceptedPolicy: 'accepted: {{chain}} policy$t(evidence.firewall.via.{{viaKind}})',
        none: 'no firewall rules apply to this packet$t(evidence.firewall.via.{{viaKind}})',
        countersContradict:
          'the packet counters contradict the static verdict ({{before}}): $t({{staticId}})',
        countersDropped:
          'the packet counters show the kernel dropped the probes at {{chain}} rule {{position}}: {{rule}} (static analysis said {{before}})',
        countersRejected:
          'the packet counters show the kernel rejected the probes at {{chain}} rule {{position}}: {{rule}} (static analysis said {{before}})',
        addressUnknown: 'the server address the client reaches is not known',
      },
      /** A DNAT/REDIRECT that sent the SYN elsewhere first (nested). */
      via: { some: ' (after {{viaChain}} rule {{viaPosition}} sent it to {{viaTo}})', none: '' },
      /** The front end that owns the deciding rule (nested). */
      frontEnd: { some: ' ({{feSource}}: {{feText}})', none: '' },
      /** Why no rule can be evaluated at all. */
      blind: {
        unreadable: 'the {{backends}} ruleset cannot be read (needs root)',
        noTool: 'neither iptables nor nft is installed to read the rules',
        legacy: 'iptables-legacy tables exist beside the nf_tables ones and cannot be read',
      },
      /** One backend's line of the summary: its own summary nests with `$t({{backendId}})`. */
      backendLine: '{{source}}: $t({{backendId}})',
      /** The line of the iptables-legacy tables beside a backend's own (same nesting). */
      legacyLine: '{{source}}, legacy tables too: $t({{backendId}})',
      /** Each backend's summary. */
      backend: {
        unreadable: 'cannot be read ({{why}}): the rules are unknown, not absent',
        iptNone: 'no {{family}} rules loaded{{backend}}',
        iptInput:
          'INPUT policy {{policy}}, $t(evidence.firewall.count.inputRules.{{inputForm}}) in INPUT; $t(evidence.firewall.count.totalRules.{{totalForm}}) in $t(evidence.firewall.count.tables.{{tablesForm}}): {{names}}{{backend}}',
        iptNoInput:
          'no filter INPUT chain; $t(evidence.firewall.count.totalRules.{{totalForm}}) in $t(evidence.firewall.count.tables.{{tablesForm}}): {{names}}{{backend}}',
        nftOnlyManaged: 'only the iptables-nft tables (see iptables)',
        nftEmpty: 'empty ruleset',
        nftTables: '{{n}} table(s): {{tables}}; base chains: {{chains}}',
        nftTablesNoBase: '{{n}} table(s): {{tables}}; base chains: none',
        ufwInactive: 'inactive',
        ufwActive: 'active, {{n}} rule(s)',
        ufwActiveDefault: 'active, default {{incoming}} (incoming), {{n}} rule(s)',
        firewalldStopped: 'not running ({{state}})',
        firewalldNoAnswer: 'not running (no answer)',
        firewalldZonesUnread: 'running, but its zones cannot be read',
        firewalldRunning:
          'running; active zones (services and ports open): {{zones}}$t(evidence.firewall.zoneDefault.{{defaultKind}})$t(evidence.firewall.drift.{{driftKind}})',
        firewalldNoZone: 'running; no active zone$t(evidence.firewall.drift.{{driftKind}})',
        fail2banUnread: 'not running or not readable ({{error}})',
        fail2banStopped: 'installed, not running (it bans nothing now)',
        fail2banJails: 'jails (banned addresses): {{list}}',
        fail2banNoJails: 'running, no jails',
      },
      /** Counted words (nested by form). */
      count: {
        inputRules: { one: '{{inputRules}} rule', other: '{{inputRules}} rules' },
        totalRules: { one: '{{totalRules}} rule', other: '{{totalRules}} rules' },
        tables: { one: '{{tables}} table', other: '{{tables}} tables' },
      },
      /** firewalld's default zone, when it is among the active ones (nested). */
      zoneDefault: { some: '; default zone {{defaultZone}}', none: '' },
      /** Where firewalld's runtime and permanent configuration differ (nested). */
      drift: { some: '; runtime differs from permanent: {{drift}}', none: '' },
    },
    /** `config` probe: the file and directive that decide a program's listen address. */
    config: {
      noProcess: 'no process seen listening on {{port}}',
      processGone: 'process {{pid}} is gone or cannot be read',
      dumpFailed: '{{command}} failed (exit {{status}})',
      rejected: '{{program}} rejects its configuration: {{error}}',
      noListen: '{{command}} shows no listen directive on one address for port {{port}}',
      noUnit: '{{program}} (pid {{pid}}) is not run by a systemd unit',
      noFile: '{{unit}} starts {{program}} without a configuration file',
      unknownProgram: 'ConnDoctor does not know where {{program}} sets its listen address',
      unreadable: 'cannot read {{file}}: {{error}}',
      noSha: 'cannot read {{file}}: no SHA-256',
      tooLarge: '{{file}} is too large to edit here',
      notText: '{{file}} is not plain text as read: it is not edited',
      noDirective: 'no directive deciding the address found in {{file}}',
      directive: '{{file}}:{{line}}: {{text}}',
      noDirectiveIncluded: 'no {{directive}} line found in {{file}} or the files it includes',
      noPgFile:
        'the postgres command line (pid {{pid}}) names no configuration file or data directory',
      noFiles: '{{command}} names no configuration file',
      onCommandLine:
        '{{program}} is given {{option}} on its command line (not in the unit file itself: {{unit}} passes it through its environment), which wins over every option file: change it where {{unit}} sets it',
      moveUnsupported:
        'ConnDoctor does not move {{program}} to another port (only its listen address)',
      moveOnCommandLine:
        '{{unit}} gives {{program}} its port on the command line ({{option}}): the file does not decide it',
      noPortDirective: 'no directive setting port {{port}} found in {{file}}',
    },
  },
};
