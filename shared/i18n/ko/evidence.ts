import type { Catalogue } from '../catalogue-type';
import type { evidence as en } from '../en/evidence';

/** Korean catalogue, domain `evidence`: the same keys as ../en/evidence.ts. */
export const evidence = {
  evidence: {
    host: { local: '이 컴퓨터', remote: '{{host}}' },
    noServerAccess: '서버에 접근할 수 없음',
    needsHost: '{{probe}}에는 HOST가 필요합니다',
    needsTarget: '{{probe}}에는 HOST:PORT가 필요합니다',
    cancelled: '{{probe}}이(가) 취소되었습니다',
    noServerAccessHint: '서버에 접근할 수 없음: 이 확인에는 SSH나 붙여 넣은 출력이 필요합니다',
    probeFailed: '검사를 실행하지 못했습니다: {{error}}',
    paste: {
      noParser: '이 빌드에는 붙여 넣은 출력을 읽는 파서가 없습니다',
      unreadable: '이 빌드는 붙여 넣은 {{probe}} 출력을 읽을 수 없습니다',
      notService: '붙여 넣은 출력은 서비스 명령의 출력이 아닙니다',
    },
    exec: {
      notInstalled: '{{command}}이(가) 설치되어 있지 않습니다',
      permissionDenied: '{{command}} 실행 권한이 없습니다(root 또는 sudo 필요)',
      sudoPassword: '{{command}}을(를) 실행하려면 sudo 비밀번호가 필요합니다',
      timeout: '{{command}} 실행 시간이 초과되었습니다',
      aborted: '{{command}} 실행이 취소되었습니다',
      error: '실행 오류: {{error}}',
      noneInstalled: '$t(evidence.host.{{hostKind}})에 {{commands}} 중 설치된 것이 없습니다',
    },
    command: {
      failed: '{{command}} 실패',
      failedWhy: '{{command}} 실패: {{error}}',
      noJson: '{{command}}의 출력에서 읽을 수 있는 JSON이 없습니다',
      exit: '{{command}}이(가) 상태 {{status}}(으)로 끝났습니다',
      exitWhy: '{{command}}이(가) 상태 {{status}}(으)로 끝났습니다: {{error}}',
      unrecognised: '알아볼 수 없는 {{command}} 출력: {{line}}',
    },
    route: {
      noUsableRoute:
        '{{destination}}(으)로 가는 쓸 수 있는 경로가 없습니다: $t(evidence.route.covers.{{type}}) ({{error}})',
      covers: {
        unreachable: '"unreachable" 경로가 이 주소를 덮고 있습니다',
        prohibit: '"prohibit" 경로가 이 주소를 덮고 있습니다',
        blackhole: '"blackhole" 경로가 이 주소를 덮고 있습니다',
        none: '맞는 경로가 없습니다',
      },
      noRoutePrinted: '{{command}}이(가) 경로를 출력하지 않았습니다',
      ofType: '{{destination}}(으)로 가는 경로의 종류가 {{type}}입니다',
      local: '{{destination}}은(는) 이 호스트의 주소입니다(dev {{dev}})',
      via: '{{destination}}에는 {{dev}}에서 {{via}}을(를) 거쳐 닿습니다$t(evidence.route.from.{{fromKind}})',
      direct: '{{destination}}에는 {{dev}}에서 바로 닿습니다$t(evidence.route.from.{{fromKind}})',
      from: { src: ' (출발 주소 {{src}})', none: '' },
      needsIp: '경로 확인에는 IP 주소가 필요합니다',
      notResolvable: '{{host}}을(를) 주소로 바꿀 수 없어 찾아볼 경로가 없습니다',
      needsTarget: '경로 확인에는 HOST:PORT 또는 주소가 필요합니다',
    },
    dns: {
      resolves: '{{name}}은(는) {{addresses}}(으)로 바뀝니다{{hosts}}',
      notResolving: '{{name}}을(를) 주소로 바꿀 수 없습니다({{error}}){{hosts}}',
      notFoundOnServer: '서버에서 {{name}}을(를) 주소로 바꿀 수 없습니다(찾을 수 없음){{hosts}}',
      noAddressRead: '{{command}}의 출력에서 읽을 수 있는 주소가 없습니다',
    },
    listeners: {
      count_one: '수신 대기 중인 TCP 소켓 {{count}}개$t(evidence.listeners.hidden.{{hidden}})',
      count_other: '수신 대기 중인 TCP 소켓 {{count}}개$t(evidence.listeners.hidden.{{hidden}})',
      hidden: {
        hidden:
          ' (일부 소켓의 소유 프로세스는 보이지 않습니다: root 권한이 없거나 다른 컨테이너에 있습니다)',
        none: '',
      },
      nothing: 'TCP 포트 {{port}}에서 수신 대기하는 것이 없습니다',
      nothingOthers: 'TCP 포트 {{port}}에서 수신 대기하는 것이 없습니다(수신 대기 중: {{others}})',
      on: '포트 {{port}}은(는) {{listeners}}에서 수신 대기 중입니다$t(evidence.listeners.hidden.{{hidden}})',
      noTool: '$t(evidence.host.{{hostKind}})에 ss도 netstat도 설치되어 있지 않습니다',
    },
    interfaces: {
      allUp: '인터페이스 {{total}}개, 모두 켜져 있음',
      someDown:
        '인터페이스 {{total}}개, 쓸 수 없는 것: $t(evidence.interfaces.notUsable.{{notUsable}})',
      notUsable: {
        down: '{{down}}(꺼짐)',
        noCarrier: '{{noCarrier}}(켜져 있지만 캐리어 없음)',
        both: '{{down}}(꺼짐); {{noCarrier}}(켜져 있지만 캐리어 없음)',
      },
      noCarrier:
        '주소 {{address}}을(를) 가진 인터페이스가 없습니다(주소가 없거나, 이 호스트 밖의 NAT 주소입니다)',
      onUp: '{{address}}은(는) {{name}}에 있고, 이 인터페이스는 켜져 있습니다',
      onDown:
        '{{address}}은(는) {{name}}($t(evidence.interfaces.state.{{state}}))에 있습니다: 인터페이스가 내려가 있습니다',
      state: {
        up: '켜짐',
        down: '꺼짐',
        noCarrier: '켜져 있지만 링크가 {{operState}} 상태(캐리어 없음)',
      },
    },
    service: {
      manager: {
        systemd: 'systemd 유닛',
        sysv: 'SysV 서비스',
        runit: 'runit 서비스',
        supervisor: 'supervisor 프로그램',
        process: '프로세스',
        none: '서비스',
      },
      running:
        '{{name}}($t(evidence.service.manager.{{manager}})) 실행 중{{sub}}$t(evidence.service.pid.{{pidKind}})$t(evidence.service.ports.{{portsKind}})',
      pid: { pid: ', 주 PID {{mainPid}}', none: '' },
      ports: {
        on: '; 수신 대기 포트 {{ports}}',
        notOn: '; 수신 대기 포트 {{ports}}, {{port}}은(는) 아님',
        noTcp: '; 수신 대기하는 TCP 포트 없음',
        none: '',
      },
      stopped:
        '{{name}}($t(evidence.service.manager.{{manager}})) 멈춤{{sub}}$t(evidence.service.note.{{noteKind}})$t(evidence.service.log.{{logKind}})',
      failed:
        '{{name}}($t(evidence.service.manager.{{manager}})) 실패함$t(evidence.service.note.{{noteKind}})$t(evidence.service.log.{{logKind}})',
      activating:
        '{{name}}($t(evidence.service.manager.{{manager}})) 아직 시작되지 않음({{subState}})$t(evidence.service.note.{{noteKind}})$t(evidence.service.log.{{logKind}})',
      note: { text: '; {{note}}', message: '; $t({{noteId}})', none: '' },
      log: { text: '; 마지막 로그: {{lastLog}}', none: '' },
      notFound: '{{name}}(이)라는 서비스가 없습니다',
      notFoundNote: {
        text: '{{name}}(이)라는 서비스가 없습니다({{note}})',
        message: '{{name}}(이)라는 서비스가 없습니다($t({{noteId}}))',
      },
      noteNoUnit: 'systemd에 그런 유닛이 없고 그 이름의 프로세스도 없습니다',
      noteOutsideUnit: '서비스 유닛 밖에서 시작되었습니다({{unit}})',
      noteNoManager: '서비스 관리자 아래에 있지 않습니다',
      noteResult: '결과 {{unitResult}}',
      noteResultExit: '결과 {{unitResult}}, 종료 상태 {{exitStatus}}',
      nowhere:
        'systemd를 쓸 수 없습니다. {{name}}(이)라는 SysV 스크립트, runit·supervisor 서비스, 실행 중인 프로세스가 없습니다',
      nowhereWhy:
        '$t({{whyId}}). {{name}}(이)라는 SysV 스크립트, runit·supervisor 서비스, 실행 중인 프로세스가 없습니다',
      showNoState: 'systemctl show가 유닛 상태를 알려 주지 않았습니다',
      showNoStateWhy: 'systemctl show가 유닛 상태를 알려 주지 않았습니다: {{error}}',
      unreadable: '{{name}}의 상태를 읽을 수 없습니다',
      noListener: '포트 {{port}}에서 수신 대기하는 것이 없어 서비스를 짚을 수 없습니다',
      ownerHidden: '포트 {{port}}에서 수신 대기하는 프로세스는 root 권한 없이는 보이지 않습니다',
      needsInput: '서비스 확인에는 --service NAME 또는 HOST:PORT가 필요합니다',
      pasteNeedsName: '서버에 접근하지 않을 때 서비스 확인에는 --service NAME이 필요합니다',
    },
    capture: {
      tcpdumpMissing: '서버에 tcpdump가 설치되어 있지 않습니다',
      tcpdumpNeedsRoot: '서버에서 tcpdump를 실행하려면 root 또는 sudo가 필요합니다',
      endedEarly: '클라이언트가 연결하기 전에 tcpdump가 끝났습니다',
      notArmed: '클라이언트가 연결하기 전에 캡처가 실행 중이었음을 확인하지 못했습니다',
      noSyn: '서버는 포트 {{port}}(으)로 오는 SYN을 받지 못했습니다: 서버에 닿기 전에 걸러집니다',
      synAck: '서버가 포트 {{port}}의 SYN에 SYN-ACK로 응답했습니다',
      rst: '서버가 포트 {{port}}의 SYN에 RST로 응답했습니다(수신 대기하는 것이 없거나, tcp-reset을 쓰는 REJECT)',
      icmp: '서버가 포트 {{port}}의 SYN에 ICMP $t(evidence.capture.icmpMeaning.{{icmpKind}})(으)로 응답했습니다(type {{type}} code {{code}})',
      icmpMeaning: {
        'v4-0': '네트워크 도달 불가',
        'v4-1': '호스트 도달 불가',
        'v4-2': '프로토콜 도달 불가',
        'v4-3': '포트 도달 불가(iptables REJECT의 기본값)',
        'v4-9': '관리자가 네트워크를 금지함',
        'v4-10': '관리자가 호스트를 금지함(firewalld REJECT)',
        'v4-13': '관리자가 통신을 금지함',
        'v6-0': '목적지로 가는 경로 없음',
        'v6-1': '관리자가 금지함',
        'v6-2': '출발 주소의 범위 밖',
        'v6-3': '주소 도달 불가',
        'v6-4': '포트 도달 불가(ip6tables REJECT의 기본값)',
        other: '목적지 도달 불가, 코드 {{code}}',
        none: '',
      },
      silent:
        '서버는 포트 {{port}}의 SYN을 받았지만 아무 응답도 보내지 않았습니다(서버에서 버려짐)',
    },
    connect: {
      from: { client: '', server: ' (서버 자신에서)' },
      accepts: '{{where}}이(가) 연결을 받습니다$t(evidence.connect.from.{{from}}) (경유 {{via}})',
      acceptsWarning:
        '{{where}}이(가) 연결을 받습니다$t(evidence.connect.from.{{from}}) (경유 {{via}}); 경고: $t(evidence.connect.failed.refused.{{refused}})$t(evidence.connect.failed.timeout.{{timeout}})$t(evidence.connect.failed.hostUnreachable.{{hostUnreachable}})$t(evidence.connect.failed.netUnreachable.{{netUnreachable}})$t(evidence.connect.failed.prohibited.{{prohibited}})$t(evidence.connect.failed.reset.{{reset}})$t(evidence.connect.failed.error.{{error}})',
      nothing: '{{where}}: 연결할 대상이 없습니다',
      one: '{{where}}$t(evidence.connect.from.{{from}}): $t(evidence.connect.result.{{result}})',
      many: '{{where}}$t(evidence.connect.from.{{from}}): $t(evidence.connect.failed.refused.{{refused}})$t(evidence.connect.failed.timeout.{{timeout}})$t(evidence.connect.failed.hostUnreachable.{{hostUnreachable}})$t(evidence.connect.failed.netUnreachable.{{netUnreachable}})$t(evidence.connect.failed.prohibited.{{prohibited}})$t(evidence.connect.failed.reset.{{reset}})$t(evidence.connect.failed.error.{{error}})',
      failed: {
        refused: { some: '{{refusedSep}}{{refusedAt}} 거부됨(ECONNREFUSED)', none: '' },
        timeout: {
          some: '{{timeoutSep}}{{timeoutAt}} {{timeoutMs}}ms 안에 응답 없음(시간 초과)',
          none: '',
        },
        hostUnreachable: {
          some: '{{hostUnreachableSep}}{{hostUnreachableAt}} 호스트에 도달할 수 없음(EHOSTUNREACH)',
          none: '',
        },
        netUnreachable: {
          some: '{{netUnreachableSep}}{{netUnreachableAt}} 네트워크에 도달할 수 없음(ENETUNREACH)',
          none: '',
        },
        prohibited: {
          some: '{{prohibitedSep}}{{prohibitedAt}} 로컬 경로나 방화벽이 막음({{prohibitedErrno}})',
          none: '',
        },
        reset: { some: '{{resetSep}}{{resetAt}} 상대가 연결을 끊음(ECONNRESET)', none: '' },
        error: { some: '{{errorSep}}{{errorAt}} 실패({{errorErrno}})', none: '' },
      },
      result: {
        ok: '연결됨',
        refused: '거부됨(ECONNREFUSED)',
        timeout: '{{ms}}ms 안에 응답 없음(시간 초과)',
        'host-unreachable': '호스트에 도달할 수 없음(EHOSTUNREACH)',
        'net-unreachable': '네트워크에 도달할 수 없음(ENETUNREACH)',
        prohibited: '로컬 경로나 방화벽이 막음({{errno}})',
        reset: '상대가 연결을 끊음(ECONNRESET)',
        error: '실패({{errno}})',
      },
      serverCannot: '서버 연결로는 TCP 연결을 열 수 없습니다',
      serverFailed: '서버가 연결을 시도하지 못했습니다: {{error}}',
    },
    sweep: {
      none: '{{where}}에서 검사한 {{scanned}}개 중 열린 TCP 포트가 없습니다$t(evidence.sweep.filtered.{{filtered}})',
      open_one:
        '{{where}}에서 검사한 {{scanned}}개 중 열린 TCP 포트 {{count}}개: {{list}}$t(evidence.sweep.filtered.{{filtered}})',
      open_other:
        '{{where}}에서 검사한 {{scanned}}개 중 열린 TCP 포트 {{count}}개: {{list}}$t(evidence.sweep.filtered.{{filtered}})',
      filtered: { some: '; {{timedOut}}개는 응답하지 않음(걸러짐?)', none: '' },
      clientOnly: 'sweep은 클라이언트에서만 실행됩니다',
      noAddress: '{{host}}에는 주소가 없습니다',
    },
    text: '{{text}}',
    firewall: {
      failed: '방화벽 분석에 실패했습니다: {{error}}',
      verdictLine:
        '{{where}}$t(evidence.firewall.from.{{fromKind}})에 대한 방화벽 판정: {{verdict}} — $t({{reasonId}})$t(evidence.firewall.proof.{{proof}})',
      from: {
        known:
          ' (출발 주소 {{saddr}}, $t(evidence.firewall.origin.{{origin}})$t(evidence.firewall.nat.{{natKind}}))',
        unknown: ' (출발 주소를 알 수 없음)',
        none: '',
      },
      origin: {
        given: '지정한 주소',
        'client-route': '이 클라이언트 경로의 출발 주소',
        self: '서버 자신',
        unknown: '출처를 알 수 없음',
      },
      nat: { some: '; 도중의 NAT가 바꿀 수 있음', none: '' },
      proof: {
        unreached:
          '; 카운터 증명: 시험 SYN이 이 규칙들에 닿지 않았습니다(아무 카운터도 오르지 않음)',
        confirmed:
          '; 카운터 증명: 확인됨({{proofRule}}이(가) 시험 {{probes}}번에 {{delta}}만큼 올랐습니다)',
        contradicts:
          '; 카운터 증명: 규칙과 어긋남({{proofRule}}이(가) 시험 {{probes}}번에 {{delta}}만큼 올랐습니다)',
        staticOnly: '; 판정한 규칙에 카운터가 없습니다: 정적 판정뿐입니다',
        static: '; 정적 판정(경로의 모든 규칙을 평가함)',
      },
      reason: {
        unevaluable:
          '{{stage}}: 규칙 {{position}}을(를) 평가할 수 없습니다({{why}}): {{rule}}$t(evidence.firewall.via.{{viaKind}})$t(evidence.firewall.frontEnd.{{feKind}})',
        policy:
          '{{stage}}: 맞는 규칙이 없고 체인 정책이 {{policy}}입니다$t(evidence.firewall.via.{{viaKind}})$t(evidence.firewall.frontEnd.{{feKind}})',
        drops:
          '{{stage}}: 규칙 {{position}}이(가) 버립니다: {{rule}}$t(evidence.firewall.via.{{viaKind}})$t(evidence.firewall.frontEnd.{{feKind}})',
        rejects:
          '{{stage}}: 규칙 {{position}}이(가) 거부합니다: {{rule}}$t(evidence.firewall.via.{{viaKind}})$t(evidence.firewall.frontEnd.{{feKind}})',
        accepted: '허용됨: {{rule}}$t(evidence.firewall.via.{{viaKind}})',
        acceptedPolicy: '허용됨: {{chain}} 정책$t(evidence.firewall.via.{{viaKind}})',
        none: '이 패킷에 적용되는 방화벽 규칙이 없습니다$t(evidence.firewall.via.{{viaKind}})',
        countersContradict: '패킷 카운터가 정적 판정({{before}})과 어긋납니다: $t({{staticId}})',
        countersDropped:
          '패킷 카운터로 보면 커널이 {{chain}} 규칙 {{position}}에서 시험 패킷을 버렸습니다: {{rule}} (정적 분석은 {{before}})',
        countersRejected:
          '패킷 카운터로 보면 커널이 {{chain}} 규칙 {{position}}에서 시험 패킷을 거부했습니다: {{rule}} (정적 분석은 {{before}})',
        addressUnknown: '클라이언트가 닿는 서버 주소를 알 수 없습니다',
      },
      via: { some: ' ({{viaChain}} 규칙 {{viaPosition}}이(가) {{viaTo}}(으)로 보낸 뒤)', none: '' },
      frontEnd: { some: ' ({{feSource}}: {{feText}})', none: '' },
      blind: {
        unreadable: '{{backends}} 규칙을 읽을 수 없습니다(root 필요)',
        noTool: '규칙을 읽을 iptables도 nft도 설치되어 있지 않습니다',
        legacy: 'nf_tables 옆에 iptables-legacy 테이블이 있는데 읽을 수 없습니다',
      },
      backendLine: '{{source}}: $t({{backendId}})',
      legacyLine: '{{source}}, 레거시 테이블도 있음: $t({{backendId}})',
      backend: {
        unreadable: '읽을 수 없습니다({{why}}): 규칙이 없는 것이 아니라 알 수 없는 것입니다',
        iptNone: '불러온 {{family}} 규칙이 없습니다{{backend}}',
        iptInput:
          'INPUT 정책 {{policy}}, INPUT에 $t(evidence.firewall.count.inputRules.{{inputForm}}); $t(evidence.firewall.count.tables.{{tablesForm}})에 $t(evidence.firewall.count.totalRules.{{totalForm}}): {{names}}{{backend}}',
        iptNoInput:
          'filter INPUT 체인 없음; $t(evidence.firewall.count.tables.{{tablesForm}})에 $t(evidence.firewall.count.totalRules.{{totalForm}}): {{names}}{{backend}}',
        nftOnlyManaged: 'iptables-nft 테이블만 있습니다(iptables 참고)',
        nftEmpty: '빈 규칙 집합',
        nftTables: '테이블 {{n}}개: {{tables}}; 기본 체인: {{chains}}',
        nftTablesNoBase: '테이블 {{n}}개: {{tables}}; 기본 체인 없음',
        ufwInactive: '꺼져 있음',
        ufwActive: '켜져 있음, 규칙 {{n}}개',
        ufwActiveDefault: '켜져 있음, 들어오는 연결 기본값 {{incoming}}, 규칙 {{n}}개',
        firewalldStopped: '실행 중이 아님({{state}})',
        firewalldNoAnswer: '실행 중이 아님(응답 없음)',
        firewalldZonesUnread: '실행 중이지만 영역(zone)을 읽을 수 없습니다',
        firewalldRunning:
          '실행 중; 활성 영역(열린 서비스와 포트): {{zones}}$t(evidence.firewall.zoneDefault.{{defaultKind}})$t(evidence.firewall.drift.{{driftKind}})',
        firewalldNoZone: '실행 중; 활성 영역 없음$t(evidence.firewall.drift.{{driftKind}})',
        fail2banUnread: '실행 중이 아니거나 읽을 수 없습니다({{error}})',
        fail2banStopped: '설치되어 있지만 실행 중이 아닙니다(지금은 아무것도 차단하지 않습니다)',
        fail2banJails: 'jail 목록(차단된 주소 수): {{list}}',
        fail2banNoJails: '실행 중, jail 없음',
      },
      count: {
        inputRules: { one: '규칙 {{inputRules}}개', other: '규칙 {{inputRules}}개' },
        totalRules: { one: '규칙 {{totalRules}}개', other: '규칙 {{totalRules}}개' },
        tables: { one: '테이블 {{tables}}개', other: '테이블 {{tables}}개' },
      },
      zoneDefault: { some: '; 기본 영역 {{defaultZone}}', none: '' },
      drift: { some: '; 런타임 설정이 영구 설정과 다릅니다: {{drift}}', none: '' },
    },
    config: {
      noProcess: '{{port}}에서 수신 대기하는 프로세스가 보이지 않습니다',
      processGone: '프로세스 {{pid}}이(가) 사라졌거나 읽을 수 없습니다',
      dumpFailed: '{{command}} 실패(종료 상태 {{status}})',
      rejected: '{{program}}이(가) 자기 설정을 거부합니다: {{error}}',
      noListen: '{{command}} 출력에 포트 {{port}}을(를) 한 주소에만 묶는 listen 지시어가 없습니다',
      noUnit: '{{program}}(PID {{pid}})은(는) systemd 유닛으로 실행되지 않습니다',
      noFile: '{{unit}}은(는) 설정 파일 없이 {{program}}을(를) 시작합니다',
      unknownProgram: 'ConnDoctor는 {{program}}이(가) 수신 주소를 어디서 정하는지 모릅니다',
      unreadable: '{{file}}을(를) 읽을 수 없습니다: {{error}}',
      noSha: '{{file}}을(를) 읽을 수 없습니다: SHA-256 없음',
      tooLarge: '{{file}}은(는) 여기서 고치기에 너무 큽니다',
      notText: '{{file}}은(는) 읽은 그대로의 일반 텍스트가 아니어서 고치지 않습니다',
      noDirective: '{{file}}에서 주소를 정하는 지시어를 찾지 못했습니다',
      directive: '{{file}}:{{line}}: {{text}}',
      noDirectiveIncluded:
        '{{file}}과(와) 그 파일이 포함하는 파일에서 {{directive}} 줄을 찾지 못했습니다',
      noPgFile: 'postgres 명령줄(PID {{pid}})에 설정 파일도 데이터 디렉터리도 없습니다',
      noFiles: '{{command}}이(가) 설정 파일을 하나도 알려 주지 않습니다',
      onCommandLine:
        '{{program}}은(는) 명령줄에서 {{option}}을(를) 받습니다(유닛 파일 자체가 아니라 {{unit}}이(가) 환경 변수로 넘깁니다). 이 값이 모든 옵션 파일보다 우선하므로 {{unit}}이(가) 그 값을 정하는 곳에서 바꾸세요',
      moveUnsupported:
        'ConnDoctor는 {{program}}을(를) 다른 포트로 옮기지 않습니다(수신 주소만 고칩니다)',
      moveOnCommandLine:
        '{{unit}}은(는) {{program}}의 포트를 명령줄({{option}})로 정하므로 설정 파일이 정하지 않습니다',
      noPortDirective: '{{file}}에서 포트 {{port}}을(를) 정하는 지시어를 찾지 못했습니다',
    },
  },
} satisfies Catalogue<typeof en>;
