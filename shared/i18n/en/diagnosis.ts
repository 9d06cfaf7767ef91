/** English catalogue, domain `diagnosis` (see ../README.md). Keys are shared with ../ko/diagnosis.ts. */
export const diagnosis = {
  diagnosis: {
    /** How the client's connection ended, nested into sentences as `$t(diagnosis.outcome.{{outcome}})`. */
    outcome: {
      refused: 'refused',
      timeout: 'not answered (timeout)',
      unreachable: 'unreachable',
      'dns-failure': 'not made (the name does not resolve)',
      reset: 'reset',
      ok: 'made',
    },
    /** The fault each cause names (the diagnosis `summary` and a failing step's text). */
    finding: {
      ok: 'Connected to {{where}}: the port accepts connections.',
      okVia: 'Connected to {{where}} ({{address}}): the port accepts connections.',
      dnsFailure: 'The name {{host}} does not resolve ({{error}}).',
      noRoute: 'This machine has no usable route to {{destination}} (route type {{type}}).',
      noRouteError:
        'This machine has no usable route to {{destination}} (route type {{type}}: {{error}}).',
      netUnreachable: 'The network to {{host}} is unreachable (ENETUNREACH).',
      hostUnreachable:
        '{{host}} does not answer at the network layer ({{errno}}): it is down, its address is not on the link, or a router or firewall answered "host unreachable".',
      interfaceDown:
        'Interface {{name}} on the server, which carries {{address}}, is down ({{state}}).',
      addressMissing:
        'The address {{address}} is not configured on any interface of the server, unless a NAT in front of the server translates it.',
      addressMissingVia:
        'The address {{address}} is not configured on any interface of the server (its route goes out {{name}}), unless a NAT in front of the server translates it.',
      upstreamFilter:
        'The server never saw the SYN to port {{port}} although its own firewall accepts it: something in the path (a cloud security group, a network firewall, a NAT) filters it.',
      upstreamFilterNoCapture:
        "The server accepts connections to port {{port}} from itself and its firewall accepts the SYN, yet the client's SYN got no answer: something in the path filters it (no capture confirmed it).",
      firewallReject: "The server's firewall rejects SYNs to port {{port}}: $t({{byId}}).",
      firewallDrop: "The server's firewall drops SYNs to port {{port}}: $t({{byId}}).",
      timeoutClient:
        'Nothing answered the SYN to {{where}} within {{ms}} ms: something dropped it — a firewall on the server or in the path — or the host is down. Without server access ConnDoctor cannot name the rule.',
      timeoutServer:
        'Nothing answered the SYN to {{where}} within {{ms}} ms: something dropped it — a firewall on the server or in the path — or the host is down. The server-side evidence does not name the rule.',
      boundElsewhere:
        'Port {{port}} is listened on only at {{listeners}}, not on {{address}}, the address the client reaches.',
      wrongPortOne:
        '{{service}} runs and listens on port {{ports}}, not on {{port}}: connect to {{suggestion}} or change its configuration.',
      wrongPortMany:
        '{{service}} runs and listens on port {{ports}}, not on {{port}}: connect to one of those or change its configuration.',
      serviceStopped: 'The service {{service}} is {{state}}, so nothing serves port {{port}}.',
      serviceStoppedSub:
        'The service {{service}} is {{state}} ({{subState}}), so nothing serves port {{port}}.',
      notListening: 'Nothing listens on port {{port}} on the server.',
      notListeningNoUnit:
        'Nothing listens on port {{port}} on the server (no unit named {{service}} exists).',
      refusedClientOnly:
        '{{where}} refused the connection: nothing listens on port {{port}} there, as far as the client can tell. Without server access ConnDoctor cannot tell a stopped service, a service bound to another address and a firewall REJECT apart — run the next steps on the server, or give it server access (SSH).',
      refusedUnread:
        '{{where}} refused the connection and no server rule rejects it: nothing listens on port {{port}} (the listening sockets could not be read to confirm it).',
      refusedUnreadSelf:
        '{{where}} refused the connection, also from the server itself, and no server rule rejects it: nothing listens on port {{port}} (the listening sockets could not be read to confirm it).',
    },
    /** The answer when no fault explains what the client saw. */
    unknown: {
      firewallUnevaluated:
        "The connection to {{where}} was $t(diagnosis.outcome.{{outcome}}), and the server's firewall could not be evaluated: $t({{reasonId}}). ConnDoctor does not guess.",
      firewallUnevaluatedRule:
        "The connection to {{where}} was $t(diagnosis.outcome.{{outcome}}), and the server's firewall could not be evaluated ({{undecidable}}): $t({{reasonId}}). ConnDoctor does not guess.",
      firewallUnread:
        "The connection to {{where}} was $t(diagnosis.outcome.{{outcome}}), and the server's firewall could not be read: run ConnDoctor with root or sudo on the server.",
      firewallUnreadNamed:
        "The connection to {{where}} was $t(diagnosis.outcome.{{outcome}}), and the server's firewall could not be read ({{backends}}): run ConnDoctor with root or sudo on the server.",
      reset:
        '{{where}} accepted, then reset the connection: the service (or a proxy in front of it) closed it.',
      listenerServes:
        'The connection to {{where}} was $t(diagnosis.outcome.{{outcome}}) although the server listens on the port and no server-side fault was found: the evidence does not explain it.',
      notEnough:
        'The connection to {{where}} was $t(diagnosis.outcome.{{outcome}}), and the evidence gathered is not enough to say why.',
    },
    /** What each decision step saw when it did not fail. */
    step: {
      skippedByUser: 'Skipped: you chose to skip this step.',
      skippedNoAccess: 'Not checked: this needs server access (SSH, or the pasted outputs).',
      skippedEarlier:
        'Not checked: an earlier step already answered (without an address there is no connection to follow).',
      skippedNoEvidence: 'Not checked: its evidence was not gathered.',
      dns: {
        passLiteral: '{{host}} is an address: there is no name to resolve.',
        pass: '{{host}} resolves to {{addresses}}.',
        unknown: "The resolver's answer could not be read.",
      },
      route: {
        pass: 'This machine has a route to {{address}} and the connection got past it.',
        passRoute: 'This machine routes {{destination}} out {{dev}} ({{type}}).',
        skippedNoAddress: 'Not checked: without an address there is nothing to route.',
        unknown: "This machine's route to the host could not be read.",
      },
      network: {
        pass: '{{address}} is configured on a server interface that is up.',
        passAnswered: 'The server answered on {{address}}: the address is up.',
        unknown: "The server's interfaces could not be read.",
      },
      path: {
        passCaptured:
          'The server saw the SYN (its answer: {{answer}}): nothing in the path filters it.',
        passAnswered:
          'The client got an answer ($t(diagnosis.outcome.{{outcome}})): the SYN crossed the path.',
        unknown: 'Whether the SYN reached the server could not be told (no capture of it).',
      },
      firewall: {
        pass: "The server's firewall accepts SYNs to port {{port}}.",
        passBy: "The server's firewall accepts SYNs to port {{port}}: $t({{reasonId}}).",
        unknown: "The server's firewall could not be evaluated: $t({{reasonId}}).",
        unread: "The server's firewall could not be read ({{backends}}).",
      },
      listening: {
        pass: 'Port {{port}} is listened on at {{listeners}}, which covers {{address}}.',
        passAnswered: 'The port answered: something listens on port {{port}}.',
        unknown: "The server's listening sockets could not be read.",
      },
      service: {
        pass: '{{service}} is {{state}}.',
        noService: 'No expected service was named or found for port {{port}}.',
        namedByListening: '{{service}} is {{state}}: the listening step names it as the cause.',
        unknown: 'The state of {{service}} could not be read.',
      },
    },
    /** Why an alternative cause is ruled out (`ruledOut[].by`): the evidence that excludes it. */
    ruledOut: {
      isAddress: 'connect: {{host}} is an address, no name to resolve',
      resolved: 'connect: {{host}} resolved to {{addresses}}',
      route: 'route: {{route}} ({{type}})',
      interfaceUp: 'interfaces: {{address}} is on {{name}}, which is up ({{state}})',
      synSeen: 'capture: the server saw the SYN (answer: {{answer}})',
      nothingListens: 'listeners: nothing listens on port {{port}} at all',
      listenerAccepts: 'listeners: {{listener}} accepts {{address}}',
      serviceListens: 'service: {{service}} listens on port {{port}}',
      serviceActive: 'service: {{service}} is active{{sub}}',
      listeners: 'listeners: {{listeners}}',
      answeredRefusal: 'connect: the host answered (a refusal: RST or ICMP port unreachable)',
      answeredReset: 'connect: the host answered, then reset the connection',
      firewall: 'firewall: $t({{reasonId}})',
    },
    /** How a deciding firewall rule is named (nested as `$t({{byId}})`). */
    rule: {
      kernel: '{{kernel}}',
      frontEnd: '{{feSource}} rule "{{feText}}" ({{kernel}})',
    },
    /** Warnings about the answer. */
    warning: {
      fixDeclined: 'fix declined',
      noConsent: 'no consent: {{error}}',
      notApplied: 'fix not applied: {{error}}',
      notAppliedNoReason: 'fix not applied: no reason given',
      applyFailed: 'applying the fix failed: {{error}}',
      rolledBack: 'the change is rolled back by the server: {{error}}',
      rolledBackUnconfirmed: 'the change is rolled back by the server: not confirmed',
      rollbackFailed: 'rolling the fix back failed: {{error}}',
      rollbackFailedNoReason: 'rolling the fix back failed: no reason given',
      firewallUnevaluated:
        'the server firewall could not be evaluated; a firewall rule may also block the port',
      addressFailed: '{{address}} failed ({{error}}); another address connected',
    },
    /** What to do next (`nextSteps`). */
    next: {
      applyFix: 'Apply the proposed fix: {{description}}.',
      startOwner:
        'Start {{service}}, the service that usually owns port {{port}}, if it should run here.',
      startService:
        'Start the service that should listen on port {{port}}, or check the port number.',
      nearestPort: 'Port {{nearest}} does listen on {{host}}: did you mean {{nearest}}?',
      listeningNow: 'See what listens on the server, and on which address.',
      serviceStatus: 'Read why {{service}} is not running (its status and last log lines).',
      rightPort: 'Connect to the port the service really listens on.',
      moveService: 'Or change the port {{service}} listens on in its configuration.',
      rightPortAt: 'Connect to {{suggestion}}, where {{service}} really listens.',
      moveServiceProposed:
        'Or move {{service}} to port {{port}}: ConnDoctor shows the change to its configuration below and makes it only when you choose it.',
      configBroken:
        '{{program}} rejects its configuration ({{error}}): fix {{at}} first; a restart would fail, so ConnDoctor proposes no edit until its check passes.',
      bindSetting:
        '{{program}} decides its address with {{setting}}: set it to {{address}} or to every address (0.0.0.0 / ::), then restart it.',
      bindGeneric:
        'The program behind port {{port}} binds only to {{listeners}}: change its listen/bind address setting to {{address}} or 0.0.0.0, then restart it.',
      dnsResolver: 'Ask the resolver this machine uses for the name.',
      dnsHosts: 'Check /etc/hosts for a local entry for the name.',
      dnsTypo: 'Check the name for a typo; try its IP address directly.',
      routeCheck: 'See how this machine would route the address.',
      hostCheck: 'Check the host is up and on the link (neighbour table).',
      interfaceUp: 'Bring up the interface that should carry {{address}} on the server.',
      upstream:
        'Allow TCP port {{port}} from this machine in the filter in front of the server (cloud security group, network firewall, NAT rules).',
      firewallRead: 'Read the server firewall rules that match port {{port}}.',
      firewallRoot: 'Run ConnDoctor with root or sudo on the server, so the firewall can be read.',
      firewallSudoPassword:
        'sudo on the server asks for a password, so the firewall could not be read: give the sudo password (in Server access, or with --sudo-password-stdin) and diagnose again.',
      withAccess: 'Run ConnDoctor again with server access (SSH) to see the server side.',
      onServer: {
        listeners:
          'On the server: is anything listening on port {{port}}, and on which address (0.0.0.0, 127.0.0.1…)?',
        serviceUnknown:
          'On the server: is the service expected on port {{port}} running? (replace <service> with its unit)',
        service: 'On the server: is {{service}} running, or did it fail?',
        ufw: 'On the server: does ufw reject or deny the port?',
        iptables: 'On the server: does an iptables rule REJECT or DROP the SYN?',
        nft: 'On the server: does an nftables rule reject or drop the SYN?',
        addr: 'On the server: is {{address}} configured on an interface that is up?',
        route: 'On the server: how does the server route {{address}}?',
        capture:
          'On the server: does the SYN reach the server at all? (connect again while this runs)',
      },
    },
  },
};
