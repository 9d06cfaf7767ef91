import type { Catalogue } from '../catalogue-type';
import type { cli as en } from '../en/cli';

/** Korean catalogue, domain `cli`: the same keys as ../en/cli.ts. */
export const cli = {
  cli: {
    lang: {
      bad: '--lang {{value}}: en 또는 ko를 쓰세요',
    },
    result: {
      line: '{{target}}: 연결이 $t(diagnosis.outcome.{{outcome}}). 원인 {{cause}} (확신도 $t(result.confidenceLevel.{{confidence}}), {{ms}} ms)',
      serverChecked: '서버 쪽은 {{server}}에서 확인했습니다.',
      serverPasted: '붙여 넣은 출력',
      serverLocal: '이 컴퓨터',
      serverNotChecked:
        '서버 쪽은 확인하지 않았습니다 (--ssh를 주거나, --manual로 출력을 붙여 넣으세요).',
      fixed: '고치고 확인했습니다: {{description}}',
      notFixed: '수정을 적용했지만 여전히 연결되지 않아 되돌렸습니다.',
      changeId: '변경 {{id}}이(가) 변경 기록에 있습니다 (되돌리기: conndoctor undo {{id}}).',
      warning: '경고: {{text}}',
      rule: '규칙: {{rule}}',
      steps: '단계:',
      alsoFound: '함께 찾은 문제:',
      evidence: '증거:',
      ruledOut: '제외한 원인:',
      fix: '제안하는 수정: {{description}}',
      needsRoot: '(root 권한으로 실행)',
      persistent: '재부팅 후에도 유지됩니다. 되돌리기:',
      notPersistent: '재부팅하면 사라집니다. 되돌리기:',
      noUndo: '되돌릴 수 없습니다.',
      diff: '파일 변경:',
      noTerminal: '물어볼 터미널이 없습니다. 적용하려면 --yes를 주세요',
      ask: '이 해결책을 적용할까요? [y/N] ',
      risk: '위험: {{risk}}',
      alternative: '또는 ({{id}}): {{description}}',
      applyHint: '적용하기: conndoctor diagnose {{target}} --fix{{ssh}}',
      instead: '대신 ({{id}}): {{description}}',
      insteadHint: '적용하기: conndoctor diagnose {{target}} --fix={{id}}{{ssh}}',
      hint: '힌트: {{text}}',
      next: '다음에 할 일:',
    },
    verdict: {
      pass: '통과',
      fail: '문제',
      unknown: '모름',
      skipped: '건너뜀',
    },
  },
} satisfies Catalogue<typeof en>;
