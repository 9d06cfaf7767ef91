import type { Catalogue } from '../catalogue-type';
import type { fix as en } from '../en/fix';

/** Korean catalogue, domain `fix`: the same keys as ../en/fix.ts. */
export const fix = {
  fix: {
    plan: {
      serviceStart: '{{unit}}을(를) 지금 시작합니다 (부팅 시 설정은 그대로)',
      serviceEnable: '{{unit}}을(를) 지금 시작하고 부팅할 때마다 시작합니다',
      serviceRestart: '{{unit}}을(를) 다시 시작합니다',
      deleteRule: '막고 있는 방화벽 규칙 {{rule}}을(를) 삭제합니다 (규칙을 다시 읽을 때까지)',
      insertAccept:
        '막고 있는 규칙 {{rule}} 앞에 TCP 포트 {{port}} 허용 규칙을 넣습니다 (규칙을 다시 읽을 때까지)',
      ufwDelete: 'ufw 규칙 “{{rule}}”을(를) 삭제합니다',
      ufwReplace: 'ufw 규칙 “{{rule}}”을(를) {{to}} 허용 규칙으로 바꿉니다',
      ufwAllow: 'ufw에서 {{port}}/tcp를 다른 규칙보다 먼저 허용합니다',
      firewalldAddPort: 'firewalld에서 다음 reload까지 {{port}}/tcp를 엽니다',
      firewalldAddPortPermanent: 'firewalld에서 {{port}}/tcp를 영구히 엽니다',
      fail2banUnban: 'fail2ban jail {{jail}}에서 {{address}}의 차단을 풉니다',
      linkUp: '인터페이스 {{iface}}을(를) 올립니다 (다음 재부팅이나 네트워크 재시작까지)',
      addressAdd: '{{iface}}에 {{address}}을(를) 추가합니다 (호스트 프리픽스, 다음 재부팅까지)',
      configEdit:
        '{{path}}을(를) diff대로 고치고(백업을 남깁니다) 검사한 뒤 {{unit}}을(를) 다시 시작합니다',
      configMove:
        '{{unit}}을(를) 포트 {{from}}에서 {{to}}(으)로 옮깁니다: {{path}}을(를) diff대로 고치고(백업을 남깁니다) 검사한 뒤 {{unit}}을(를) 다시 시작합니다',
      unitDropInEnv:
        '같은 옵션을 모든 주소에서 수신하도록 바꿔 {{unit}}의 {{name}}을(를) 다시 정하는 드롭인 {{path}}(diff에 표시됨)를 추가한 다음 systemd를 다시 읽고 {{unit}}을(를) 재시작합니다',
      unitDropIn:
        '같은 명령줄에서 모든 주소로 수신하도록 하는 드롭인 {{path}}(diff에 표시됨)를 {{unit}}에 추가한 다음 systemd를 다시 읽고 {{unit}}을(를) 재시작합니다',
    },
    risk: {
      serviceStart:
        '낮음: {{unit}}은(는) 현재 설정으로 시작합니다. 실패하면 로그에 이유가 나옵니다.',
      serviceRestart: '다시 시작하는 동안 {{unit}}에 대한 연결이 잠시 끊깁니다.',
      deleteRule:
        '그 규칙이 막던 트래픽이 통과합니다. 규칙을 저장하지 않으면 다시 읽을 때 되돌아옵니다.',
      insertAccept: '방화벽이 들여보내는 모든 출발지에서 포트 {{port}}에 접속할 수 있게 됩니다.',
      unban: '{{address}}이(가) 계속 로그인에 실패하면 다시 차단될 수 있습니다.',
      notPersistent: '낮음: 다음 재부팅이나 네트워크 재시작 때 변경이 사라집니다.',
      configEdit:
        '{{unit}}이(가) 다시 시작하고(연결이 잠시 끊깁니다) 서버의 모든 주소에서 수신 대기합니다. 방화벽이 들여보내는 누구나 접속할 수 있습니다. 검사나 재시작이 실패하면 {{path}}을(를) 원래대로 되돌립니다.',
      configEditRedis:
        '{{unit}}이(가) 다시 시작하고(연결이 잠시 끊깁니다) 모든 주소에서 수신 대기합니다. Redis 보호 모드(protected mode)는 켜진 채로 남습니다. 기본 사용자에게 비밀번호가 없으면 다른 컴퓨터의 클라이언트는 비밀번호(requirepass 또는 ACL 사용자)를 정할 때까지 DENIED 오류를 받습니다. 방화벽이 들여보내는 누구나 포트에 접속할 수 있습니다. 재시작이 실패하면 {{path}}을(를) 원래대로 되돌립니다.',
      configEditSshd:
        'sshd가 추가한 주소에서도 수신 대기하며 기존 수신 주소는 그대로 남습니다. {{unit}}이(가) 다시 시작합니다(열려 있는 SSH 세션은 유지됩니다). SSH로 적용하면 제한 시간 안에 변경이 확인되지 않을 때 데드맨 스위치가 {{path}}을(를) 되돌리고 {{unit}}을(를) 다시 시작합니다. 방화벽이 들여보내는 누구나 포트에 접속해 로그인을 시도할 수 있습니다.',
      configEditPostgresql:
        '{{unit}}이(가) 다시 시작하고(열린 연결은 닫힙니다) 모든 주소에서 수신 대기합니다. TCP 연결은 로그인이 아닙니다. 누가 로그인할 수 있는지는 여전히 pg_hba.conf가 정하며, Debian 기본값은 로컬 연결만 허용합니다. 다른 컴퓨터의 클라이언트는 그들을 위한 host 줄을 추가할 때까지 “no pg_hba.conf entry” 오류를 받습니다. 검사나 재시작이 실패하면 {{path}}을(를) 원래대로 되돌립니다.',
      configEditMariadb:
        "{{unit}}이(가) 다시 시작하고(열린 연결은 닫힙니다) 모든 주소에서 수신 대기합니다. TCP 연결은 로그인이 아닙니다. MariaDB 계정은 호스트별로 정해지며('user'@'localhost'), Debian의 root는 로컬 소켓으로만 로그인합니다. 다른 컴퓨터의 클라이언트에는 그 호스트용 계정이 필요합니다(CREATE USER … @'%'). 검사나 재시작이 실패하면 {{path}}을(를) 원래대로 되돌립니다.",
      configMove:
        '{{unit}}이(가) 다시 시작하고(연결이 잠시 끊깁니다) 그 뒤로는 포트 {{from}} 대신 {{to}}에서 수신 대기합니다. 포트 {{from}}(으)로 접속하던 것(클라이언트, 링크, 상태 검사, 그 포트를 위한 방화벽 규칙)은 함께 바꿀 때까지 닿지 않습니다. 검사나 재시작이 실패하면 {{path}}을(를) 원래대로 되돌리고, 되돌리기는 원래 포트로 옮겨 놓습니다.',
      unitDropIn:
        '{{unit}}이(가) 재시작되고(연결이 잠시 끊김) 서버의 모든 주소에서 수신합니다. 방화벽이 허용하는 누구나 접속할 수 있습니다. 재시작에 실패하면 {{path}}을(를) 다시 삭제합니다. 되돌리기는 {{path}}을(를) 삭제합니다.',
      unitDropInMariadb:
        "{{unit}}이(가) 다시 시작하고(열린 연결은 닫힙니다) 모든 주소에서 수신 대기합니다. TCP 연결은 로그인이 아닙니다. MariaDB 계정은 호스트별로 정해지므로('user'@'localhost') 다른 컴퓨터의 클라이언트에는 그 호스트용 계정이 필요합니다(CREATE USER … @'%'). 재시작에 실패하면 {{path}}을(를) 다시 삭제합니다. 되돌리기는 {{path}}을(를) 삭제합니다.",
      unitDropInRedis:
        '{{unit}}이(가) 재시작되고(연결이 잠시 끊김) 모든 주소에서 수신합니다. Redis 보호 모드는 켜진 채로 남습니다. 기본 사용자에 비밀번호가 없는 동안 다른 컴퓨터의 클라이언트는 비밀번호(requirepass 또는 ACL 사용자)를 설정할 때까지 DENIED 오류를 받습니다. 방화벽이 허용하는 누구나 포트에 접속할 수 있습니다. 재시작에 실패하면 {{path}}을(를) 다시 삭제합니다. 되돌리기는 {{path}}을(를) 삭제합니다.',
    },
  },
} satisfies Catalogue<typeof en>;
