import type { Catalogue } from '../catalogue-type';
import type { history as en } from '../en/history';

/** Korean catalogue, domain `history`: the same keys as ../en/history.ts. */
export const history = {
  history: {
    notify: {
      title: '{{target}} 진단이 끝났습니다',
      ok: '연결이 정상입니다.',
      cause: '원인: {{cause}}. 증거와 해결 방법은 ConnDoctor에서 확인하세요.',
    },
  },
} satisfies Catalogue<typeof en>;
