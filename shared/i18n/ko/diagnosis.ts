import type { Catalogue } from '../catalogue-type';
import type { diagnosis as en } from '../en/diagnosis';

/** Korean catalogue, domain `diagnosis`: the same keys as ../en/diagnosis.ts. */
export const diagnosis = {
  diagnosis: {
    outcome: {
      refused: '거부되었습니다',
      timeout: '응답이 없었습니다(시간 초과)',
      unreachable: '도달할 수 없었습니다',
      'dns-failure': '이루어지지 않았습니다(이름을 주소로 바꿀 수 없음)',
      reset: '끊겼습니다(리셋)',
      ok: '이루어졌습니다',
    },
    finding: {
      ok: '{{where}}에 연결했습니다. 이 포트는 연결을 받고 있습니다.',
      okVia: '{{where}}({{address}})에 연결했습니다. 이 포트는 연결을 받고 있습니다.',
      dnsFailure: '이름 {{host}}을(를) 주소로 바꿀 수 없습니다({{error}}).',
      noRoute:
        '이 컴퓨터에는 {{destination}}(으)로 가는 쓸 수 있는 경로가 없습니다(경로 종류 {{type}}).',
      noRouteError:
        '이 컴퓨터에는 {{destination}}(으)로 가는 쓸 수 있는 경로가 없습니다(경로 종류 {{type}}: {{error}}).',
      netUnreachable: '{{host}}(으)로 가는 네트워크에 도달할 수 없습니다(ENETUNREACH).',
      hostUnreachable:
        '{{host}}이(가) 네트워크 계층에서 응답하지 않습니다({{errno}}). 호스트가 꺼져 있거나, 그 주소가 링크에 없거나, 라우터나 방화벽이 "host unreachable"로 응답했습니다.',
      interfaceDown:
        '서버에서 {{address}}을(를) 가진 인터페이스 {{name}}이(가) 내려가 있습니다({{state}}).',
      addressMissing:
        '주소 {{address}}이(가) 서버의 어느 인터페이스에도 설정되어 있지 않습니다(서버 앞의 NAT가 주소를 바꾸는 경우는 예외).',
      addressMissingVia:
        '주소 {{address}}이(가) 서버의 어느 인터페이스에도 설정되어 있지 않습니다(그 경로는 {{name}}(으)로 나갑니다. 서버 앞의 NAT가 주소를 바꾸는 경우는 예외).',
      upstreamFilter:
        '서버 자신의 방화벽은 포트 {{port}}의 SYN을 허용하는데도 서버는 그 SYN을 받지 못했습니다. 경로 중간의 무언가(클라우드 보안 그룹, 네트워크 방화벽, NAT)가 막고 있습니다.',
      upstreamFilterNoCapture:
        '서버는 자기 자신에서 포트 {{port}}에 연결되고 방화벽도 SYN을 허용하지만, 클라이언트의 SYN에는 응답이 없었습니다. 경로 중간의 무언가가 막고 있습니다(패킷 캡처로 확인하지는 못했습니다).',
      firewallReject: '서버 방화벽이 포트 {{port}}(으)로 오는 SYN을 거부합니다: $t({{byId}}).',
      firewallDrop: '서버 방화벽이 포트 {{port}}(으)로 오는 SYN을 버립니다: $t({{byId}}).',
      timeoutClient:
        '{{where}}(으)로 보낸 SYN에 {{ms}}ms 안에 아무 응답이 없었습니다. 서버나 경로의 방화벽이 버렸거나 호스트가 꺼져 있습니다. 서버에 접근하지 않으면 ConnDoctor가 규칙을 짚을 수 없습니다.',
      timeoutServer:
        '{{where}}(으)로 보낸 SYN에 {{ms}}ms 안에 아무 응답이 없었습니다. 서버나 경로의 방화벽이 버렸거나 호스트가 꺼져 있습니다. 서버에서 모은 증거로는 규칙을 짚을 수 없습니다.',
      boundElsewhere:
        '포트 {{port}}은(는) {{listeners}}에서만 연결을 기다립니다. 클라이언트가 찾아가는 주소 {{address}}에서는 기다리지 않습니다.',
      wrongPortOne:
        '{{service}}은(는) 실행 중이며 포트 {{port}}이(가) 아니라 {{ports}}에서 연결을 기다립니다. {{suggestion}}(으)로 연결하거나 설정을 바꾸세요.',
      wrongPortMany:
        '{{service}}은(는) 실행 중이며 포트 {{port}}이(가) 아니라 {{ports}}에서 연결을 기다립니다. 그중 하나로 연결하거나 설정을 바꾸세요.',
      serviceStopped:
        '서비스 {{service}}의 상태가 {{state}}이므로 포트 {{port}}에서 응답하는 프로그램이 없습니다.',
      serviceStoppedSub:
        '서비스 {{service}}의 상태가 {{state}}({{subState}})이므로 포트 {{port}}에서 응답하는 프로그램이 없습니다.',
      notListening: '서버에서 포트 {{port}}로 연결을 기다리는 프로그램이 없습니다.',
      notListeningNoUnit:
        '서버에서 포트 {{port}}로 연결을 기다리는 프로그램이 없습니다({{service}}이라는 유닛은 없습니다).',
      refusedClientOnly:
        '{{where}}이(가) 연결을 거부했습니다. 클라이언트에서 보기에는 포트 {{port}}에서 기다리는 프로그램이 없습니다. 서버에 접근하지 않으면 멈춘 서비스, 다른 주소에 묶인 서비스, 방화벽의 REJECT를 구별할 수 없습니다. 다음 단계를 서버에서 실행하거나 서버 접근(SSH)을 주세요.',
      refusedUnread:
        '{{where}}이(가) 연결을 거부했고 이를 거부하는 서버 규칙은 없습니다. 포트 {{port}}에서 기다리는 프로그램이 없습니다(연결 대기 소켓을 읽지 못해 확인하지는 못했습니다).',
      refusedUnreadSelf:
        '{{where}}이(가) 서버 자신에서도 연결을 거부했고 이를 거부하는 서버 규칙은 없습니다. 포트 {{port}}에서 기다리는 프로그램이 없습니다(연결 대기 소켓을 읽지 못해 확인하지는 못했습니다).',
    },
    unknown: {
      firewallUnevaluated:
        '{{where}}(으)로의 연결이 $t(diagnosis.outcome.{{outcome}}). 서버 방화벽을 평가할 수 없었습니다: $t({{reasonId}}). ConnDoctor는 추측하지 않습니다.',
      firewallUnevaluatedRule:
        '{{where}}(으)로의 연결이 $t(diagnosis.outcome.{{outcome}}). 서버 방화벽을 평가할 수 없었습니다({{undecidable}}): $t({{reasonId}}). ConnDoctor는 추측하지 않습니다.',
      firewallUnread:
        '{{where}}(으)로의 연결이 $t(diagnosis.outcome.{{outcome}}). 서버 방화벽 규칙을 읽지 못했습니다. 서버에서 root 또는 sudo 권한으로 ConnDoctor를 실행하세요.',
      firewallUnreadNamed:
        '{{where}}(으)로의 연결이 $t(diagnosis.outcome.{{outcome}}). 서버 방화벽 규칙을 읽지 못했습니다({{backends}}). 서버에서 root 또는 sudo 권한으로 ConnDoctor를 실행하세요.',
      reset:
        '{{where}}이(가) 연결을 받은 뒤 끊었습니다. 서비스(또는 그 앞의 프록시)가 연결을 닫았습니다.',
      listenerServes:
        '{{where}}(으)로의 연결이 $t(diagnosis.outcome.{{outcome}}). 서버는 이 포트에서 기다리고 있고 서버 쪽 문제도 찾지 못했습니다. 모은 증거로는 설명되지 않습니다.',
      notEnough:
        '{{where}}(으)로의 연결이 $t(diagnosis.outcome.{{outcome}}). 모은 증거만으로는 이유를 말할 수 없습니다.',
    },
    step: {
      skippedByUser: '건너뜀: 이 단계를 건너뛰기로 했습니다.',
      skippedNoAccess: '확인하지 않음: 서버 접근(SSH 또는 붙여 넣은 출력)이 필요합니다.',
      skippedEarlier:
        '확인하지 않음: 앞 단계에서 이미 답이 나왔습니다(주소가 없으면 따라갈 연결도 없습니다).',
      skippedNoEvidence: '확인하지 않음: 이 단계의 증거를 모으지 못했습니다.',
      dns: {
        passLiteral: '{{host}}은(는) 주소이므로 바꿀 이름이 없습니다.',
        pass: '{{host}}은(는) {{addresses}}(으)로 바뀝니다.',
        unknown: '이름 풀이(리졸버)의 응답을 읽지 못했습니다.',
      },
      route: {
        pass: '이 컴퓨터에는 {{address}}(으)로 가는 경로가 있고 연결이 그 경로를 지나갔습니다.',
        passRoute: '이 컴퓨터는 {{destination}}을(를) {{dev}}(으)로 보냅니다({{type}}).',
        skippedNoAddress: '확인하지 않음: 주소가 없어서 경로를 찾을 대상이 없습니다.',
        unknown: '이 컴퓨터에서 호스트로 가는 경로를 읽지 못했습니다.',
      },
      network: {
        pass: '{{address}}은(는) 서버에서 켜져 있는 인터페이스에 설정되어 있습니다.',
        passAnswered: '서버가 {{address}}에서 응답했으므로 이 주소는 살아 있습니다.',
        unknown: '서버의 인터페이스 정보를 읽지 못했습니다.',
      },
      path: {
        passCaptured:
          '서버가 SYN을 받았습니다(서버의 응답: {{answer}}). 경로 중간에서 막는 것은 없습니다.',
        passAnswered:
          '클라이언트가 응답을 받았습니다(연결이 $t(diagnosis.outcome.{{outcome}})). SYN은 경로를 지나갔습니다.',
        unknown: 'SYN이 서버에 닿았는지 알 수 없습니다(패킷 캡처 없음).',
      },
      firewall: {
        pass: '서버 방화벽이 포트 {{port}}(으)로 오는 SYN을 허용합니다.',
        passBy: '서버 방화벽이 포트 {{port}}(으)로 오는 SYN을 허용합니다: $t({{reasonId}}).',
        unknown: '서버 방화벽을 평가할 수 없었습니다: $t({{reasonId}}).',
        unread: '서버 방화벽 규칙을 읽지 못했습니다({{backends}}).',
      },
      listening: {
        pass: '포트 {{port}}은(는) {{listeners}}에서 연결을 기다리며, 이는 {{address}}을(를) 포함합니다.',
        passAnswered: '포트가 응답했습니다. 포트 {{port}}에서 무언가가 연결을 기다리고 있습니다.',
        unknown: '서버의 연결 대기 소켓을 읽지 못했습니다.',
      },
      service: {
        pass: '{{service}}의 상태는 {{state}}입니다.',
        noService: '포트 {{port}}에서 실행되어야 할 서비스를 지정하지 않았거나 찾지 못했습니다.',
        namedByListening:
          '{{service}}의 상태는 {{state}}입니다. 연결 대기 단계가 이것을 원인으로 짚었습니다.',
        unknown: '{{service}}의 상태를 읽지 못했습니다.',
      },
    },
    ruledOut: {
      isAddress: 'connect: {{host}}은(는) 주소이므로 바꿀 이름이 없습니다',
      resolved: 'connect: {{host}}은(는) {{addresses}}(으)로 바뀌었습니다',
      route: 'route: {{route}} (경로 종류 {{type}})',
      interfaceUp: 'interfaces: {{address}}은(는) {{name}}에 있고 켜져 있습니다({{state}})',
      synSeen: 'capture: 서버가 SYN을 받았습니다(응답: {{answer}})',
      nothingListens: 'listeners: 포트 {{port}}에서 수신 대기하는 것이 전혀 없습니다',
      listenerAccepts: 'listeners: {{listener}}이(가) {{address}}(으)로 오는 연결을 받습니다',
      serviceListens: 'service: {{service}}이(가) 포트 {{port}}에서 수신 대기합니다',
      serviceActive: 'service: {{service}}이(가) 실행 중입니다{{sub}}',
      listeners: 'listeners: 수신 대기 중 {{listeners}}',
      answeredRefusal: 'connect: 호스트가 응답했습니다(거부: RST 또는 ICMP “port unreachable”)',
      answeredReset: 'connect: 호스트가 응답한 뒤 연결을 끊었습니다',
      firewall: 'firewall: 방화벽 판단 — $t({{reasonId}})',
    },
    rule: {
      kernel: '{{kernel}}',
      frontEnd: '{{feSource}} 규칙 “{{feText}}” ({{kernel}})',
    },
    warning: {
      fixDeclined: '수정을 거절했습니다',
      noConsent: '동의를 받지 못했습니다: {{error}}',
      notApplied: '수정을 적용하지 않았습니다: {{error}}',
      notAppliedNoReason: '수정을 적용하지 않았습니다: 이유가 없습니다',
      applyFailed: '수정 적용에 실패했습니다: {{error}}',
      rolledBack: '서버가 변경을 되돌렸습니다: {{error}}',
      rolledBackUnconfirmed: '서버가 변경을 되돌렸습니다: 확인되지 않음',
      rollbackFailed: '수정을 되돌리지 못했습니다: {{error}}',
      rollbackFailedNoReason: '수정을 되돌리지 못했습니다: 이유가 없습니다',
      firewallUnevaluated:
        '서버 방화벽을 평가할 수 없었습니다. 방화벽 규칙이 이 포트를 막고 있을 수도 있습니다.',
      addressFailed: '{{address}}은(는) 실패했습니다({{error}}). 다른 주소로는 연결되었습니다.',
    },
    next: {
      applyFix: '제안된 수정을 적용하세요: {{description}}.',
      startOwner:
        '보통 포트 {{port}}을(를) 쓰는 서비스 {{service}}이(가) 여기서 실행되어야 한다면 시작하세요.',
      startService: '포트 {{port}}에서 기다려야 할 서비스를 시작하거나 포트 번호를 확인하세요.',
      nearestPort:
        '{{host}}에서는 포트 {{nearest}}이(가) 연결을 기다립니다. {{nearest}}번 포트를 말한 것인가요?',
      listeningNow: '서버에서 무엇이 어느 주소로 연결을 기다리는지 확인하세요.',
      serviceStatus: '{{service}}이(가) 실행되지 않는 이유(상태와 마지막 로그 줄)를 읽으세요.',
      rightPort: '서비스가 실제로 기다리는 포트로 연결하세요.',
      moveService: '또는 {{service}}의 설정에서 기다리는 포트를 바꾸세요.',
      rightPortAt: '{{service}}이(가) 실제로 기다리는 {{suggestion}}(으)로 연결하세요.',
      moveServiceProposed:
        '또는 {{service}}을(를) 포트 {{port}}(으)로 옮기세요. ConnDoctor가 아래에 설정 변경을 보여 주고, 선택할 때만 적용합니다.',
      configBroken:
        '{{program}}이(가) 자기 설정을 거부합니다({{error}}). 먼저 {{at}}을(를) 고치세요. 지금 다시 시작하면 실패하므로 검사가 통과할 때까지 ConnDoctor는 수정을 제안하지 않습니다.',
      bindSetting:
        '{{program}}은(는) {{setting}} 설정으로 주소를 정합니다. {{address}} 또는 모든 주소(0.0.0.0 / ::)로 바꾼 뒤 다시 시작하세요.',
      bindGeneric:
        '포트 {{port}}을(를) 쓰는 프로그램이 {{listeners}}에만 묶여 있습니다. listen/bind 주소 설정을 {{address}} 또는 0.0.0.0으로 바꾼 뒤 다시 시작하세요.',
      dnsResolver: '이 컴퓨터가 쓰는 리졸버에 이름을 물어보세요.',
      dnsHosts: '/etc/hosts에 이 이름의 항목이 있는지 확인하세요.',
      dnsTypo: '이름에 오타가 없는지 확인하고, IP 주소로 직접 연결해 보세요.',
      routeCheck: '이 컴퓨터가 그 주소를 어떻게 보내는지(경로) 확인하세요.',
      hostCheck: '호스트가 켜져 있고 같은 링크에 있는지(이웃 테이블) 확인하세요.',
      interfaceUp: '서버에서 {{address}}을(를) 가져야 할 인터페이스를 올리세요.',
      upstream:
        '서버 앞의 필터(클라우드 보안 그룹, 네트워크 방화벽, NAT 규칙)에서 이 컴퓨터의 TCP 포트 {{port}} 연결을 허용하세요.',
      firewallRead: '포트 {{port}}에 해당하는 서버 방화벽 규칙을 읽어 보세요.',
      firewallRoot:
        '방화벽을 읽을 수 있도록 서버에서 root 또는 sudo 권한으로 ConnDoctor를 실행하세요.',
      firewallSudoPassword:
        '서버의 sudo가 비밀번호를 물어서 방화벽을 읽지 못했습니다. sudo 비밀번호를 주고(서버 접속 항목 또는 --sudo-password-stdin) 다시 진단하세요.',
      withAccess: '서버 쪽을 보려면 서버 접근(SSH)을 주고 ConnDoctor를 다시 실행하세요.',
      onServer: {
        listeners:
          '서버에서: 포트 {{port}}에서 무언가가 기다리고 있나요? 어느 주소(0.0.0.0, 127.0.0.1…)에서인가요?',
        serviceUnknown:
          '서버에서: 포트 {{port}}에 있어야 할 서비스가 실행 중인가요? (<service>를 유닛 이름으로 바꾸세요)',
        service: '서버에서: {{service}}이(가) 실행 중인가요, 아니면 실패했나요?',
        ufw: '서버에서: ufw가 이 포트를 거부하거나 막고 있나요?',
        iptables: '서버에서: iptables 규칙이 SYN을 REJECT 또는 DROP 하나요?',
        nft: '서버에서: nftables 규칙이 SYN을 거부하거나 버리나요?',
        addr: '서버에서: {{address}}이(가) 켜져 있는 인터페이스에 설정되어 있나요?',
        route: '서버에서: 서버는 {{address}}(으)로 가는 경로를 어떻게 잡나요?',
        capture: '서버에서: SYN이 서버에 닿기는 하나요? (이것을 실행하는 동안 다시 연결해 보세요)',
      },
    },
  },
} satisfies Catalogue<typeof en>;
