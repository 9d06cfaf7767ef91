import type { Catalogue } from '../catalogue-type';
import type { error as en } from '../en/error';

/** Korean catalogue, domain `error`: the same keys as ../en/error.ts. */
export const error = {
  error: {
    target: {
      portInvalid: '포트 "{{text}}"이(가) 올바르지 않습니다',
      portRange: '포트 {{port}}은(는) 허용 범위(1-65535)를 벗어납니다',
      hostInvalid: '호스트 "{{text}}"이(가) 올바르지 않습니다',
      missing: 'HOST:PORT가 없습니다',
      missingHost: '호스트가 없습니다',
      noHost: '"{{text}}"에 호스트가 없습니다',
      bracket: '대상 "{{text}}"이(가) 올바르지 않습니다: "]"가 없습니다',
      missingPortV6: '"{{text}}"에 포트가 없습니다 ([addr]:port 형식으로 쓰세요)',
      invalid: '대상 "{{text}}"이(가) 올바르지 않습니다',
      ipv6Invalid: 'IPv6 주소 "{{text}}"이(가) 올바르지 않습니다',
      bareIpv6: '괄호 없는 IPv6 주소 "{{text}}": [addr]:port 형식으로 쓰세요',
      missingPortHost: '"{{text}}"에 포트가 없습니다 (HOST:PORT 형식으로 쓰세요)',
      missingPort: '"{{text}}"에 포트가 없습니다',
    },
    file: {
      missing: '{{path}}: 파일이 없습니다',
      unreadable: '{{path}}: 읽을 수 없습니다 ({{code}})',
      notRegular: '{{path}}: 일반 파일이 아닙니다',
      tooLarge: '{{path}}: {{size}}보다 큽니다',
    },
    ssh: {
      destUser: 'SSH 대상 {{dest}}의 사용자 이름이 올바르지 않습니다',
      destPort: 'SSH 대상 {{dest}}의 포트가 올바르지 않습니다: {{port}}',
      destIpv6: 'SSH 대상 {{dest}}의 IPv6 주소가 올바르지 않습니다',
      destHost: 'SSH 대상 {{dest}}의 호스트가 올바르지 않습니다',
      authFailed: '{{label}} 인증 실패 (받아들여진 키나 비밀번호가 없습니다)',
      noCredentials:
        '{{label}}에 쓸 자격 증명이 없습니다: 키 파일을 주거나, ssh-agent를 시작하거나, 비밀번호를 주세요',
      timeout: '{{label}}에서 응답이 없습니다 (SSH 연결 시간 초과)',
      dns: '{{label}}의 SSH 호스트 이름을 풀 수 없습니다 ({{code}})',
      refused:
        '{{label}}로의 SSH 연결이 거부되었습니다 (그 포트에서 수신 대기하는 것이 없거나 방화벽이 거부합니다)',
      unreachable: '{{label}}에 도달할 수 없습니다 ({{code}})',
      lost: '{{label}}로의 SSH 연결 실패: {{detail}}',
      hostKeyUnknown:
        '{{label}}의 호스트 키를 모릅니다: {{keyType}} {{fingerprint}}, {{knownHosts}}에 없습니다 (지문을 확인한 뒤 --accept-new로 받아들이세요)',
      hostKeyChanged:
        '{{label}}의 호스트 키가 바뀌었습니다: 서버는 {{keyType}} {{fingerprint}}을(를) 제시하지만 {{knownHosts}}:{{line}}에는 {{known}}이(가) 있습니다. 연결을 거부합니다 (중간자 공격일 수 있습니다. 바뀐 것이 예상된 일일 때만 옛 키를 지우세요)',
      hostKeyRevoked:
        '{{label}}의 호스트 키({{keyType}} {{fingerprint}})는 {{knownHosts}}:{{line}}에서 @revoked로 표시되어 있습니다',
      hostKeyRecord: '호스트 키를 기록할 수 없습니다: {{detail}}',
      knownHostsUnreadable: '{{file}}을(를) 읽을 수 없습니다: {{code}}',
      keyNoPassphrase: '키 {{file}}은(는) 암호로 보호되어 있는데 암호가 주어지지 않았습니다',
      keyWrongPassphrase: '키 {{file}}의 암호가 틀렸습니다',
      keyUnusable: '{{file}}은(는) ssh2가 쓸 수 있는 개인 키가 아닙니다 ({{detail}})',
      configUnreadable: 'SSH 설정을 읽을 수 없습니다: $t({{fileId}})',
      configParse: 'SSH 설정 {{file}}을(를) 해석할 수 없습니다: {{detail}}',
      configPort: '{{file}}의 포트가 올바르지 않습니다: {{port}}',
      configHostName: '{{file}}에서 {{alias}}의 HostName이 올바르지 않습니다',
      configUser: '{{file}}에서 {{alias}}의 User가 올바르지 않습니다',
      proxyJumpHops: '여러 단계를 거치는 ProxyJump는 지원하지 않습니다 ({{file}}의 {{alias}})',
      proxyJumpChain: 'ProxyJump 연쇄는 지원하지 않습니다 ({{jump}})',
    },
  },
} satisfies Catalogue<typeof en>;
